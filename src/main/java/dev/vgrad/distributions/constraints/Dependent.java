package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/**
 * A placeholder for variables whose support depends on other variables (PyTorch's {@code constraints.dependent}, what
 * {@code Uniform}'s low and high say): it cannot check anything, and its discreteness and event dimensions are known
 * only where given.
 */
public final class Dependent extends Constraint {
    private final Boolean discrete;
    private final Integer eventDim;

    Dependent(Boolean discrete, Integer eventDim) {
        this.discrete = discrete;
        this.eventDim = eventDim;
    }

    /** The same placeholder with these static attributes ({@code dependent(is_discrete=..., event_dim=...)}). */
    public Dependent with(boolean isDiscrete, int eventDim) {
        return new Dependent(isDiscrete, eventDim);
    }

    /** @throws UnsupportedOperationException always, as PyTorch's ValueError */
    @Override
    public Tensor check(Tensor value) {
        throw new UnsupportedOperationException("Cannot determine validity of dependent constraint");
    }

    /** @throws UnsupportedOperationException where it was not given (PyTorch's NotImplementedError) */
    @Override
    public boolean isDiscrete() {
        if (discrete == null) {
            throw new UnsupportedOperationException(".is_discrete cannot be determined statically");
        }
        return discrete;
    }

    /** @throws UnsupportedOperationException where it was not given (PyTorch's NotImplementedError) */
    @Override
    public int eventDim() {
        if (eventDim == null) {
            throw new UnsupportedOperationException(".event_dim cannot be determined statically");
        }
        return eventDim;
    }
}

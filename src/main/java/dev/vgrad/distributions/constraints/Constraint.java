package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/**
 * A region over which a variable is valid, as {@code torch.distributions.constraints.Constraint}: {@link #check} says
 * which events of a value lie in it. PyTorch's {@code repr} is {@link #toString} ({@code Real()},
 * {@code GreaterThan(lower_bound=0.0)}, ...).
 */
public abstract class Constraint {
    /** For subclasses. */
    protected Constraint() {}

    /**
     * 1 where the event of {@code value} satisfies the constraint, else 0 (PyTorch's bool tensor, as vgrad's masks
     * are): shape {@code value}'s less the {@link #eventDim()} rightmost dimensions, broadcast with any tensor bound.
     */
    public abstract Tensor check(Tensor value);

    /** Whether the constrained space is discrete (PyTorch's {@code is_discrete}). */
    public boolean isDiscrete() {
        return false;
    }

    /** How many rightmost dimensions form one event, which {@link #check} reduces over ({@code event_dim}). */
    public int eventDim() {
        return 0;
    }

    /** PyTorch's repr: the class's name and, for the parameterized kinds, its parameters. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }
}

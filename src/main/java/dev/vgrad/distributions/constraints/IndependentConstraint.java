package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * A constraint whose {@code reinterpretedBatchNdims} further rightmost dimensions belong to the event (PyTorch's
 * {@code constraints.independent}): an event is valid only where every one of its entries is.
 */
public final class IndependentConstraint extends Constraint {
    private final Constraint base;
    private final int reinterpreted;

    IndependentConstraint(Constraint base, int reinterpretedBatchNdims) {
        if (base == null || reinterpretedBatchNdims < 0) {
            throw new IllegalArgumentException("independent: needs a constraint and reinterpreted_batch_ndims >= 0, "
                    + "got " + base + ", " + reinterpretedBatchNdims);
        }
        this.base = base;
        this.reinterpreted = reinterpretedBatchNdims;
    }

    /** The wrapped constraint (PyTorch's {@code base_constraint}). */
    public Constraint baseConstraint() {
        return base;
    }

    /** How many dimensions it adds to the base's event ({@code reinterpreted_batch_ndims}). */
    public int reinterpretedBatchNdims() {
        return reinterpreted;
    }

    @Override
    public Tensor check(Tensor value) {
        Tensor result = base.check(value);
        if (result.dim() < reinterpreted) {
            throw new IllegalArgumentException("Expected value.dim() >= " + eventDim() + " but got " + value.dim());
        }
        int[] kept = Arrays.copyOf(result.shape(), result.dim() - reinterpreted + 1);
        kept[kept.length - 1] = -1;
        return result.reshape(kept).all(-1, false);
    }

    @Override
    public boolean isDiscrete() {
        return base.isDiscrete();
    }

    @Override
    public int eventDim() {
        return base.eventDim() + reinterpreted;
    }

    @Override
    public String toString() {
        return "IndependentConstraint(" + base + ", " + reinterpreted + ")";
    }
}

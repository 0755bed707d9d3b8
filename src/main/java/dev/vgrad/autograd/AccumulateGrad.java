package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;

/**
 * The node at a leaf that requires grad: adds the incoming gradient into the leaf's {@code grad}. The first
 * gradient is copied (so no two leaves, and no caller, ever share a grad buffer); later ones are added in
 * place, which is PyTorch's accumulation. Under {@code createGraph} (grad mode on during backward) a gradient
 * that has a graph of its own is kept with it, and later ones are added out of place, so that the accumulated
 * {@code grad} can itself be differentiated.
 */
public final class AccumulateGrad extends Node {
    private static final Tensor[] NO_INPUTS = new Tensor[0];
    private final Tensor leaf;

    /** The accumulator of {@code leaf}. */
    public AccumulateGrad(Tensor leaf) {
        super("AccumulateGrad");
        this.leaf = leaf;
    }

    /** The leaf this node accumulates into. */
    public Tensor variable() {
        return leaf;
    }

    /**
     * The leaf's grad when {@link #apply} would add into it in place and no hook would see what arrives (see
     * {@link Node#accumulator}); a contiguous one only, which is what rules write. Null otherwise.
     */
    Tensor inPlaceTarget() {
        Tensor current = leaf.grad();
        return current != null && current.isContiguous() && !hasPreHooks() ? current : null;
    }

    @Override
    protected Tensor[] apply(Tensor grad) {
        Tensor current = leaf.grad();
        boolean createGraph = GradMode.isEnabled();
        if (current != null && !createGraph) {
            // In place into the gradient that already outlives the step (the usual case from the second step on):
            // nothing made here needs to, so no scope leaves the arena (a scope is an object per leaf per step).
            current.add_(grad);
            return NO_INPUTS;
        }
        // A new gradient outlives the step: it is made outside any arena.
        try (var heap = Arena.outside()) {
            leaf.setGrad(current == null
                    ? (createGraph && grad.requiresGrad() ? grad : grad.detach().clone())
                    : current.add(grad));
        }
        return NO_INPUTS;
    }
}

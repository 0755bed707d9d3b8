package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;

/**
 * The node at a leaf that requires grad: adds the incoming gradient into the leaf's {@code grad}. The first
 * gradient is copied (so no two leaves, and no caller, ever share a grad buffer); later ones are added in
 * place, which is PyTorch's accumulation.
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

    @Override
    protected Tensor[] apply(Tensor grad) {
        Tensor current = leaf.grad();
        if (current == null) {
            // A gradient outlives the step: it is made outside any arena.
            try (var heap = Arena.outside()) {
                leaf.setGrad(grad.detach().clone());
            }
        } else {
            current.add_(grad);
        }
        return NO_INPUTS;
    }
}

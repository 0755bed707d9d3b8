package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One constraint for each index of a dimension (PyTorch's {@code constraints.stack}): the i-th applies to
 * {@code value.select(dim, i)}, and the checks are stacked along that dimension again.
 */
public final class Stack extends Constraint {
    private final List<Constraint> parts;
    private final int dim;

    Stack(List<Constraint> parts, int dim) {
        this.parts = List.copyOf(parts);
        this.dim = dim;
    }

    /** The constraints, one per index (PyTorch's {@code cseq}). */
    public List<Constraint> parts() {
        return parts;
    }

    /** The dimension they are stacked along. */
    public int dim() {
        return dim;
    }

    @Override
    public Tensor check(Tensor value) {
        Slices.requireDim(value, dim, this);
        List<Tensor> checks = new ArrayList<>();
        int n = Math.min(value.size(dim), parts.size());
        for (int i = 0; i < n; i++) {
            checks.add(parts.get(i).check(value.select(dim, i)));
        }
        return Tensor.stack(checks, dim);
    }

    @Override
    public boolean isDiscrete() {
        return parts.stream().anyMatch(Constraint::isDiscrete);
    }

    /** The largest event of the parts, one more where {@code dim} counts from the right past it (PyTorch's rule). */
    @Override
    public int eventDim() {
        int eventDim = parts.stream().mapToInt(Constraint::eventDim).max().orElseThrow();
        return dim + eventDim < 0 ? eventDim + 1 : eventDim;
    }
}

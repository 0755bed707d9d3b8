package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Constraints applied to consecutive slices of one dimension (PyTorch's {@code constraints.cat}): the i-th to
 * {@code lengths[i]} entries along {@code dim}, their checks joined along that dimension as {@code Tensor.cat} joins
 * them.
 */
public final class Cat extends Constraint {
    private final List<Constraint> parts;
    private final int dim;
    private final int[] lengths;

    Cat(List<Constraint> parts, int dim, int[] lengths) {
        this.parts = List.copyOf(parts);
        this.dim = dim;
        if (lengths == null) {
            lengths = new int[parts.size()];
            Arrays.fill(lengths, 1);
        }
        if (lengths.length != parts.size()) {
            throw new IllegalArgumentException("cat: " + parts.size() + " constraints but " + lengths.length
                    + " lengths");
        }
        this.lengths = lengths.clone();
    }

    /** The constraints, in order (PyTorch's {@code cseq}). */
    public List<Constraint> parts() {
        return parts;
    }

    /** The dimension the slices run along. */
    public int dim() {
        return dim;
    }

    /** Each slice's length along {@link #dim()}. */
    public int[] lengths() {
        return lengths.clone();
    }

    @Override
    public Tensor check(Tensor value) {
        Slices.requireDim(value, dim, this);
        List<Tensor> checks = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < parts.size(); i++) {
            checks.add(parts.get(i).check(value.narrow(dim, start, lengths[i])));
            start += lengths[i];
        }
        return Tensor.cat(checks, dim);
    }

    @Override
    public boolean isDiscrete() {
        return parts.stream().anyMatch(Constraint::isDiscrete);
    }

    @Override
    public int eventDim() {
        return parts.stream().mapToInt(Constraint::eventDim).max().orElseThrow();
    }
}

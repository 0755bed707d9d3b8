package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One transform for each index of a dimension, as {@code torch.distributions.transforms.StackTransform}: the i-th
 * applies to {@code x.select(dim, i)}, the results (and the log |det J| terms) stacked along {@code dim} again.
 */
public final class StackTransform extends Transform {
    private final List<Transform> parts;
    private final int dim;

    /** Without a cache. */
    public StackTransform(List<Transform> parts, int dim) {
        this(parts, dim, 0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public StackTransform(List<Transform> parts, int dim, int cacheSize) {
        super(cacheSize);
        this.parts = List.copyOf(parts);
        this.dim = dim;
    }

    @Override
    protected Tensor forward(Tensor x) {
        return apply(x, false);
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return apply(y, true);
    }

    private Tensor apply(Tensor v, boolean inverse) {
        requireSlices(v);
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Tensor slice = v.select(dim, i);
            out.add(inverse ? parts.get(i).inv(slice) : parts.get(i).call(slice));
        }
        return Tensor.stack(out, dim);
    }

    private void requireSlices(Tensor v) {
        SliceTransforms.requireDim(v, dim, "StackTransform");
        if (v.size(dim) != parts.size()) {
            throw new IllegalArgumentException("StackTransform: " + parts.size() + " transforms but shape "
                    + Arrays.toString(v.shape()) + " has " + v.size(dim) + " along dim " + dim);
        }
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        requireSlices(x);
        requireSlices(y);
        List<Tensor> terms = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            terms.add(parts.get(i).logAbsDetJacobian(x.select(dim, i), y.select(dim, i)));
        }
        return Tensor.stack(terms, dim);
    }

    @Override
    public Constraint domain() {
        return Constraints.stack(parts.stream().map(Transform::domain).toList(), dim);
    }

    @Override
    public Constraint codomain() {
        return Constraints.stack(parts.stream().map(Transform::codomain).toList(), dim);
    }

    @Override
    public boolean bijective() {
        return parts.stream().allMatch(Transform::bijective);
    }
}

package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Transforms applied to consecutive slices of one dimension, as {@code torch.distributions.transforms.CatTransform}:
 * the i-th to {@code lengths[i]} entries along {@code dim}, the results joined as {@code Tensor.cat} joins them; log
 * |det J| joined the same way where {@code dim} lies in the batch, summed where it lies in the event.
 */
public final class CatTransform extends Transform {
    private final List<Transform> parts;
    private final int dim;
    private final int[] lengths;
    private final int length;

    /** Each transform on one entry along {@code dim} (PyTorch's lengths=None). */
    public CatTransform(List<Transform> parts, int dim) {
        this(parts, dim, null, 0);
    }

    /** Each transform on {@code lengths[i]} entries along {@code dim}. */
    public CatTransform(List<Transform> parts, int dim, int[] lengths) {
        this(parts, dim, lengths, 0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public CatTransform(List<Transform> parts, int dim, int[] lengths, int cacheSize) {
        super(cacheSize);
        this.parts = List.copyOf(parts);
        if (lengths == null) {
            lengths = new int[parts.size()];
            Arrays.fill(lengths, 1);
        }
        if (lengths.length != parts.size()) {
            throw new IllegalArgumentException("CatTransform: " + parts.size() + " transforms but " + lengths.length
                    + " lengths");
        }
        this.lengths = lengths.clone();
        this.dim = dim;
        this.length = Arrays.stream(lengths).sum();
    }

    /** The largest event of the parts (each must have the same event on both sides, as PyTorch's event_dim asks). */
    int eventDim() {
        int eventDim = 0;
        for (Transform t : parts) {
            eventDim = Math.max(eventDim, SliceTransforms.eventDim(t));
        }
        return eventDim;
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
        int start = 0;
        for (int i = 0; i < parts.size(); i++) {
            Tensor slice = v.narrow(dim, start, lengths[i]);
            out.add(inverse ? parts.get(i).inv(slice) : parts.get(i).call(slice));
            start += lengths[i];
        }
        return Tensor.cat(out, dim);
    }

    private void requireSlices(Tensor v) {
        SliceTransforms.requireDim(v, dim, "CatTransform");
        if (v.size(dim) != length) {
            throw new IllegalArgumentException("CatTransform: expected " + length + " entries along dim " + dim
                    + ", got shape " + Arrays.toString(v.shape()));
        }
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        requireSlices(x);
        requireSlices(y);
        int eventDim = eventDim();
        List<Tensor> terms = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < parts.size(); i++) {
            Transform t = parts.get(i);
            Tensor term = t.logAbsDetJacobian(x.narrow(dim, start, lengths[i]), y.narrow(dim, start, lengths[i]));
            terms.add(TransformedDistribution.sumRightmost(term, eventDim - SliceTransforms.eventDim(t)));
            start += lengths[i];
        }
        int joinDim = (dim >= 0 ? dim - x.dim() : dim) + eventDim;
        if (joinDim < 0) {
            return Tensor.cat(terms, joinDim);
        }
        Tensor sum = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            sum = sum.add(terms.get(i));
        }
        return sum;
    }

    @Override
    public Constraint domain() {
        return Constraints.cat(parts.stream().map(Transform::domain).toList(), dim, lengths);
    }

    @Override
    public Constraint codomain() {
        return Constraints.cat(parts.stream().map(Transform::codomain).toList(), dim, lengths);
    }

    @Override
    public boolean bijective() {
        return parts.stream().allMatch(Transform::bijective);
    }
}

package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;

/**
 * gather and scatterAdd along a dimension, each the other's backward, so both are differentiable to any order.
 * Index tensors are float tensors holding integers (exact to 2^24); a value that is not an integer or lies out of
 * range is refused before any tensor the caller holds is written, naming the value and its position.
 */
final class Indexing {
    private Indexing() {}

    /** {@code out[..., j, ...] = x[..., index[..., j, ...], ...]} along dim; out has index's shape. */
    static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = Shapes.wrapDim(dim, x.dim());
        checkRanks("gather", x, index, null, d);
        int bound = x.dim() == 0 ? 1 : x.shape[d];
        // checked as it is read: a bad value leaves only the new output half written, and the caller never sees it
        Tensor ix = Compute.dense(index);
        float[] iv = ix.array();
        int io = ix.offset, count = ix.numel();
        Tensor out = Tensor.empty(index.shape, "gather");
        int[] positions = new int[index.dim()];
        float[] src = x.array(), dst = out.array();
        int last = index.dim() - 1, len = last < 0 ? 1 : index.shape[last];
        int along = last < 0 ? 0 : x.stride[d], across = last < 0 || d == last ? 0 : x.stride[last];
        // A run along index's last dimension at a time: the other dimensions' part of x's offset once per run.
        for (int k = 0; k < count; k += len) {
            int base = x.offset + offsetOutside(positions, x.stride, d, last);
            for (int j = 0; j < len; j++) {
                float f = iv[io + k + j];
                int i = (int) f;
                // one conversion and three compares (NaN and the infinities convert to values that differ from f)
                if (i != f || i < 0 || i >= bound) {
                    reject("gather", f, k + j, index, bound, d);
                }
                dst[k + j] = src[base + j * across + i * along];
            }
            next(positions, index.shape, last);
        }
        if (!Graph.recording(x)) {
            return out;
        }
        int[] shape = x.shape;
        out.setGradFn(new Node("GatherBackward0", x) {
            private final SavedTensor savedIndex = save(index);

            @Override
            protected Tensor[] apply(Tensor g) {
                return grads(scatterAdd(Tensor.zeros(shape), d, savedIndex.get(), g, true));
            }
        });
        return out;
    }

    /** A copy of self with each {@code src[p]} added at p's position with dim replaced by {@code index[p]}. */
    static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src) {
        return scatterAdd(self, dim, index, src, false);
    }

    /**
     * {@link #scatterAdd(Tensor, int, Tensor, Tensor)}, into self itself where {@code fresh} says that no one else
     * holds it (gather's backward's zeros: copying them first had cost gather's forward and backward a second pass
     * over x's size, 2.3x PyTorch 1.13's time at 512 x 1024). self's storage is written only after the checks.
     */
    private static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src, boolean fresh) {
        int d = Shapes.wrapDim(dim, self.dim());
        checkRanks("scatter_add", self, index, src, d);
        Tensor ix = checked("scatter_add", index, self.dim() == 0 ? 1 : self.shape[d], d);
        float[] iv = ix.array();
        int io = ix.offset, count = ix.numel();
        Tensor out = fresh ? self : Compute.copy(self);
        int[] positions = new int[index.dim()];
        float[] from = src.array(), dst = out.array();
        int last = index.dim() - 1, len = last < 0 ? 1 : index.shape[last];
        int along = last < 0 ? 0 : out.stride[d], across = last < 0 || d == last ? 0 : out.stride[last];
        int srcAcross = last < 0 ? 0 : src.stride[last];
        // in gather's order, one run at a time: the same additions in the same sequence
        for (int k = 0; k < count; k += len) {
            int base = offsetOutside(positions, out.stride, d, last);
            int s = src.offset + offsetOutside(positions, src.stride, -1, last);
            for (int j = 0; j < len; j++) {
                dst[base + j * across + (int) iv[io + k + j] * along] += from[s + j * srcAcross];
            }
            next(positions, index.shape, last);
        }
        if (!Graph.recording(self, src)) {
            return out;
        }
        int[] srcShape = src.shape;
        out.setGradFn(new Node("ScatterAddBackward0", self, src) {
            private final SavedTensor savedIndex = save(index);

            @Override
            protected Tensor[] apply(Tensor g) {
                return grads(needsGrad(0) ? g : null,
                        needsGrad(1) ? padTo(gather(g, d, savedIndex.get()), srcShape) : null);
            }
        });
        return out;
    }

    /**
     * t (index's shape) extended with zeros to src's shape: the elements of src that index does not reach were not
     * added anywhere, so their gradient is 0. (PyTorch 1.13 fails here; later versions pad likewise.)
     */
    static Tensor padTo(Tensor t, int[] shape) {
        for (int a = 0; a < shape.length; a++) {
            if (t.shape[a] < shape[a]) {
                int[] rest = t.shape.clone();
                rest[a] = shape[a] - t.shape[a];
                t = Tensor.cat(java.util.List.of(t, Tensor.zeros(rest)), a);
            }
        }
        return t;
    }

    /** PyTorch's shape rules: one rank for all; index no larger than src anywhere, nor than self off dim. */
    static void checkRanks(String op, Tensor self, Tensor index, Tensor src, int d) {
        if (index.dim() != self.dim() || (src != null && src.dim() != self.dim())) {
            throw new IllegalArgumentException(op + ": Index tensor must have the same number of dimensions as "
                    + (src != null ? "self and src" : "input") + " tensor (self " + Shapes.str(self.shape) + ", index "
                    + Shapes.str(index.shape) + (src != null ? ", src " + Shapes.str(src.shape) : "") + ")");
        }
        for (int a = 0; a < index.dim(); a++) {
            if ((a != d && index.shape[a] > self.shape[a]) || (src != null && index.shape[a] > src.shape[a])) {
                throw new IllegalArgumentException(op + ": Size does not match at dimension " + a + " expected index "
                        + Shapes.str(index.shape) + " to be smaller than self " + Shapes.str(self.shape)
                        + " apart from dimension " + d + (src != null ? " and to be smaller size than src "
                        + Shapes.str(src.shape) : ""));
            }
        }
    }

    /**
     * index, contiguous (itself where it is: every step's token ids are), after checking that each value is an
     * integer in [0, bound) (negatives are refused). Ops read indices from here rather than from an int[] copy, which
     * grew with the batch and was heap memory every call (gather, inside grid_sample's step: 471 KB of it a step).
     */
    static Tensor checked(String op, Tensor index, int bound, int dim) {
        Tensor src = Compute.dense(index);
        float[] v = src.array();
        for (int k = 0, o = src.offset, count = src.numel(); k < count; k++) {
            float f = v[o + k];
            int i = (int) f;
            // as gather's loop: NaN and the infinities convert to values that differ from f
            if (i != f || i < 0 || i >= bound) {
                reject(op, f, k, index, bound, dim);
            }
        }
        return src;
    }

    /** Throws the error for index value f at flat position k of index: not an integer, or out of [0, bound). */
    private static void reject(String op, float f, int k, Tensor index, int bound, int dim) {
        if (f != Math.rint(f) || Float.isInfinite(f)) {
            throw new IllegalArgumentException(op + ": index " + f + " at position " + position(k, index.shape)
                    + " is not an integer (index tensors hold integers as floats)");
        }
        throw new IllegalArgumentException(op + ": index " + (long) f + " at position " + position(k, index.shape)
                + " is out of bounds for dimension " + dim + " with size " + bound);
    }

    private static String position(int k, int[] shape) {
        int[] p = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            p[a] = k % shape[a];
            k /= shape[a];
        }
        return java.util.Arrays.toString(p);
    }

    /** The offset the dimensions before {@code last} other than {@code skip} give {@code positions} under strides. */
    private static int offsetOutside(int[] positions, int[] strides, int skip, int last) {
        int off = 0;
        for (int a = 0; a < last; a++) {
            if (a != skip) {
                off += positions[a] * strides[a];
            }
        }
        return off;
    }

    /** Moves positions to the next index of shape in row-major order (the last dimension turning fastest). */
    static void next(int[] positions, int[] shape) {
        next(positions, shape, positions.length);
    }

    /**
     * {@link #next} over the first {@code dims} dimensions only: with dims the last dimension's number, the next run
     * along it.
     */
    private static void next(int[] positions, int[] shape, int dims) {
        for (int a = dims - 1; a >= 0; a--) {
            if (++positions[a] < shape[a]) {
                return;
            }
            positions[a] = 0;
        }
    }
}

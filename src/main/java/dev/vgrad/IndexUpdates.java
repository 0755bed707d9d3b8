package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Writing and selecting by index: scatter (a tensor or a value), index_add / index_copy / index_fill along a dimension
 * (each a scatter of the 1-D index spread over the other dimensions), masked_select, nonzero and take_along_dim. The
 * index checks are gather's ({@link Indexing#indices}): a non-integral or out-of-range index is refused, naming the
 * value and its position, before anything is written. Where an index repeats, scatter and index_copy keep the last
 * write (PyTorch leaves that order unspecified).
 */
final class IndexUpdates {
    private IndexUpdates() {}

    /**
     * A copy of self with {@code src[p]} written at p's position with dim replaced by {@code index[p]} (src null: the
     * value). Gradients: self's is g with the written positions zeroed; src's is g gathered at the index.
     */
    static Tensor scatter(Tensor self, int dim, Tensor index, Tensor src, float value) {
        int d = Shapes.wrapDim(dim, self.dim());
        String op = src == null ? "scatter (value)" : "scatter";
        Indexing.checkRanks(op, self, index, src, d);
        Tensor ix = Indexing.checked(op, index, self.dim() == 0 ? 1 : self.shape[d], d);
        float[] iv = ix.array();
        int io = ix.offset, count = ix.numel();
        Tensor out = Compute.copy(self);
        int[] positions = new int[index.dim()];
        float[] from = src == null ? null : src.array(), dst = out.array();
        for (int k = 0; k < count; k++) {
            int o = 0, s = src == null ? 0 : src.offset;
            for (int a = 0; a < positions.length; a++) {
                o += (a == d ? (int) iv[io + k] : positions[a]) * out.stride[a];
                s += src == null ? 0 : positions[a] * src.stride[a];
            }
            dst[o] = src == null ? value : from[s];
            Indexing.next(positions, index.shape);
        }
        if (src == null) {
            if (Graph.recording(self)) {
                out.setGradFn(new Node("ScatterBackward1", self) {
                    private final SavedTensor savedIndex = save(index);

                    @Override
                    protected Tensor[] apply(Tensor g) {
                        return grads(scatter(g, d, savedIndex.get(), null, 0f));
                    }
                });
            }
            return out;
        }
        if (!Graph.recording(self, src)) {
            return out;
        }
        int[] srcShape = src.shape;
        out.setGradFn(new Node("ScatterBackward0", self, src) {
            private final SavedTensor savedIndex = save(index);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor i = savedIndex.get();
                return grads(needsGrad(0) ? scatter(g, d, i, null, 0f) : null,
                        needsGrad(1) ? Indexing.padTo(Indexing.gather(g, d, i), srcShape) : null);
            }
        });
        return out;
    }

    /** index (1-D, n long) as a tensor of {@code shape} (whose size at d is n) holding index[i] at position i along d. */
    static Tensor spread(String op, Tensor index, int d, int[] shape) {
        if (index.dim() > 1) {
            throw new IllegalArgumentException(op + ": Index is supposed to be a vector, got shape "
                    + Shapes.str(index.shape));
        }
        int[] line = new int[shape.length];
        java.util.Arrays.fill(line, 1);
        if (shape.length > 0) {
            line[d] = index.numel();
        }
        return index.reshape(line).expand(shape);
    }

    /** source's shape must be self's with dim d of index's length. */
    static void checkSource(String op, Tensor self, Tensor index, Tensor source, int d) {
        int n = index.numel();
        boolean ok = source.dim() == self.dim();
        for (int a = 0; ok && a < self.dim(); a++) {
            ok = source.shape[a] == (a == d ? n : self.shape[a]);
        }
        if (!ok) {
            throw new IllegalArgumentException(op + ": source " + Shapes.str(source.shape) + " must have self's shape "
                    + Shapes.str(self.shape) + " with dimension " + d + " of the index's length " + n);
        }
    }

    /**
     * The 1-D index of index_add / index_copy / index_fill checked under the op's own name (whole numbers in [0,
     * bound), each named by its position in the index); index_fill's negative indices count from the end, as
     * PyTorch's do ({@code wrapNegative}).
     */
    private static Tensor checkedLine(String op, Tensor index, Tensor self, int d, boolean wrapNegative) {
        if (index.dim() > 1) {
            throw new IllegalArgumentException(op + ": Index is supposed to be a vector, got shape "
                    + Shapes.str(index.shape));
        }
        int bound = self.dim() == 0 ? 1 : self.shape[d];
        Tensor line = index;
        if (wrapNegative) {
            float[] v = Compute.dense(index).toArray();
            for (int k = 0; k < v.length; k++) {
                if (v[k] < 0 && v[k] >= -bound) {
                    v[k] += bound;
                }
            }
            line = Tensor.of(v, index.shape);
        }
        Indexing.checked(op, line, bound, d);
        return line;
    }

    /** self with {@code alpha * source.select(d, i)} added at {@code self.select(d, index[i])}; repeats add up. */
    static Tensor indexAdd(Tensor self, int dim, Tensor index, Tensor source, float alpha) {
        int d = Shapes.wrapDim(dim, self.dim());
        checkedLine("index_add", index, self, d, false);
        Tensor spread = spread("index_add", index, d, source.shape);
        checkSource("index_add", self, index, source, d);
        return Indexing.scatterAdd(self, d, spread, alpha == 1f ? source : source.mul(alpha));
    }

    /** self with {@code source.select(d, i)} written at {@code self.select(d, index[i])}. */
    static Tensor indexCopy(Tensor self, int dim, Tensor index, Tensor source) {
        int d = Shapes.wrapDim(dim, self.dim());
        checkedLine("index_copy", index, self, d, false);
        Tensor spread = spread("index_copy", index, d, source.shape);
        checkSource("index_copy", self, index, source, d);
        return scatter(self, d, spread, source, 0f);
    }

    /** self with value written at every {@code self.select(d, index[i])} (negative indices from the end). */
    static Tensor indexFill(Tensor self, int dim, Tensor index, float value) {
        int d = Shapes.wrapDim(dim, self.dim());
        Tensor line = checkedLine("index_fill", index, self, d, true);
        int[] shape = self.shape.clone();
        if (shape.length > 0) {
            shape[d] = index.numel();
        }
        return scatter(self, d, spread("index_fill", line, d, shape), null, value);
    }

    /** The row-major positions (flat) of mask's nonzero elements, as a 1-D float index. */
    private static Tensor flatPositions(Tensor mask) {
        Tensor m = Compute.dense(mask);
        float[] v = m.array();
        int count = 0;
        for (int k = 0, o = m.offset, n = m.numel(); k < n; k++) {
            count += v[o + k] != 0f ? 1 : 0;
        }
        Tensor out = Tensor.empty(Shapes.of(count), "nonzero");
        float[] p = out.array();
        for (int k = 0, o = m.offset, j = 0, n = m.numel(); k < n; k++) {
            if (v[o + k] != 0f) {
                p[out.offset + j++] = k;
            }
        }
        return out;
    }

    /** The elements of self where mask (broadcast with self) is nonzero, in row-major order, as a 1-D tensor. */
    static Tensor maskedSelect(Tensor self, Tensor mask) {
        int[] shape = Shapes.broadcast(self.shape, mask.shape, "masked_select");
        return self.expand(shape).reshape(-1).indexSelect(0, flatPositions(mask.expand(shape)));
    }

    /** [count, dim]: the coordinates of self's nonzero elements in row-major order, as floats. */
    static Tensor nonzero(Tensor self) {
        Tensor flat = flatPositions(self);
        int count = flat.numel(), rank = self.dim();
        Tensor out = Tensor.empty(Shapes.of(count, rank), "nonzero");
        float[] f = flat.array(), o = out.array();
        for (int j = 0; j < count; j++) {
            int k = (int) f[flat.offset + j];
            for (int a = rank - 1; a >= 0; a--) {
                o[out.offset + j * rank + a] = k % self.shape[a];
                k /= self.shape[a];
            }
        }
        return out;
    }

    /**
     * self and indices broadcast against each other in every dimension but dim, then gathered along dim
     * (torch.take_along_dim); the gradient is gather's, summed back over the broadcast.
     */
    static Tensor takeAlongDim(Tensor self, Tensor indices, int dim) {
        if (indices.dim() != self.dim()) {
            throw new IllegalArgumentException("take_along_dim(): input and indices should have the same number of "
                    + "dimensions, but got " + self.dim() + " dimensions for input " + Shapes.str(self.shape) + ", and "
                    + indices.dim() + " dimensions for indices " + Shapes.str(indices.shape));
        }
        int d = Shapes.wrapDim(dim, self.dim());
        int[] selfShape = self.shape.clone(), indexShape = indices.shape.clone();
        for (int a = 0; a < self.dim(); a++) {
            if (a == d) {
                continue;
            }
            int m = self.shape[a], n = indices.shape[a];
            if (m != n && m != 1 && n != 1) {
                throw new IllegalArgumentException("take_along_dim(): input " + Shapes.str(self.shape) + " and indices "
                        + Shapes.str(indices.shape) + " do not broadcast at dimension " + a + " (" + m + " and " + n
                        + ")");
            }
            selfShape[a] = m == 1 ? n : m;
            indexShape[a] = selfShape[a];
        }
        return Indexing.gather(self.expand(selfShape), d, indices.expand(indexShape));
    }

    /** The permutation that moves dimension src to position dst, the others keeping their order. */
    static int[] movedPermutation(int rank, int src, int dst) {
        int s = Shapes.wrapDim(src, rank), t = Shapes.wrapDim(dst, rank);
        List<Integer> rest = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            if (a != s) {
                rest.add(a);
            }
        }
        rest.add(t, s);
        return rest.stream().mapToInt(Integer::intValue).toArray();
    }

    /** self turned by 90 degrees k times in the plane of dims, from the first toward the second (torch.rot90). */
    static Tensor rot90(Tensor self, int k, int d0, int d1) {
        if (self.dim() < 2) {
            throw new IllegalArgumentException("rot90: expected a tensor of at least 2 dimensions, got "
                    + Shapes.str(self.shape));
        }
        int a = Shapes.wrapDim(d0, self.dim()), b = Shapes.wrapDim(d1, self.dim());
        if (a == b) {
            throw new IllegalArgumentException("rot90: the two rotation dimensions must differ, got " + d0 + " and " + d1);
        }
        return switch (Math.floorMod(k, 4)) {
            case 1 -> self.flip(b).transpose(a, b);
            case 2 -> self.flip(a, b);
            case 3 -> self.flip(a).transpose(a, b);
            default -> self.clone();
        };
    }
}

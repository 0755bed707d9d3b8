package dev.vgrad;

/**
 * Writes into positions a view or a mask would read, each a copy of self (PyTorch's out-of-place forms): slice_scatter,
 * select_scatter, diagonal_scatter, as_strided_scatter, diag_embed, masked_scatter and put. Each finds the flat
 * positions it writes, in the order of the source's elements, and writes through index_copy (index_add for put's
 * accumulate) of the flattened tensor, so the gradients are those ops': the written positions' to the source, the rest
 * to self.
 */
final class ViewScatters {
    private ViewScatters() {}

    /**
     * torch.slice_scatter: a copy of self with src written over {@code self[start:end:step]} along dim; start and end
     * count from the end when negative and are clamped to the size, as Python slices.
     */
    static Tensor sliceScatter(Tensor self, Tensor src, int dim, int start, int end, int step) {
        if (self.dim() == 0) {
            throw new IllegalArgumentException("slice_scatter: a 0-d tensor has no dimension " + dim);
        }
        int d = Shapes.wrapDim(dim, self.dim()), size = self.shape[d];
        if (step <= 0) {
            throw new IllegalArgumentException("slice_scatter: slice step must be positive, got " + step);
        }
        int from = clampSlice(start, size), to = Math.max(from, clampSlice(end, size));
        int count = (to - from + step - 1) / step;
        int[] expected = self.shape.clone();
        expected[d] = count;
        checkSource("slice_scatter", "the slice " + d + "[" + start + ":" + end + ":" + step + "]", expected, src);
        float[] positions = new float[count];
        for (int k = 0; k < count; k++) {
            positions[k] = from + k * step;
        }
        return self.indexCopy(d, Tensor.of(positions), src);
    }

    private static int clampSlice(int at, int size) {
        return Math.min(size, Math.max(0, at < 0 ? at + size : at));
    }

    /** torch.select_scatter: a copy of self with src (self's shape without dim) written over select(dim, index). */
    static Tensor selectScatter(Tensor self, Tensor src, int dim, int index) {
        if (self.dim() == 0) {
            throw new IllegalArgumentException("select_scatter: a 0-d tensor has no dimension " + dim);
        }
        int d = Shapes.wrapDim(dim, self.dim()), size = self.shape[d];
        if (index < -size || index >= size) {
            throw new IllegalArgumentException("select_scatter: index " + index + " out of range for dimension " + d
                    + " of size " + size + " (self " + Shapes.str(self.shape) + ")");
        }
        int[] expected = new int[self.dim() - 1];
        for (int a = 0, b = 0; a < self.dim(); a++) {
            if (a != d) {
                expected[b++] = self.shape[a];
            }
        }
        checkSource("select_scatter", "select(" + d + ", " + index + ")", expected, src);
        return self.indexCopy(d, Tensor.of(new float[] {index < 0 ? index + size : index}), src.unsqueeze(d));
    }

    /**
     * torch.diagonal_scatter: a copy of self with src written over {@code self.diagonal(offset, dim1, dim2)} (src has
     * that diagonal's shape: self's without dim1 and dim2, then the diagonal's length).
     */
    static Tensor diagonalScatter(Tensor self, Tensor src, int offset, int dim1, int dim2) {
        int rank = self.dim();
        if (rank < 2) {
            throw new IllegalArgumentException("diagonal_scatter: expected a tensor of at least 2 dimensions, got "
                    + Shapes.str(self.shape));
        }
        int a = Shapes.wrapDim(dim1, rank), b = Shapes.wrapDim(dim2, rank);
        if (a == b) {
            throw new IllegalArgumentException("diagonal_scatter: dim1 and dim2 cannot be the same, got " + dim1
                    + " and " + dim2);
        }
        int rowStart = Math.max(0, -offset), columnStart = Math.max(0, offset);
        int length = Math.max(0, Math.min(self.shape[a] - rowStart, self.shape[b] - columnStart));
        int[] expected = new int[rank - 1], others = new int[rank - 2];
        for (int x = 0, y = 0; x < rank; x++) {
            if (x != a && x != b) {
                others[y] = x;
                expected[y++] = self.shape[x];
            }
        }
        expected[rank - 2] = length;
        checkSource("diagonal_scatter", "the diagonal (" + offset + ", " + dim1 + ", " + dim2 + ")", expected, src);
        int[] strides = Shapes.contiguousStrides(self.shape);
        float[] positions = new float[src.numel()];
        int[] at = new int[rank - 2], otherSizes = java.util.Arrays.copyOf(expected, rank - 2);
        for (int p = 0; p < positions.length; p += length) {
            int base = rowStart * strides[a] + columnStart * strides[b];
            for (int y = 0; y < others.length; y++) {
                base += at[y] * strides[others[y]];
            }
            for (int k = 0; k < length; k++) {
                positions[p + k] = base + k * (strides[a] + strides[b]);
            }
            Indexing.next(at, otherSizes);
        }
        return written(self, positions, src.reshape(-1));
    }

    /**
     * torch.diag_embed: the last dimension of x placed on the diagonal (offset above the main one if positive) of new
     * dimensions dim1 and dim2 of the result, zeros elsewhere.
     */
    static Tensor diagEmbed(Tensor x, int offset, int dim1, int dim2) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("diag_embed: expected a tensor of at least 1 dimension, got a 0-d one");
        }
        int rank = x.dim() + 1;
        int a = Shapes.wrapDim(dim1, rank), b = Shapes.wrapDim(dim2, rank);
        if (a == b) {
            throw new IllegalArgumentException("diag_embed: diagonal dimensions cannot be identical " + dim1 + ", "
                    + dim2);
        }
        int side = x.shape[x.dim() - 1] + Math.abs(offset);
        int[] shape = new int[rank];
        for (int r = 0, k = 0; r < rank; r++) {
            shape[r] = r == a || r == b ? side : x.shape[k++];
        }
        return Tensor.zeros(shape).diagonalScatter(x, offset, a, b);
    }

    /**
     * torch.masked_scatter: a copy of self with source's leading elements, in order, written where mask (broadcast to
     * self's shape) is nonzero, in row-major order.
     */
    static Tensor maskedScatter(Tensor self, Tensor mask, Tensor source) {
        int[] shape = Shapes.broadcast(self.shape, mask.shape, "masked_scatter");
        if (!java.util.Arrays.equals(shape, self.shape)) {
            throw new IllegalArgumentException("masked_scatter: mask " + Shapes.str(mask.shape)
                    + " must broadcast to self's shape " + Shapes.str(self.shape));
        }
        float[] m = mask.expand(shape).toArray();
        int count = 0;
        for (float f : m) {
            count += f != 0f ? 1 : 0;
        }
        if (source.numel() < count) {
            throw new IllegalArgumentException("masked_scatter: expected source to have at least " + count
                    + " elements (the mask's nonzeros), got " + source.numel() + " (source " + Shapes.str(source.shape)
                    + ")");
        }
        float[] positions = new float[count];
        for (int k = 0, j = 0; k < m.length; k++) {
            if (m[k] != 0f) {
                positions[j++] = k;
            }
        }
        return written(self, positions, source.reshape(-1).narrow(0, 0, count));
    }

    /**
     * torch.Tensor.put: a copy of self, seen as 1-D, with source's elements written (added with accumulate) at index's
     * positions (negative ones count from the end); repeated positions keep the last write, or add up.
     */
    static Tensor put(Tensor self, Tensor index, Tensor source, boolean accumulate) {
        if (index.numel() != source.numel()) {
            throw new IllegalArgumentException("put: Expected source and index to have the same number of elements, "
                    + "but got source " + Shapes.str(source.shape) + " (" + source.numel() + ") and index "
                    + Shapes.str(index.shape) + " (" + index.numel() + ")");
        }
        int n = self.numel();
        float[] positions = index.toArray();
        for (int k = 0; k < positions.length; k++) {
            float p = positions[k];
            if (p != Math.rint(p) || p < -n || p >= n) {
                throw new IllegalArgumentException("put: index " + p + " at flat position " + k + " is not an integer "
                        + "in [-" + n + ", " + n + ") for a tensor of " + n + " elements " + Shapes.str(self.shape));
            }
            positions[k] = p < 0f ? p + n : p;
        }
        Tensor flatIndex = Tensor.of(positions);
        Tensor flat = self.reshape(-1), values = source.reshape(-1);
        Tensor out = accumulate ? flat.indexAdd(0, flatIndex, values) : flat.indexCopy(0, flatIndex, values);
        return out.reshape(self.shape);
    }

    /**
     * torch.as_strided_scatter: a copy of self with src written over {@code as_strided(size, stride, storageOffset)} of
     * that copy, the strides and the offset counting in the copy's storage (row-major, or self's own order for a dense
     * non-overlapping self, a transposed one's for instance, as PyTorch's clone keeps it); where the view names an
     * element twice the later write stays, as in PyTorch. A view that reaches past self's elements is refused. self's
     * gradient is g with the written elements zeroed (PyTorch 1.13's backward gives the reverse: g at the written
     * elements and 0 elsewhere).
     */
    static Tensor asStridedScatter(Tensor self, Tensor src, int[] size, int[] stride, int storageOffset) {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("as_strided_scatter: mismatch in length of strides and shape: "
                    + Shapes.str(size) + " and " + Shapes.str(stride));
        }
        checkSource("as_strided_scatter", "the view's size", size, src);
        int n = self.numel();
        int[] logical = preservedLayout(self);
        float[] positions = new float[src.numel()];
        int[] at = new int[size.length];
        for (int p = 0; p < positions.length; p++) {
            long pos = storageOffset;
            for (int d = 0; d < size.length; d++) {
                pos += (long) at[d] * stride[d];
            }
            if (storageOffset < 0 || pos < 0 || pos >= n) {
                throw new IllegalArgumentException("as_strided_scatter: size " + Shapes.str(size) + ", stride "
                        + Shapes.str(stride) + " and offset " + storageOffset + " reach element " + pos
                        + ", outside self's " + n + " elements " + Shapes.str(self.shape));
            }
            positions[p] = logical == null ? pos : logical[(int) pos];
            Indexing.next(at, size);
        }
        return written(self, positions, src.reshape(-1));
    }

    /**
     * Where PyTorch's copy of self (clone, which keeps the strides of a dense tensor whose elements do not overlap, a
     * transposed one's for instance) holds each element: for each storage position, the element's row-major index; null
     * where that copy is row-major itself (self contiguous, or not dense).
     */
    private static int[] preservedLayout(Tensor self) {
        int rank = self.dim(), n = self.numel();
        if (self.contiguous || n == 0) {
            return null;
        }
        Integer[] order = new Integer[rank];
        for (int d = 0; d < rank; d++) {
            order[d] = d;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(self.stride[b], self.stride[a]));
        long expected = 1;
        for (int k = rank - 1; k >= 0; k--) {
            int d = order[k];
            if (self.shape[d] != 1 && self.stride[d] != expected) {
                return null;   // not dense: clone makes it row-major
            }
            expected *= self.shape[d];
        }
        int[] map = new int[n];
        int[] at = new int[rank];
        for (int flat = 0; flat < n; flat++) {
            int pos = 0;
            for (int d = 0; d < rank; d++) {
                pos += at[d] * self.stride[d];
            }
            map[pos] = flat;
            Indexing.next(at, self.shape);
        }
        return map;
    }

    /** self with values written at the flat positions, through a differentiable index_copy. */
    private static Tensor written(Tensor self, float[] positions, Tensor values) {
        return self.reshape(-1).indexCopy(0, Tensor.of(positions), values).reshape(self.shape);
    }

    private static void checkSource(String op, String what, int[] expected, Tensor src) {
        if (!java.util.Arrays.equals(expected, src.shape)) {
            throw new IllegalArgumentException(op + ": expected src to have a size equal to " + what + " "
                    + Shapes.str(expected) + ", but got " + Shapes.str(src.shape));
        }
    }
}

package dev.vgrad;

import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.Elementwise;
import java.util.Arrays;

/**
 * Operations that re-read the same storage with another shape, strides or offset. Each backward rule is
 * the dual movement: transpose undoes transpose, view undoes view, expand's gradient is a sum, a slice's
 * gradient is written into zeros.
 */
final class Views {
    private Views() {}

    static Tensor t(Tensor x) {
        if (x.dim() > 2) {
            throw new IllegalArgumentException("t() expects a tensor with <= 2 dimensions, but self is " + x.dim() + "D");
        }
        Tensor out = x.dim() < 2 ? x.viewOf(x.offset, x.shape, x.stride) : swap(x, 0, 1);
        return Graph.recording(x) ? Graph.record(out, "TBackward0", x, Tensor::t) : out;
    }

    static Tensor transpose(Tensor x, int dim0, int dim1) {
        int d0 = Shapes.wrapDim(dim0, x.dim()), d1 = Shapes.wrapDim(dim1, x.dim());
        Tensor out = x.dim() == 0 ? x.viewOf(x.offset, x.shape, x.stride) : swap(x, d0, d1);
        return Graph.recording(x) ? Graph.record(out, "TransposeBackward0", x, g -> g.transpose(d0, d1)) : out;
    }

    private static Tensor swap(Tensor x, int d0, int d1) {
        return x.viewOf(x.offset, Shapes.swapped(x.shape, d0, d1), Shapes.swapped(x.stride, d0, d1));
    }

    static Tensor permute(Tensor x, int[] dims) {
        int r = x.dim();
        if (dims.length != r) {
            throw new IllegalArgumentException("permute: number of dims don't match in permute: the tensor has " + r
                    + " dimensions (shape " + Shapes.str(x.shape) + ") but " + dims.length + " were given "
                    + Arrays.toString(dims));
        }
        int[] shape = new int[r], stride = new int[r], inverse = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int d = Shapes.wrapDim(dims[i], r);
            if (seen[d]) {
                throw new IllegalArgumentException("permute: repeated dim " + dims[i] + " in " + Arrays.toString(dims));
            }
            seen[d] = true;
            shape[i] = x.shape[d];
            stride[i] = x.stride[d];
            inverse[d] = i;
        }
        Tensor out = x.viewOf(x.offset, shape, stride);
        return Graph.recording(x) ? Graph.record(out, "PermuteBackward0", x, g -> g.permute(inverse)) : out;
    }

    static Tensor view(Tensor x, int[] requested) {
        int[] shape = Shapes.inferSize(requested, x.numel());
        int[] stride = Shapes.viewStrides(x.shape, x.stride, shape);
        if (stride == null) {
            throw new IllegalArgumentException("view size is not compatible with input tensor's size and stride (at "
                    + "least one dimension spans across two contiguous subspaces). Use .reshape(...) instead. (input "
                    + "shape " + Shapes.str(x.shape) + ", strides " + Shapes.str(x.stride) + ", requested "
                    + Shapes.str(requested) + ")");
        }
        return viewAs(x, shape, stride, "ViewBackward0");
    }

    /** A view of contiguous x with another shape, recorded under {@code nodeName}. */
    static Tensor viewAs(Tensor x, int[] shape, String nodeName) {
        return viewAs(x, shape, Shapes.viewStrides(x.shape, x.stride, shape), nodeName);
    }

    private static Tensor viewAs(Tensor x, int[] shape, int[] stride, String nodeName) {
        Tensor out = x.viewOf(x.offset, shape, stride);
        int[] original = x.shape;
        return Graph.recording(x) ? Graph.record(out, nodeName, x, g -> g.reshape(original)) : out;
    }

    static Tensor reshape(Tensor x, int[] requested) {
        int[] shape = Shapes.inferSize(requested, x.numel());
        int[] stride = Shapes.viewStrides(x.shape, x.stride, shape);
        if (stride != null) {
            return viewAs(x, shape, stride, "ReshapeAliasBackward0");
        }
        Tensor copy = x.clone();
        return viewAs(copy, shape, Shapes.contiguousStrides(shape), "UnsafeViewBackward0");
    }

    static Tensor flatten(Tensor x, int startDim) {
        if (x.dim() == 0) {
            return reshape(x, new int[] {1});
        }
        int s = Shapes.wrapDim(startDim, x.dim());
        int[] shape = new int[s + 1];
        System.arraycopy(x.shape, 0, shape, 0, s);
        shape[s] = -1;
        return reshape(x, shape);
    }

    static Tensor flatten(Tensor x, int startDim, int endDim) {
        if (x.dim() == 0) {
            return reshape(x, new int[] {1});
        }
        int s = Shapes.wrapDim(startDim, x.dim()), e = Shapes.wrapDim(endDim, x.dim());
        if (s > e) {
            throw new IllegalArgumentException("flatten() has invalid args: start_dim (" + startDim
                    + ") cannot come after end_dim (" + endDim + ") for shape " + Shapes.str(x.shape));
        }
        int[] shape = new int[x.dim() - (e - s)];
        System.arraycopy(x.shape, 0, shape, 0, s);
        long merged = 1;
        for (int d = s; d <= e; d++) {
            merged *= x.shape[d];
        }
        shape[s] = (int) merged;
        System.arraycopy(x.shape, e + 1, shape, s + 1, x.dim() - e - 1);
        return s == e ? x : reshape(x, shape);
    }

    /**
     * x tiled sizes[d] times along each dimension. Built as a view [1, s0, 1, s1, ...] expanded to [r0, s0, r1, s1,
     * ...] and copied into shape [r0*s0, r1*s1, ...], so its gradient is the expand's: the tiles summed.
     */
    static Tensor repeat(Tensor x, int[] sizes) {
        if (sizes.length < x.dim()) {
            throw new IllegalArgumentException("Number of dimensions of repeat dims (" + sizes.length + ") can not be "
                    + "smaller than number of dimensions of tensor (" + x.dim() + ", shape " + Shapes.str(x.shape) + ")");
        }
        int lead = sizes.length - x.dim();
        int[] paired = new int[2 * sizes.length], tiled = new int[2 * sizes.length], out = new int[sizes.length];
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] < 0) {
                throw new IllegalArgumentException("repeat: negative repeat count " + sizes[d] + " at dimension " + d);
            }
            int s = d < lead ? 1 : x.shape[d - lead];
            paired[2 * d] = 1;
            paired[2 * d + 1] = s;
            tiled[2 * d] = sizes[d];
            tiled[2 * d + 1] = s;
            out[d] = Math.multiplyExact(sizes[d], s);
        }
        return x.reshape(paired).expand(tiled).reshape(out);
    }

    static Tensor unsqueeze(Tensor x, int dim) {
        int d = Shapes.wrapDim(dim, x.dim() + 1);
        // The new dimension's stride spans the dimension after it, or is 1 at the end (PyTorch's choice).
        int stride = d < x.dim() ? x.stride[d] * x.shape[d] : 1;
        Tensor out = x.viewOf(x.offset, Shapes.inserted(x.shape, d, 1), Shapes.inserted(x.stride, d, stride));
        return Graph.recording(x) ? Graph.record(out, "UnsqueezeBackward0", x, g -> g.squeeze(d)) : out;
    }

    static Tensor squeeze(Tensor x, int dim) {
        if (x.dim() == 0) {
            Shapes.wrapDim(dim, 0);
            Tensor out = x.viewOf(x.offset, x.shape, x.stride);
            return Graph.recording(x) ? Graph.record(out, "SqueezeBackward1", x, g -> g) : out;
        }
        int d = Shapes.wrapDim(dim, x.dim());
        if (x.shape[d] != 1) {
            Tensor out = x.viewOf(x.offset, x.shape, x.stride);
            return Graph.recording(x) ? Graph.record(out, "SqueezeBackward1", x, g -> g) : out;
        }
        Tensor out = x.viewOf(x.offset, Shapes.removed(x.shape, d), Shapes.removed(x.stride, d));
        return Graph.recording(x) ? Graph.record(out, "SqueezeBackward1", x, g -> g.unsqueeze(d)) : out;
    }

    static Tensor squeezeAll(Tensor x) {
        int kept = 0;
        for (int s : x.shape) {
            if (s != 1) {
                kept++;
            }
        }
        int[] shape = new int[kept], stride = new int[kept];
        for (int i = 0, j = 0; i < x.dim(); i++) {
            if (x.shape[i] != 1) {
                shape[j] = x.shape[i];
                stride[j++] = x.stride[i];
            }
        }
        Tensor out = x.viewOf(x.offset, shape, stride);
        int[] original = x.shape;
        return Graph.recording(x) ? Graph.record(out, "SqueezeBackward0", x, g -> g.reshape(original)) : out;
    }

    static Tensor expand(Tensor x, int[] requested) {
        if (requested.length < x.dim()) {
            throw new IllegalArgumentException("expand: the number of sizes provided (" + requested.length + ") must be "
                    + "greater or equal to the number of dimensions in the tensor (" + x.dim() + ")");
        }
        int lead = requested.length - x.dim();
        int[] shape = new int[requested.length];
        for (int i = 0; i < requested.length; i++) {
            int have = i >= lead ? x.shape[i - lead] : 1;
            int want = requested[i] == -1 && i >= lead ? have : requested[i];
            if (want < 0 || (have != 1 && have != want)) {
                throw new IllegalArgumentException("The expanded size of the tensor (" + requested[i] + ") must match the "
                        + "existing size (" + have + ") at non-singleton dimension " + i + ".  Target sizes: "
                        + Shapes.str(requested) + ".  Tensor sizes: " + Shapes.str(x.shape));
            }
            shape[i] = want;
        }
        Tensor out = Compute.expandView(x, shape);
        int[] original = x.shape;
        return Graph.recording(x) ? Graph.record(out, "ExpandBackward0", x, g -> Reduction.sumTo(g, original)) : out;
    }

    static Tensor narrow(Tensor x, int dim, int start, int length) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("narrow() cannot be applied to a 0-dim tensor.");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        int size = x.shape[d];
        int s = start < 0 ? start + size : start;
        if (s < 0 || length < 0 || s > size - length) {
            throw new IllegalArgumentException("narrow: start (" + start + ") + length (" + length + ") exceeds "
                    + "dimension size (" + size + ") of dimension " + d + " in shape " + Shapes.str(x.shape));
        }
        int[] shape = Shapes.with(x.shape, d, length);
        Tensor out = x.viewOf(x.offset + s * x.stride[d], shape, x.stride);
        if (!Graph.recording(x)) {
            return out;
        }
        int[] cs = Shapes.contiguousStrides(x.shape);
        return Graph.record(out, "SliceBackward0", x, embedding(x.shape, shape, cs, s * cs[d], false,
                "SliceBackward0"));
    }

    static Tensor asStrided(Tensor x, int[] size, int[] stride, int storageOffset) {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("as_strided: mismatch in length of strides and shape: " + Shapes.str(size)
                    + " and " + Shapes.str(stride));
        }
        long lo = storageOffset, hi = storageOffset;
        for (int d = 0; d < size.length; d++) {
            if (size[d] < 0) {
                throw new IllegalArgumentException("as_strided: negative size " + size[d] + " in " + Shapes.str(size));
            }
            if (size[d] == 0) {
                lo = hi = storageOffset;
                break;
            }
            long span = (long) (size[d] - 1) * stride[d];
            lo += Math.min(0, span);
            hi += Math.max(0, span);
        }
        if (storageOffset < 0 || lo < 0 || hi >= x.storage.size()) {
            throw new IllegalArgumentException("as_strided: size " + Shapes.str(size) + ", stride " + Shapes.str(stride)
                    + " and storage offset " + storageOffset + " reach outside a storage of " + x.storage.size()
                    + " elements");
        }
        Tensor out = x.viewOf(storageOffset, size.clone(), stride.clone());
        if (!Graph.recording(x)) {
            return out;
        }
        if (!x.contiguous || lo < x.offset || hi >= x.offset + x.numel()) {
            throw new IllegalStateException("as_strided: vgrad differentiates as_strided only on a contiguous input "
                    + "and within its elements (input shape " + Shapes.str(x.shape) + ", strides " + Shapes.str(x.stride)
                    + "; view size " + Shapes.str(size) + ", stride " + Shapes.str(stride) + ", offset "
                    + storageOffset + ")");
        }
        return Graph.record(out, "AsStridedBackward0", x, embedding(x.shape, out.shape, out.stride,
                storageOffset - x.offset, mayOverlap(size, stride), "AsStridedBackward0"));
    }

    /** index_select with indices given as ints; {@code indices} becomes the op's own (no one else may change it). */
    static Tensor indexSelect(Tensor x, int dim, int[] indices) {
        int d = Shapes.wrapDim(dim, x.dim());
        if (x.dim() == 0) {
            throw new IllegalArgumentException("index_select() cannot be applied to a 0-dim tensor.");
        }
        int size = x.shape[d];
        float[] asFloats = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("index_select(): index " + i + " is out of bounds for dimension " + d
                        + " with size " + size);
            }
            asFloats[k] = i;
        }
        return indexSelect(x, d, Tensor.wrap(asFloats, indices.length));
    }

    /**
     * index_select along dimension d (wrapped) of x (at least 1-D) at the rows a contiguous 1-D index tensor of
     * integers in range names ({@link Indexing#checked}). Backward saves the index tensor itself, as PyTorch does: an
     * in-place change to it before backward is refused, and no copy of it is kept.
     */
    static Tensor indexSelect(Tensor x, int d, Tensor index) {
        if (d != 0) {
            return indexSelect(x.transpose(0, d), 0, index).transpose(0, d);
        }
        Tensor src = Compute.dense(x);
        int count = index.numel(), row = x.shape[0] == 0 ? 0 : x.numel() / x.shape[0];
        Tensor out = Tensor.empty(Shapes.with(x.shape, 0, count));
        float[] picks = index.array();
        for (int k = 0, at = index.offset; k < count; k++, at++) {
            System.arraycopy(src.array(), src.offset + (int) picks[at] * row, out.array(), k * row, row);
        }
        if (!Graph.recording(x)) {
            return out;
        }
        int[] original = x.shape;
        return Graph.record(out, "IndexSelectBackward0", x, index, (g, picked) -> indexAdd(g, original, picked));
    }

    /**
     * Zeros of {@code shape} with the rows (along dim 0) of g added at the rows {@code picked} names: index_select's
     * backward, differentiable (its backward is index_select again).
     */
    private static Tensor indexAdd(Tensor g, int[] shape, Tensor picked) {
        Tensor full = Tensor.zerosOf(shape, "index_select_backward");
        int row = shape[0] == 0 ? 0 : Shapes.numel(shape) / shape[0];
        // g read where it lies (a copy from the arena only if it is a strided view): toArray() here was a heap copy
        // of the whole gradient on every step (2 MB for the character transformer's embeddings).
        Tensor src = Compute.dense(g);
        float[] gs = src.array(), dst = full.array(), picks = picked.array();
        int go = src.offset;
        for (int k = 0, at = picked.offset, count = picked.numel(); k < count; k++, at++) {
            int to = (int) picks[at] * row;
            // a row added on the vector kernels (in place: each element its own sum, in k's order as before)
            Elementwise.binary(BinaryOp.ADD, row, dst, to, 1, gs, go + k * row, 1, dst, to, 1);
        }
        return Graph.recording(g)
                ? Graph.record(full, "IndexAddBackward0", g, picked, (gg, p) -> indexSelect(gg, 0, p)) : full;
    }

    static Tensor select(Tensor x, int dim, int index) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("select() cannot be applied to a 0-dim tensor.");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        int size = x.shape[d];
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException("select(): index " + index + " out of range for tensor of size "
                    + Shapes.str(x.shape) + " at dimension " + d);
        }
        int[] shape = new int[x.dim() - 1], stride = new int[x.dim() - 1];
        for (int k = 0, j = 0; k < x.dim(); k++) {
            if (k != d) {
                shape[j] = x.shape[k];
                stride[j++] = x.stride[k];
            }
        }
        Tensor out = x.viewOf(x.offset + i * x.stride[d], shape, stride);
        if (!Graph.recording(x)) {
            return out;
        }
        int[] cs = Shapes.contiguousStrides(x.shape), viewStride = new int[x.dim() - 1];
        for (int k = 0, j = 0; k < x.dim(); k++) {
            if (k != d) {
                viewStride[j++] = cs[k];
            }
        }
        return Graph.record(out, "SelectBackward0", x, embedding(x.shape, shape, viewStride, i * cs[d], false,
                "SelectBackward0"));
    }

    /**
     * The backward of a view of an input of {@code inShape}, given by its geometry within a contiguous tensor of that
     * shape: the view's gradient written into zeros at the view's place (added in order where the view may address
     * an element twice; narrow and select never do, so only as_strided asks).
     */
    private static java.util.function.UnaryOperator<Tensor> embedding(int[] inShape, int[] size, int[] stride,
                                                                      int relative, boolean overlapping, String name) {
        return g -> embed(g, inShape, size, stride, relative, overlapping, name);
    }

    /**
     * Zeros of {@code inShape} with g added at the elements a view (size, stride, offset relative to the first
     * element) addresses. Differentiable: its backward reads the same view of the incoming gradient.
     */
    private static Tensor embed(Tensor g, int[] inShape, int[] size, int[] stride, int relative, boolean overlapping,
                                String name) {
        Tensor full = Tensor.zerosOf(inShape, name);
        if (overlapping) {
            // Scatter-add in order: several view elements share one input element.
            float[] dst = full.array();
            float[] src = g.toArray();
            int[] idx = new int[size.length];
            for (int k = 0; k < src.length; k++) {
                int pos = relative;
                for (int d = 0; d < size.length; d++) {
                    pos += idx[d] * stride[d];
                }
                dst[pos] += src[k];
                for (int d = size.length - 1; d >= 0; d--) {
                    if (++idx[d] < size[d]) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
        } else {
            Compute.mapInto(dev.vgrad.kernels.UnaryOp.COPY, 0f, 0f, g, full.viewOf(relative, size, stride));
        }
        if (!Graph.recording(g)) {
            return full;
        }
        return Graph.record(full, "AsStridedScatterBackward0", g,
                gg -> {
                    Tensor c = gg.contiguous();
                    return c.asStrided(size, stride, c.offset + relative);
                });
    }

    /**
     * False when no element can be addressed twice: taken by increasing stride, each dimension's stride clears the
     * span of the ones before it. True otherwise (a stride 0, interleaved strides), which takes the scatter-add.
     */
    private static boolean mayOverlap(int[] size, int[] stride) {
        int n = Shapes.numel(size);
        if (n <= 1) {
            return false;
        }
        long span = 1;
        Integer[] order = new Integer[size.length];
        for (int d = 0; d < size.length; d++) {
            order[d] = d;
        }
        java.util.Arrays.sort(order, (p, q) -> Integer.compare(Math.abs(stride[p]), Math.abs(stride[q])));
        for (int d : order) {
            if (size[d] == 1) {
                continue;
            }
            if (Math.abs((long) stride[d]) < span) {
                return true;
            }
            span = Math.abs((long) stride[d]) * size[d];
        }
        return false;
    }

    /**
     * The diagonal of dims d1, d2 shifted by offset (torch.diagonal: above the main one for a positive offset), as a
     * new last dimension: a view of x's storage, as PyTorch's, so writing into it writes x's diagonal (its stride is
     * the sum of the two dimensions'). Its gradient puts g on the diagonal of zeros (DiagonalBackward0).
     */
    static Tensor diagonal(Tensor x, int offset, int dim1, int dim2) {
        if (x.dim() < 2) {
            throw new IllegalArgumentException("diagonal(): expected a tensor of at least 2 dimensions, got "
                    + Shapes.str(x.shape));
        }
        int d1 = Shapes.wrapDim(dim1, x.dim()), d2 = Shapes.wrapDim(dim2, x.dim());
        if (d1 == d2) {
            throw new IllegalArgumentException("diagonal dimensions cannot be identical " + dim1 + ", " + dim2);
        }
        int rows = x.shape[d1], cols = x.shape[d2];
        int row0 = offset >= 0 ? 0 : -offset, col0 = offset >= 0 ? offset : 0;
        int length = Math.max(0, Math.min(rows - row0, cols - col0));
        int[] shape = new int[x.dim() - 1], stride = new int[x.dim() - 1], plain = new int[x.dim() - 1];
        int[] cs = Shapes.contiguousStrides(x.shape);
        for (int d = 0, k = 0; d < x.dim(); d++) {
            if (d != d1 && d != d2) {
                shape[k] = x.shape[d];
                stride[k] = x.stride[d];
                plain[k++] = cs[d];
            }
        }
        shape[shape.length - 1] = length;
        stride[stride.length - 1] = x.stride[d1] + x.stride[d2];
        plain[plain.length - 1] = cs[d1] + cs[d2];
        int start = length == 0 ? 0 : row0 * x.stride[d1] + col0 * x.stride[d2];
        Tensor out = x.viewOf(x.offset + start, shape, stride);
        if (!Graph.recording(x)) {
            return out;
        }
        return Graph.record(out, "DiagonalBackward0", x, embedding(x.shape, shape, plain,
                length == 0 ? 0 : row0 * cs[d1] + col0 * cs[d2], false, "DiagonalBackward0"));
    }

    /**
     * Tensor.unfold: every window of {@code size} elements every {@code step} along dim, as a new last dimension; dim
     * becomes the windows' count {@code (n - size) / step + 1}. A view of x's storage (overlapping windows share
     * elements); when x records a graph and is not contiguous, a view of a contiguous copy, since as_strided
     * differentiates only a contiguous input.
     */
    static Tensor unfold(Tensor x, int dim, int size, int step) {
        if (x.dim() == 0) {
            if (size > 1 || step <= 0 || (dim != 0 && dim != -1)) {
                throw new IllegalArgumentException("unfold: a 0-d tensor unfolds along dimension 0 in one window of 1 "
                        + "with a positive step, got dimension " + dim + ", size " + size + ", step " + step);
            }
            return x.reshape(size);
        }
        int d = Shapes.wrapDim(dim, x.dim()), n = x.shape[d];
        if (size < 0 || size > n) {
            throw new IllegalArgumentException("maximum size for tensor at dimension " + d + " is " + n
                    + " but size is " + size);
        }
        if (step <= 0) {
            throw new IllegalArgumentException("step is " + step + " but must be > 0");
        }
        Tensor base = Graph.recording(x) && !x.contiguous ? x.contiguous() : x;
        int rank = base.dim();
        int[] shape = java.util.Arrays.copyOf(base.shape, rank + 1), stride = java.util.Arrays.copyOf(base.stride,
                rank + 1);
        shape[d] = (n - size) / step + 1;
        stride[d] = base.stride[d] * step;
        shape[rank] = size;
        stride[rank] = base.stride[d];
        return asStrided(base, shape, stride, base.offset);
    }
}

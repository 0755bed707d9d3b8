package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.kernels.UnaryOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Ops that join tensors along a dimension and split them apart: cat, stack, split, chunk. A join's backward
 * hands each input its slice of the gradient (a narrow for cat, a select for stack), so it is differentiable
 * again as it stands; split and chunk are narrow views.
 */
final class Joining {
    private Joining() {}

    /**
     * The tensors concatenated along dim; all have one rank and agree in every other dimension. As in PyTorch, a
     * one-dimensional empty tensor (shape [0]) joins any other: it is skipped, and dim is wrapped against the first
     * tensor that is not (left as given where all are skipped); its gradient is an empty tensor of its own shape.
     */
    static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("torch.cat(): expected a non-empty list of Tensors");
        }
        int reference = -1;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.dim() == 0) {
                throw new IllegalArgumentException("zero-dimensional tensor (at position " + i
                        + ") cannot be concatenated");
            }
            if (reference < 0 && !skipped(t)) {
                reference = i;
            }
        }
        Tensor first = tensors.get(Math.max(reference, 0));
        int d = reference < 0 ? 0 : Shapes.wrapDim(dim, first.dim());
        int total = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (skipped(t)) {
                continue;
            }
            if (t.dim() != first.dim()) {
                throw new IllegalArgumentException("Tensors must have same number of dimensions: got " + first.dim()
                        + " and " + t.dim() + " (shapes " + Shapes.str(first.shape) + " at position " + reference
                        + " and " + Shapes.str(t.shape) + " at position " + i + ")");
            }
            for (int k = 0; k < t.dim(); k++) {
                if (k != d && t.shape[k] != first.shape[k]) {
                    throw new IllegalArgumentException("Sizes of tensors must match except in dimension " + d
                            + ". Expected size " + first.shape[k] + " but got size " + t.shape[k] + " for tensor number "
                            + i + " in the list (shapes " + Shapes.str(first.shape) + " and " + Shapes.str(t.shape) + ")");
                }
            }
            total += t.shape[d];
        }
        int[] shape = first.shape.clone();
        shape[d] = total;
        Tensor out = Tensor.empty(shape, "cat");
        int[] starts = new int[tensors.size()], lengths = new int[tensors.size()];
        boolean[] skippedAt = new boolean[tensors.size()];
        int at = 0;
        boolean record = false;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            starts[i] = at;
            skippedAt[i] = skipped(t);
            lengths[i] = skippedAt[i] ? 0 : t.shape[d];
            if (t.numel() > 0) {
                Compute.mapInto(UnaryOp.COPY, 0f, 0f, t, slice(out, d, at, lengths[i]));
            }
            at += lengths[i];
            record |= t.requiresGrad();
        }
        if (record && GradMode.isEnabled()) {
            out.setGradFn(new Node("CatBackward0", tensors.toArray(new Tensor[0])) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    Tensor[] grads = new Tensor[starts.length];
                    for (int i = 0; i < grads.length; i++) {
                        grads[i] = !needsGrad(i) ? null : skippedAt[i] ? Tensor.zeros(0) : g.narrow(d, starts[i],
                                lengths[i]);
                    }
                    return grads;
                }
            });
        }
        return out;
    }

    /** A tensor cat leaves out: one-dimensional and empty (PyTorch's legacy rule for torch.cat). */
    private static boolean skipped(Tensor t) {
        return t.dim() == 1 && t.shape[0] == 0;
    }

    /** A narrow view of a tensor being filled, without recording (the op records itself once it is full). */
    private static Tensor slice(Tensor out, int dim, int start, int length) {
        try (var off = GradMode.noGrad()) {
            return out.narrow(dim, start, length);
        }
    }

    /** The tensors, all of one shape, stacked along a new dimension dim (0 ... rank). */
    static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("stack expects a non-empty TensorList");
        }
        int[] item = tensors.get(0).shape;
        for (int i = 1; i < tensors.size(); i++) {
            if (!java.util.Arrays.equals(tensors.get(i).shape, item)) {
                throw new IllegalArgumentException("stack expects each tensor to be equal size, but got "
                        + Shapes.str(item) + " at entry 0 and " + Shapes.str(tensors.get(i).shape) + " at entry " + i);
            }
        }
        int d = Shapes.wrapDim(dim, item.length + 1);
        List<Tensor> unsqueezed = new ArrayList<>(tensors.size());
        boolean record = false;
        try (var off = GradMode.noGrad()) {
            for (Tensor t : tensors) {
                unsqueezed.add(t.unsqueeze(d));
                record |= t.requiresGrad();
            }
        }
        Tensor out;
        try (var off = GradMode.noGrad()) {
            out = cat(unsqueezed, d);
        }
        if (record && GradMode.isEnabled()) {
            int count = tensors.size();   // not the caller's list, which may change before backward
            out.setGradFn(new Node("StackBackward0", tensors.toArray(new Tensor[0])) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    Tensor[] grads = new Tensor[count];
                    for (int i = 0; i < count; i++) {
                        grads[i] = needsGrad(i) ? g.select(d, i) : null;
                    }
                    return grads;
                }
            });
        }
        return out;
    }

    /** Views of consecutive pieces of splitSize along dim; the last may be smaller. */
    static List<Tensor> split(Tensor x, int splitSize, int dim) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("split expects at least a 1-dimensional tensor");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        int size = x.shape[d];
        if (splitSize < 0 || (splitSize == 0 && size != 0)) {
            throw new IllegalArgumentException("split_size can only be 0 if dimension size is 0, but got dimension "
                    + "size of " + size + " (split_size " + splitSize + ", shape " + Shapes.str(x.shape) + ")");
        }
        List<Tensor> pieces = new ArrayList<>();
        if (size == 0) {
            pieces.add(x.narrow(d, 0, 0));
            return pieces;
        }
        for (int start = 0; start < size; start += splitSize) {
            pieces.add(x.narrow(d, start, Math.min(splitSize, size - start)));
        }
        return pieces;
    }

    /**
     * At most {@code chunks} views of equal size along dim (the last may be smaller), as torch.chunk; exactly
     * {@code chunks} empty views where the dimension is empty.
     */
    static List<Tensor> chunk(Tensor x, int chunks, int dim) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk expects `chunks` to be greater than 0, got: " + chunks);
        }
        if (x.dim() == 0) {
            throw new IllegalArgumentException("chunk expects at least a 1-dimensional tensor");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        int size = x.shape[d];
        if (size == 0) {
            // PyTorch hands back `chunks` empty pieces here, where split would give one
            List<Tensor> pieces = new ArrayList<>(chunks);
            for (int i = 0; i < chunks; i++) {
                pieces.add(x.narrow(d, 0, 0));
            }
            return pieces;
        }
        return split(x, (size + chunks - 1) / chunks, dim);
    }
}

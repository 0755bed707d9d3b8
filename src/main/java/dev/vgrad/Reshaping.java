package dev.vgrad;

import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's shape helpers that vgrad writes from its views, cat, repeat and indexSelect, so each is differentiable
 * through them: broadcast_to, tile, atleast_1d/2d/3d, the stacks (vstack, hstack, dstack, column_stack), tensor_split,
 * unflatten, take, block_diag, cartesian_prod and combinations.
 */
final class Reshaping {
    private Reshaping() {}

    /** torch.broadcast_to: expand to a shape the tensor broadcasts to (new leading dimensions allowed, -1 keeps one). */
    static Tensor broadcastTo(Tensor x, int[] shape) {
        return x.expand(shape);
    }

    /** torch.tile: repeat, with reps padded by leading 1s to the tensor's rank (or the tensor viewed with leading 1s). */
    static Tensor tile(Tensor x, int[] reps) {
        int rank = Math.max(x.dim(), reps.length);
        int[] padded = new int[rank];
        java.util.Arrays.fill(padded, 1);
        System.arraycopy(reps, 0, padded, rank - reps.length, reps.length);
        Tensor y = x;
        while (y.dim() < rank) {
            y = y.unsqueeze(0);
        }
        return y.repeat(padded);
    }

    /** torch.atleast_1d / 2d / 3d: x with leading (and, for 3d from 2d, trailing) dimensions of 1 up to {@code rank}. */
    static Tensor atLeast(Tensor x, int rank) {
        if (x.dim() >= rank) {
            return x;
        }
        if (rank == 3 && x.dim() == 2) {
            return x.unsqueeze(2);
        }
        if (rank == 3 && x.dim() == 1) {
            return x.unsqueeze(0).unsqueeze(2);
        }
        Tensor y = x;
        while (y.dim() < rank) {
            y = y.unsqueeze(0);
        }
        return y;
    }

    /** torch.vstack (rows: each at least 2-D, joined along 0), hstack (1-D along 0, else 1) and dstack (3-D along 2). */
    static Tensor stackAlong(String op, List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException(op + " expects a non-empty TensorList");
        }
        List<Tensor> parts = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            parts.add(switch (op) {
                case "vstack" -> atLeast(t, 2);
                case "dstack" -> atLeast(t, 3);
                default -> atLeast(t, 1);
            });
        }
        int dim = switch (op) {
            case "vstack" -> 0;
            case "dstack" -> 2;
            default -> parts.get(0).dim() == 1 ? 0 : 1;
        };
        return Tensor.cat(parts, dim);
    }

    /** torch.column_stack: 0- and 1-D tensors as columns [n, 1], the rest as they are, joined along dimension 1. */
    static Tensor columnStack(List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("column_stack expects a non-empty TensorList");
        }
        List<Tensor> parts = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            parts.add(t.dim() <= 1 ? t.reshape(t.numel(), 1) : t);
        }
        return Tensor.cat(parts, 1);
    }

    /**
     * torch.tensor_split into {@code sections} parts along dim: the first (size mod sections) one longer; sections
     * larger than the size give empty parts.
     */
    static List<Tensor> tensorSplit(Tensor x, int sections, int dim) {
        if (sections <= 0) {
            throw new IllegalArgumentException("tensor_split: number of sections must be greater than 0, but was "
                    + sections);
        }
        int d = Shapes.wrapDim(dim, x.dim()), size = x.size(d);
        int[] bounds = new int[sections - 1];
        for (int i = 1, at = 0; i < sections; i++) {
            at += size / sections + (i - 1 < size % sections ? 1 : 0);
            bounds[i - 1] = at;
        }
        return tensorSplitAt(x, bounds, d);
    }

    /** torch.tensor_split at {@code indices} along dim: parts [0, i0), [i0, i1), ..., each index clamped to the size. */
    static List<Tensor> tensorSplitAt(Tensor x, int[] indices, int dim) {
        int d = Shapes.wrapDim(dim, x.dim()), size = x.size(d);
        List<Tensor> parts = new ArrayList<>(indices.length + 1);
        int start = 0;
        for (int i = 0; i <= indices.length; i++) {
            int end = i < indices.length ? Math.min(size, Math.max(0, indices[i] < 0 ? indices[i] + size : indices[i]))
                    : size;
            int from = Math.min(start, size);
            parts.add(x.narrow(d, from, Math.max(0, end - from)));
            start = end;
        }
        return parts;
    }

    /** torch.unflatten / Tensor.unflatten: dimension dim split into {@code sizes} (one of them may be -1). */
    static Tensor unflatten(Tensor x, int dim, int[] sizes) {
        int d = Shapes.wrapDim(dim, x.dim());
        int[] shape = x.shape();
        int known = 1, free = -1;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] == -1) {
                free = i;
            } else {
                known *= sizes[i];
            }
        }
        int[] resolved = sizes.clone();
        if (free >= 0) {
            resolved[free] = known == 0 ? 0 : shape[d] / known;
        }
        int product = 1;
        for (int s : resolved) {
            product *= s;
        }
        if (product != shape[d]) {
            throw new IllegalArgumentException("unflatten: Provided sizes " + java.util.Arrays.toString(sizes)
                    + " don't multiply up to the size of dim " + dim + " (" + shape[d] + ") in the input tensor "
                    + Shapes.str(shape));
        }
        int[] out = new int[shape.length - 1 + resolved.length];
        System.arraycopy(shape, 0, out, 0, d);
        System.arraycopy(resolved, 0, out, d, resolved.length);
        System.arraycopy(shape, d + 1, out, d + resolved.length, shape.length - d - 1);
        return x.reshape(out);
    }

    /** torch.take: x read as 1-D at the indices of {@code index} (integers, negative from the end), shaped as index. */
    static Tensor take(Tensor x, Tensor index) {
        int n = x.numel();
        float[] idx = index.toArray();
        int[] flat = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            float v = idx[i];
            if (v != Math.rint(v) || v < -n || v >= n) {
                throw new IllegalArgumentException("take: index " + v + " at position " + i + " is out of range for "
                        + "a tensor of " + n + " elements");
            }
            flat[i] = v < 0 ? (int) v + n : (int) v;
        }
        return x.reshape(n).indexSelect(0, flat).reshape(index.shape());
    }

    /**
     * torch.block_diag: the tensors (0-D as [1, 1], 1-D as one row, 2-D as they are) down the diagonal of one matrix,
     * zeros elsewhere; differentiable in each.
     */
    static Tensor blockDiag(List<Tensor> tensors) {
        List<Tensor> blocks = new ArrayList<>(tensors.size());
        int cols = 0;
        for (Tensor t : tensors) {
            if (t.dim() > 2) {
                throw new IllegalArgumentException("torch.block_diag: Input tensors must have 2 or fewer dimensions. "
                        + "Input " + blocks.size() + " has " + t.dim() + " dimensions");
            }
            Tensor b = t.dim() == 0 ? t.reshape(1, 1) : t.dim() == 1 ? t.unsqueeze(0) : t;
            blocks.add(b);
            cols += b.size(1);
        }
        List<Tensor> rows = new ArrayList<>(blocks.size());
        int left = 0;
        for (Tensor b : blocks) {
            int r = b.size(0), c = b.size(1);
            rows.add(Tensor.cat(List.of(Tensor.zeros(r, left), b, Tensor.zeros(r, cols - left - c)), 1));
            left += c;
        }
        return rows.isEmpty() ? Tensor.zeros(0, 0) : Tensor.cat(rows, 0);
    }

    /** torch.cartesian_prod of 1-D tensors: every combination, one row each ([product of sizes, count]). */
    static Tensor cartesianProd(List<Tensor> tensors) {
        for (Tensor t : tensors) {
            if (t.dim() != 1) {
                throw new IllegalArgumentException("cartesian_prod expects 1D tensors, but got a tensor of shape "
                        + Shapes.str(t.shape));
            }
        }
        if (tensors.size() == 1) {
            return tensors.get(0);
        }
        List<Tensor> grids = Tensor.meshgrid(tensors, "ij");
        List<Tensor> columns = new ArrayList<>(grids.size());
        for (Tensor g : grids) {
            columns.add(g.reshape(-1));
        }
        return Tensor.stack(columns, 1);
    }

    /**
     * torch.combinations of a 1-D tensor: every r-element combination in order (each as a row, indices increasing;
     * non-decreasing with replacement), [count, r].
     */
    static Tensor combinations(Tensor x, int r, boolean withReplacement) {
        if (x.dim() != 1) {
            throw new IllegalArgumentException("Expect a 1D vector, but got shape " + Shapes.str(x.shape));
        }
        if (r < 0) {
            throw new IllegalArgumentException("Expect a non-negative number, but got " + r);
        }
        int n = x.size(0);
        List<int[]> picks = new ArrayList<>();
        int[] current = new int[r];
        choose(n, r, withReplacement, 0, 0, current, picks);
        if (r == 0) {
            return Tensor.zeros(0);
        }
        List<Tensor> columns = new ArrayList<>(r);
        for (int k = 0; k < r; k++) {
            int[] column = new int[picks.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = picks.get(i)[k];
            }
            columns.add(x.indexSelect(0, column));
        }
        return Tensor.stack(columns, 1);
    }

    /** Every pick of r indices from n in lexicographic order (increasing, or non-decreasing with replacement). */
    private static void choose(int n, int r, boolean repeat, int depth, int from, int[] current, List<int[]> out) {
        if (depth == r) {
            out.add(current.clone());
            return;
        }
        for (int i = from; i < n; i++) {
            current[depth] = i;
            choose(n, r, repeat, depth + 1, repeat ? i : i + 1, current, out);
        }
    }

    /**
     * torch.hsplit / vsplit / dsplit into {@code sections} equal parts along dim, for a tensor of at least minRank
     * dimensions whose size there divides evenly.
     */
    static List<Tensor> evenSplit(String op, Tensor x, int sections, int dim, int minRank) {
        checkRank(op, x, minRank);
        if (sections <= 0 || x.size(dim) % sections != 0) {
            throw new IllegalArgumentException("torch." + op + " attempted to split along dimension " + dim
                    + ", but the size of the dimension " + x.size(dim) + " is not divisible by the split_size "
                    + sections + "!");
        }
        return tensorSplit(x, sections, dim);
    }

    /** torch.hsplit / vsplit / dsplit at indices along dim, for a tensor of at least minRank dimensions. */
    static List<Tensor> splitAt(String op, Tensor x, int[] indices, int dim, int minRank) {
        checkRank(op, x, minRank);
        return tensorSplitAt(x, indices, dim);
    }

    private static void checkRank(String op, Tensor x, int minRank) {
        if (x.dim() < minRank) {
            throw new IllegalArgumentException("torch." + op + " requires a tensor with at least " + minRank
                    + " dimension" + (minRank > 1 ? "s" : "") + ", but got a tensor with " + x.dim()
                    + " dimensions!");
        }
    }
}

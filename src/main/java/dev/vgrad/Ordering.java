package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import java.util.List;

/**
 * Ops that order or reverse elements along a dimension: sort, argsort, topk and flip. The order is found on the values
 * without recording; the values are then taken with gather (or index_select), whose backward scatters the gradient
 * to where each value came from, so these differentiate, to any order, as the ops they are made of.
 */
final class Ordering {
    private Ordering() {}

    /**
     * The indices that sort each line along dim, as floats: ascending, or descending. NaN sorts above every number
     * (last ascending, first descending), as PyTorch's; equal values keep their order (a stable sort).
     */
    static Tensor argsort(Tensor x, int dim, boolean descending) {
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor c = x.contiguous();
        int[] shape = x.shape;
        int len = x.dim() == 0 ? 1 : shape[d];
        int innerSize = 1;
        for (int a = d + 1; a < x.dim(); a++) {
            innerSize *= shape[a];
        }
        int inner = innerSize;
        int outer = len == 0 ? 0 : c.numel() / (len * inner);
        float[] v = c.toArray();
        float[] out = new float[v.length];
        Integer[] order = new Integer[len];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                for (int k = 0; k < len; k++) {
                    order[k] = k;
                }
                java.util.Arrays.sort(order, (p, q) -> {
                    int byValue = compare(v[base + p * inner], v[base + q * inner]);
                    return descending ? -byValue : byValue;
                });
                for (int k = 0; k < len; k++) {
                    out[base + k * inner] = order[k];
                }
            }
        }
        return Tensor.of(out, shape.clone());
    }

    /** Ascending order with NaN above everything (two NaN equal), so a sort is total. */
    private static int compare(float a, float b) {
        boolean an = Float.isNaN(a), bn = Float.isNaN(b);
        if (an || bn) {
            return an == bn ? 0 : an ? 1 : -1;
        }
        return Float.compare(a == 0f ? 0f : a, b == 0f ? 0f : b);   // -0 and 0 are equal, as in PyTorch
    }

    /** [values, indices] of each line along dim, sorted ascending or descending. */
    static List<Tensor> sort(Tensor x, int dim, boolean descending) {
        Tensor indices;
        try (var off = GradMode.noGrad()) {
            indices = argsort(x, dim, descending);
        }
        return List.of(x.dim() == 0 ? x.clone() : x.gather(dim, indices), indices);
    }

    /** [values, indices] of the k largest (or smallest) of each line along dim, in sorted order. */
    static List<Tensor> topk(Tensor x, int k, int dim, boolean largest) {
        int d = Shapes.wrapDim(dim, x.dim());
        int len = x.dim() == 0 ? 1 : x.shape[d];
        if (k < 0 || k > len) {
            throw new IllegalArgumentException("topk: k (" + k + ") is out of range for dimension " + d + " of size "
                    + len + " (shape " + Shapes.str(x.shape) + ")");
        }
        Tensor indices;
        try (var off = GradMode.noGrad()) {
            indices = argsort(x, d, largest);
            if (x.dim() > 0) {
                indices = indices.narrow(d, 0, k).contiguous();
            }
        }
        return List.of(x.dim() == 0 ? x.clone() : x.gather(d, indices), indices);
    }

    /** A copy with the order of elements reversed along each of dims (torch.flip). */
    static Tensor flip(Tensor x, int... dims) {
        boolean[] seen = new boolean[Math.max(x.dim(), 1)];
        Tensor out = x;
        for (int dim : dims) {
            int d = Shapes.wrapDim(dim, x.dim());
            if (seen[d]) {
                throw new IllegalArgumentException("flip: dim " + d + " appears multiple times in the list of dims");
            }
            seen[d] = true;
            if (x.dim() == 0) {
                continue;
            }
            int n = x.shape[d];
            int[] reversed = new int[n];
            for (int i = 0; i < n; i++) {
                reversed[i] = n - 1 - i;
            }
            out = out.indexSelect(d, reversed);
        }
        return out == x ? x.clone() : out;
    }
}

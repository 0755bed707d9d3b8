package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.LineProducts;
import dev.vgrad.kernels.ScalarMath;
import java.util.List;

/**
 * Products and running scans along a dimension: prod, cumprod, cummax, cummin and logcumsumexp, each beside its
 * backward rule. Every forward is one pass over the lines of a contiguous copy; the rules are PyTorch's, written so
 * that a zero factor does not turn a gradient into 0/0 (prod and cumprod multiply the factors on either side of each
 * element instead of dividing the product by it).
 */
final class Scans {
    private Scans() {}

    /** One line of a contiguous tensor along a dimension: elements {@code base + i * step}, i below len. */
    @FunctionalInterface
    interface LineBody {
        void run(int base, int step, int len);
    }

    /**
     * Runs body over every line of the contiguous, offset-0 tensor t along d (none for a 0-d or empty t); the running
     * scans here and cumsum share it.
     */
    static void lines(Tensor t, int d, LineBody body) {
        if (t.dim() == 0 || t.numel() == 0) {
            return;
        }
        int len = t.shape[d], step = t.stride[d], outer = t.numel() / len;
        for (int k = 0; k < outer; k++) {
            body.run((k / step) * step * len + k % step, step, len);
        }
    }

    /**
     * Running products along dim. The gradient of element k is {@code sum over i >= k of g_i * prod_{j <= i, j != k}
     * x_j}: a zero factor leaves the elements before it their gradient, as PyTorch's cumprod_backward.
     */
    static Tensor cumprod(Tensor x, int dim) {
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor out = Compute.copy(x);
        float[] o = out.array();
        lines(out, d, (base, step, len) -> {
            for (int i = 1; i < len; i++) {
                o[base + i * step] *= o[base + (i - 1) * step];
            }
        });
        return Graph.recording(x) ? Graph.record(out, "CumprodBackward0", x, x, (g, xv) -> cumprodGrad(g, xv, d)) : out;
    }

    /**
     * cumprod's backward. Untracked it runs in O(n) a line: with {@code E_k = prod_{j<k} x_j} and {@code S_k = g_k +
     * x_{k+1} S_{k+1}} (from the line's end), the gradient is {@code E_k S_k}, in double. Under createGraph it is
     * composed of differentiable ops instead: the line's n x n matrix whose row k is x with x_k set to 1, its running
     * products by rows, kept on and above the diagonal and summed against g (O(n^2) a line, for higher orders only).
     */
    private static Tensor cumprodGrad(Tensor g, Tensor x, int d) {
        if (x.dim() == 0) {
            return g;
        }
        if (GradMode.isEnabled()) {
            int n = x.shape[d];
            Tensor rows = Tensor.where(Tensor.eye(n), Tensor.ones(1), x.transpose(d, -1).unsqueeze(-2));
            Tensor products = cumprod(rows, -1).mul(Tensor.ones(n, n).triu(0));
            return products.mul(g.transpose(d, -1).unsqueeze(-2)).sum(-1, false).transpose(d, -1);
        }
        Tensor out = Compute.copy(g), xc = Compute.copy(x);
        float[] o = out.array(), v = xc.array();
        lines(out, d, (base, step, len) -> {
            double s = o[base + (len - 1) * step];
            for (int i = len - 2; i >= 0; i--) {
                s = o[base + i * step] + v[base + (i + 1) * step] * s;
                o[base + i * step] = (float) s;
            }
            double e = 1.0;
            for (int i = 0; i < len; i++) {
                int at = base + i * step;
                o[at] = (float) (e * o[at]);
                e *= v[at];
            }
        });
        return out;
    }

    /**
     * The product along dim. Its gradient is g times the product of the other elements of the line, taken as the
     * running products from both ends, so a single zero gets the product of the rest and every other element 0.
     */
    static Tensor prod(Tensor x, int dim, boolean keepdim) {
        int d = Shapes.wrapDim(dim, x.dim());
        if (x.dim() == 0) {
            return Pointwise.cloneTensor(x);
        }
        int[] kept = x.shape.clone();
        kept[d] = 1;
        Tensor src = Compute.dense(x), out = Tensor.ones(kept);
        if (x.numel() > 0) {
            int len = x.shape[d], inner = Shapes.sizeAfter(x.shape, d);
            LineProducts.along(x.numel() / len / inner, len, inner, src.array(), src.offset, out.array(), 0);
        }
        Tensor result = keepdim ? out : out.squeeze(d);
        if (!Graph.recording(x)) {
            return result;
        }
        return Graph.record(result, "ProdBackward1", x, x, (g, xv) -> {
            Tensor left = exclusiveCumprod(xv, d), right = exclusiveCumprod(xv.flip(d), d).flip(d);
            return (keepdim ? g : g.unsqueeze(d)).mul(left.mul(right));
        });
    }

    /** {@code prod_{j<k} x_j} at k along d: the running product shifted by one, starting from 1. */
    private static Tensor exclusiveCumprod(Tensor x, int d) {
        int n = x.shape[d];
        int[] first = x.shape.clone();
        first[d] = 1;
        Tensor ones = Tensor.ones(first);
        if (n <= 1) {
            return n == 1 ? ones : Tensor.zeros(x.shape);
        }
        return Tensor.cat(List.of(ones, cumprod(x.narrow(d, 0, n - 1), d)), d);
    }

    /**
     * [values, indices] of the running maximum (or minimum) along dim. A tie moves the index to the later element and
     * a NaN, once met, stays the value (its index the latest NaN), as PyTorch. The values' gradient goes to the
     * element each index names, summed (PyTorch's cummaxmin_backward).
     */
    static List<Tensor> cummaxmin(Tensor x, int dim, boolean max) {
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor values = Compute.copy(x), indices = values.zerosLike();
        float[] v = values.array(), ix = indices.array();
        lines(values, d, (base, step, len) -> {
            float best = v[base];
            int at = 0;
            for (int i = 1; i < len; i++) {
                float e = v[base + i * step];
                if (e != e || (best == best && (max ? e >= best : e <= best))) {
                    best = e;
                    at = i;
                }
                v[base + i * step] = best;
                ix[base + i * step] = at;
            }
        });
        if (Graph.recording(x)) {
            int[] shape = x.shape;
            boolean scalar = x.dim() == 0;
            Graph.record(values, max ? "CummaxBackward0" : "CumminBackward0", x, indices,
                    (g, idx) -> scalar ? g : Tensor.zeros(shape).scatterAdd(d, idx, g));
        }
        return List.of(values, indices);
    }

    /**
     * {@code log(cumsum(exp(x)))} along dim without overflow. Its gradient {@code sum over i >= k of g_i e^(x_k -
     * y_i)} is taken in log space as PyTorch's: the positive and negative parts of g separately, each a reversed
     * logcumsumexp of {@code log|g| - y}, so it is itself differentiable and stays finite where e^-y would overflow.
     */
    static Tensor logcumsumexp(Tensor x, int dim) {
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor out = Compute.copy(x);
        float[] o = out.array();
        lines(out, d, (base, step, len) -> {
            // PyTorch's scan starts from -inf, so its first element is x + 0 (-0 becomes 0)
            o[base] += 0f;
            for (int i = 1; i < len; i++) {
                o[base + i * step] = ScalarMath.logaddexp(o[base + (i - 1) * step], o[base + i * step]);
            }
        });
        if (!Graph.recording(x)) {
            return out;
        }
        boolean scalar = x.dim() == 0;
        out.setGradFn(new Node("LogcumsumexpBackward0", x) {
            private final SavedTensor savedX = save(x), savedOut = saveOutput(out);

            @Override
            protected Tensor[] apply(Tensor g) {
                if (scalar) {
                    return grads(g);
                }
                Tensor xv = savedX.get(), y = savedOut.get();
                Tensor positive = reversedTerm(g.gt(0f), g, xv, y, d);
                Tensor negative = reversedTerm(g.lt(0f), g.neg(), xv, y, d);
                Tensor grad = positive.sub(negative);
                Tensor nan = g.isnan();
                if (nan.any().item() != 0f) {
                    // a NaN gradient is in neither part; it reaches every element at or before it, as in a sum
                    grad = grad.add(Tensor.where(nan.flip(d).cumsum(d).flip(d), Tensor.full(Float.NaN, 1),
                            Tensor.zeros(1)));
                }
                return grads(grad);
            }
        });
        return out;
    }

    /**
     * {@code e^(x_k + log sum_{i >= k} e^(log g_i - y_i))} over the elements where {@code where} holds (g > 0 there).
     * Elsewhere log g is the lowest float, not -inf (PyTorch's choice): with -inf, a part with no element gets
     * -inf - (-inf) = NaN gradients in its own backward, and a second derivative through y came out wrong. The log is
     * taken of 1 there, so no 0/0 reaches a second derivative either.
     */
    private static Tensor reversedTerm(Tensor where, Tensor g, Tensor x, Tensor y, int d) {
        Tensor logG = Tensor.where(where, Tensor.where(where, g, Tensor.ones(1)).log(), Tensor.full(-Float.MAX_VALUE, 1));
        return logcumsumexp(logG.sub(y).flip(d), d).flip(d).add(x).exp();
    }
}

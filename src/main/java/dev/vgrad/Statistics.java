package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.LineSums;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.SoftmaxRows;
import java.util.function.UnaryOperator;

/**
 * Reductions built from the primitive ones: min/argmin, var/std, logsumexp, cumsum and norms. Each is written
 * so its backward rule is made of differentiable ops (composed forwards differentiate themselves; cumsum and the
 * norms have rules of their own, also composed), so second derivatives work through all of them.
 */
final class Statistics {
    private Statistics() {}

    /** The minimum of all elements: -max(-x), which shares the gradient among ties as max does. */
    static Tensor minAll(Tensor x) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException("min(): Expected reduction dim to be specified for input.numel() == 0. "
                    + "Specify the reduction dim with the 'dim' argument.");
        }
        return x.neg().max().neg();
    }

    /** The minimum along dim, or (argmin) the index of its first occurrence as a float. */
    static Tensor min(Tensor x, int dim, boolean keepdim, boolean argmin) {
        int d = Shapes.wrapDim(dim, x.dim());
        if (x.dim() > 0 && x.shape[d] == 0) {   // checked here, or max's message would name max
            throw new IllegalArgumentException((argmin ? "argmin" : "min") + "(): Expected reduction dim " + d
                    + " to have non-zero size (shape " + java.util.Arrays.toString(x.shape) + ")");
        }
        return argmin ? Reduction.max(x.neg(), dim, keepdim, true) : x.neg().max(dim, keepdim).neg();
    }

    /**
     * The largest values along dim (torch.amax), or the smallest (amin). Unlike max(dim)'s, the gradient goes to every
     * element equal to the result in equal shares (PyTorch's amax backward: g / count at each); in a line holding a
     * NaN the result is NaN and no element equals it, so the count is 0 and the gradient NaN there, as PyTorch's.
     */
    static Tensor amax(Tensor x, int dim, boolean keepdim, boolean smallest) {
        int d = Shapes.wrapDim(dim, x.dim());
        String op = smallest ? "amin" : "amax";
        if (x.dim() > 0 && x.shape[d] == 0) {
            throw new IllegalArgumentException(op + "(): Expected reduction dim " + d + " to have non-zero size.");
        }
        return reduced(smallest ? "AminBackward0" : "AmaxBackward0", x, d, keepdim,
                t -> smallest ? t.min(d, true) : t.max(d, true), (g, xv, m) -> {
                    Tensor atExtreme = xv.eq(m);
                    return atExtreme.mul(g.div(atExtreme.sum(d, true)));
                });
    }

    /**
     * The variance along dim, divided by n - 1 when unbiased (Bessel's correction), else by n; by max(that, 0) as torch
     * divides, so an empty line's variance is NaN (0 / 0), not the -0 of dividing by -1. The value is taken in double
     * ({@link #inDouble}), as PyTorch's Welford pass takes it, so squares beyond the float range do not overflow; its
     * gradient is PyTorch's {@code g (2 / (n - c)) (x - mean)}.
     */
    static Tensor var(Tensor x, int dim, boolean unbiased, boolean keepdim) {
        int d = Shapes.wrapDim(dim, x.dim());
        float divisor = divisor(x, d, unbiased);
        return reduced("VarBackward0", x, d, keepdim, t -> GradMode.isEnabled() && t.requiresGrad()
                        ? composedVar(t, d, divisor) : inDouble(t, d, divisor, false),
                (g, xv, v) -> centred(xv, d).mul(g.mul(2f / divisor)));
    }

    /**
     * x minus its mean along d: by {@link #deviations} where nothing records, else by the differentiable ops (x minus
     * {@link #refinedMean}), so that a created graph differentiates it again.
     */
    private static Tensor centred(Tensor x, int d) {
        return Graph.recording(x) ? x.sub(refinedMean(x, d)) : deviations(x, d);
    }

    /**
     * x minus its mean along d, each line's mean taken in double and each deviation rounded once from double. The
     * midpoint of two floats is a float only half the time, so a float mean, refined or not, left two close values'
     * deviations unequal by up to half an ulp of the values; their gradients then do not sum to 0, and a sum over them
     * later cancels that into the result (seed 6373's chain_136: std of two attention outputs 0.0029 apart, then
     * attention's value gradient: 0.7 % from float64 from a float mean, within 2e-8 of it from these deviations). Exact
     * negatives here; a line of equal values gives exact zeros, as the refined mean did.
     */
    private static Tensor deviations(Tensor x, int d) {
        // x as [outer, n, inner] in its own order (no transpose: along a leading dimension the means run down columns)
        Tensor src = Compute.dense(x);
        int n = x.dim() == 0 ? 1 : x.shape[d], inner = 1;
        for (int i = d + 1; i < x.dim(); i++) {
            inner *= x.shape[i];
        }
        Tensor out = Tensor.empty(x.shape, "var");
        int size = out.numel();
        if (size == 0) {
            return out;
        }
        float[] v = src.array(), o = out.array();
        double[] means = inner == 1 ? null : new double[inner];
        for (int at = src.offset, to = out.offset, end = src.offset + size; at < end; at += n * inner, to += n * inner) {
            if (means == null) {
                // four running sums: in double the order costs nothing a float result could show
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int i = 0;
                for (; i + 4 <= n; i += 4) {
                    s0 += v[at + i];
                    s1 += v[at + i + 1];
                    s2 += v[at + i + 2];
                    s3 += v[at + i + 3];
                }
                for (; i < n; i++) {
                    s0 += v[at + i];
                }
                double mean = (s0 + s1 + (s2 + s3)) / n;
                for (i = 0; i < n; i++) {
                    o[to + i] = (float) (v[at + i] - mean);
                }
                continue;
            }
            java.util.Arrays.fill(means, 0);
            for (int i = 0, row = at; i < n; i++, row += inner) {
                for (int j = 0; j < inner; j++) {
                    means[j] += v[row + j];
                }
            }
            for (int j = 0; j < inner; j++) {
                means[j] /= n;
            }
            for (int i = 0, row = at, orow = to; i < n; i++, row += inner, orow += inner) {
                for (int j = 0; j < inner; j++) {
                    o[orow + j] = (float) (v[row + j] - means[j]);
                }
            }
        }
        return out;
    }

    private static float divisor(Tensor x, int d, boolean unbiased) {
        return Math.max((x.dim() == 0 ? 1 : x.shape[d]) - (unbiased ? 1 : 0), 0);
    }

    /** The variance along d, kept, by the differentiable float ops (what a created graph differentiates again). */
    private static Tensor composedVar(Tensor x, int d, float divisor) {
        Tensor centred = x.sub(refinedMean(x, d));
        return centred.mul(centred).sum(d, true).div(divisor);
    }

    /**
     * The variance (or with {@code root} its square root) of each line along d, kept, computed in double by two passes
     * and rounded once: PyTorch accumulates a float tensor's variance in double too, so std of [1e30, 1e30, -1e30] is
     * 1.1547e30 rather than the infinity of float squares, and a line of equal values gives exactly 0.
     */
    private static Tensor inDouble(Tensor x, int d, float divisor, boolean root) {
        int n = x.dim() == 0 ? 1 : x.shape[d];
        int[] keptShape = x.shape.clone();
        if (x.dim() > 0) {
            keptShape[d] = 1;
        }
        Tensor out = Tensor.empty(keptShape, "var");
        int lines = Shapes.numel(keptShape);
        if (lines == 0) {
            return out;
        }
        // each line contiguous, in the kept shape's order
        Tensor byLine = Compute.dense(x.dim() == 0 ? x.reshape(1) : x.movedim(d, -1));
        float[] v = byLine.array(), o = out.array();
        for (int line = 0, at = byLine.offset; line < lines; line++, at += n) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += v[at + i];
            }
            double mean = sum / n, squares = 0;
            for (int i = 0; i < n; i++) {
                double deviation = v[at + i] - mean;
                squares += deviation * deviation;
            }
            double variance = squares / divisor;
            o[out.offset + line] = (float) (root ? Math.sqrt(variance) : variance);
        }
        return out;
    }

    /**
     * The mean along d (kept), refined once: {@code m + mean(x - m)} with m the plain mean, held constant (the
     * gradient is the mean's all the same). A line of equal values gets its value back exactly, where the sum of n
     * equal floats divided by n need not be it: so its variance is exactly 0, as PyTorch's Welford pass makes it,
     * and std's gradient there is the 0 of PyTorch's mask instead of g (x - m) / (std (n - c)) of a rounding error
     * (std over an expanded dimension gave gradients of about 1). The refinement is the corrected two-pass
     * algorithm's, so other lines lose no accuracy.
     */
    private static Tensor refinedMean(Tensor x, int d) {
        Tensor m;
        try (var off = GradMode.noGrad()) {
            m = x.mean(d, true);
        }
        return m.add(x.sub(m).mean(d, true));
    }

    /**
     * The standard deviation along dim: sqrt(var), the root taken in double too. Its gradient is
     * {@code g (x - mean) / (std (n - c))}, and 0 where std is 0 (PyTorch's std_backward), not the NaN that
     * differentiating sqrt at 0 would give: a constant line has no direction of steepest spread.
     */
    static Tensor std(Tensor x, int dim, boolean unbiased, boolean keepdim) {
        int d = Shapes.wrapDim(dim, x.dim());
        float divisor = divisor(x, d, unbiased);
        return reduced("StdBackward0", x, d, keepdim, t -> GradMode.isEnabled() && t.requiresGrad()
                        ? composedVar(t, d, divisor).sqrt() : inDouble(t, d, divisor, true),
                (g, xv, s) -> centred(xv, d).mul(g.div(s.mul(divisor)).maskedFill(s.eq(0f), 0f)));
    }

    /**
     * log(sum(exp(x))) along dim, stably: the maximum m is taken out first (and held constant: its gradient cancels),
     * infinite maxima replaced by 0 so that all -inf gives -inf and +inf gives +inf, as PyTorch's.
     */
    static Tensor logsumexp(Tensor x, int dim, boolean keepdim) {
        int d = Shapes.wrapDim(dim, x.dim());
        // The gradient is softmax(x) = exp(x - logsumexp), as PyTorch's logsumexp_backward; under create_graph the
        // value is taken again by the composed ops, so that higher orders see its history.
        return reduced("LogsumexpBackward0", x, d, keepdim,
                t -> Graph.recording(t) || !byRows(t, d) ? composedLogsumexp(t, d) : rowsLogsumexp(t, d),
                (g, xv, k) -> g.mul(xv.sub(k).exp()));
    }

    /** Whether logsumexp along d runs row by row: d innermost, lines not empty. */
    private static boolean byRows(Tensor x, int d) {
        return x.dim() > 0 && d == x.dim() - 1 && x.shape[d] > 0;
    }

    /** logsumexp along d, kept, by the differentiable ops. */
    private static Tensor composedLogsumexp(Tensor x, int d) {
        Tensor m;
        try (var off = GradMode.noGrad()) {
            // An empty line sums no exponentials: log(0) = -inf, as torch gives (max refuses empty lines).
            Tensor max = x.dim() > 0 && x.shape[d] == 0 ? emptyLines(x, d) : x.max(d, true);
            m = max.maskedFill(max.abs().eq(Float.POSITIVE_INFINITY), 0f);
        }
        return x.sub(m).exp().sum(d, true).log().add(m);
    }

    /**
     * logsumexp along the innermost d, kept, a row at a time ({@link SoftmaxRows#logSumExp}: the steps and bits of
     * {@link #composedLogsumexp}), in one pass over each row and no intermediate tensors (they made it 2.3x PyTorch
     * 1.13's time on 1024 x 1024, Zen 4).
     */
    private static Tensor rowsLogsumexp(Tensor x, int d) {
        Tensor src = Compute.dense(x);
        int len = x.shape[d], rows = x.numel() / len;
        int[] kept = x.shape.clone();
        kept[d] = 1;
        Tensor out = Tensor.empty(kept);
        float[] in = src.array(), o = out.array();
        int base = src.offset;
        Parallel.forRanges(rows, Parallel.partsFor(x.numel()), (from, to) -> {
            for (int r = from; r < to; r++) {
                o[r] = SoftmaxRows.logSumExp(len, in, base + r * len);
            }
        });
        return out;
    }

    /** Running sums along dim; its gradient is the running sum of the gradient taken from the other end. */
    static Tensor cumsum(Tensor x, int dim) {
        return scan(x, Shapes.wrapDim(dim, x.dim()), false);
    }

    private static Tensor scan(Tensor x, int d, boolean reverse) {
        Tensor out = Compute.copy(x);
        float[] o = out.array();
        int step = out.dim() == 0 ? 1 : out.stride[d];
        startFromZero(out, d, reverse, step);
        if (step > 1 && out.numel() > 0) {
            // Lines a row apart or more: each row of a [len, step] block gets the row before it (after it, reversed)
            // added at once, on the vector kernels; every element's chain is the line walk's, so are its bits.
            // Line by line, each element was a cache line of its own (cumsum(0) of 1024 x 1024: 12.5 ms, Zen 4).
            int len = out.shape[d];
            for (int block = 0; block < out.numel(); block += len * step) {
                for (int k = 1; k < len; k++) {
                    int at = block + (reverse ? len - 1 - k : k) * step, from = at + (reverse ? step : -step);
                    Elementwise.binary(BinaryOp.ADD, step, o, at, 1, o, from, 1, o, at, 1);
                }
            }
        } else if (out.dim() > 0 && out.numel() > 0) {
            // lines one after another (out is a fresh contiguous copy): the kernel's, whole groups side by side
            int len = out.shape[d];
            LineSums.along(out.numel() / len, len, o, out.offset, reverse);
        }
        return Graph.recording(x) ? Graph.record(out, "CumsumBackward0", x, g -> scan(g, d, !reverse)) : out;
    }

    /**
     * Adds 0 to the element each line's sum starts from, as PyTorch's scan does (its sum starts at 0): a -0 there
     * becomes 0, which every later sum of the line then keeps, and nothing else changes.
     */
    private static void startFromZero(Tensor out, int d, boolean reverse, int step) {
        float[] o = out.array();
        if (out.dim() == 0) {
            o[out.offset] += 0f;
            return;
        }
        int len = out.shape[d];
        if (len == 0) {
            return;
        }
        for (int block = 0; block < out.numel(); block += len * step) {
            int first = out.offset + block + (reverse ? (len - 1) * step : 0);
            for (int i = 0; i < step; i++) {
                o[first + i] += 0f;
            }
        }
    }

    /** The p-norm along d, keeping d. */
    private static Tensor keptNorm(Tensor x, float p, int d) {
        if (p == 2f && x.contiguous && d == x.dim() - 1 && x.numel() > 0 && !Graph.recording(x)) {
            // Each row's sum of squares as one dot product (the kernel's canonical order, fused multiply-adds): the
            // squares as a tensor of their own cost a pass and a copy of x, most of a 1M-float norm's 1.04 ms
            // (PyTorch 1.13: 0.16); clipGradNorm_ takes one a parameter every step. Not where the result must carry
            // a history (the backward's kept norm under createGraph).
            int len = x.shape[d], rows = x.numel() / len;
            int[] shape = x.shape.clone();
            shape[d] = 1;
            Tensor squares = Tensor.empty(shape, "norm");   // every row written below
            float[] a = x.array(), out = squares.array();
            for (int r = 0, at = x.offset; r < rows; r++, at += len) {
                out[r] = Reductions.dot(len, a, at, 1, a, at, 1);
            }
            return squares.pow(1f / p);
        }
        Tensor powered = p == 2f ? x.mul(x) : x.abs().pow(p);   // |0|^p is infinite for p < 0: the norm is then 0
        return powered.sum(d, true).pow(1f / p);
    }

    /** The 2-norm of all elements. */
    static Tensor norm(Tensor x) {
        return norm(x.reshape(-1), 2f, 0, false);
    }

    /**
     * The largest (p = infinity) or smallest (p = -infinity) magnitude along d, 0 for an empty line as torch gives.
     * Its gradient goes to every element of that magnitude in equal shares, with x's sign (PyTorch's norm_backward for
     * infinite p), where max(d)'s would go to one of them; a NaN counts as one of them.
     */
    private static Tensor extremeNorm(Tensor x, int d, boolean keepdim, boolean largest) {
        return reduced("NormBackward1", x, d, keepdim, t -> t.shape[d] == 0 ? emptyLines(t, d)
                        : largest ? t.abs().max(d, true) : t.abs().min(d, true),
                (g, xv, n) -> {
                    Tensor magnitude = xv.abs();
                    Tensor extreme = magnitude.eq(n).add(magnitude.ne(magnitude));   // the two never both hold
                    return xv.sign().mul(extreme).mul(g.div(extreme.sum(d, true)));
                });
    }

    /** Zeros in t's shape with d kept at size 1: what max and min, which refuse empty lines, stand for there. */
    private static Tensor emptyLines(Tensor t, int d) {
        int[] shape = t.shape.clone();
        shape[d] = 1;
        return Tensor.zeros(shape);
    }

    /**
     * The p-norm along dim, for every p torch.norm takes: p = 0 counts the nonzero elements (NaN among them), p = 1
     * sums the magnitudes, p = +-infinity takes the largest or smallest magnitude, any other p is
     * {@code (sum |x|^p)^(1/p)} (0 for a negative p where an element is 0). The gradients are PyTorch's norm_backward:
     * none for p = 0 (x's grad stays unset, as torch leaves it None), {@code sgn(x) |x|^(p-1) g n^(1-p)} with 0 where x
     * is 0 for p < 1, {@code sgn(x) |x|^(p-1) g / n^(p-1)} for 1 < p < 2 and {@code x |x|^(p-2) g / n^(p-1)} from 2 up,
     * both 0 where the norm is 0, not the NaN the composed formulas would give at zeros.
     *
     * @throws IllegalArgumentException when p is NaN or dim is out of range
     */
    static Tensor norm(Tensor x, float p, int dim, boolean keepdim) {
        if (Float.isNaN(p)) {
            throw new IllegalArgumentException("norm: p must be a number or +-infinity, got NaN");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        if (Float.isInfinite(p)) {
            return extremeNorm(x, d, keepdim, p > 0f);
        }
        if (p == 0f) {
            return reduced("NormBackward1", x, d, keepdim, t -> t.ne(0f).sum(d, true), (g, xv, n) -> null);
        }
        if (p == 1f) {
            return x.abs().sum(d, keepdim);
        }
        return reduced("NormBackward1", x, d, keepdim, t -> keptNorm(t, p, d), (g, xv, n) -> {
            if (p < 1f) {
                Tensor direction = xv.sign().mul(xv.abs().pow(p - 1f).maskedFill(xv.eq(0f), 0f));
                return direction.mul(g).mul(n.pow(1f - p));
            }
            Tensor scale = g.div(p == 2f ? n : n.pow(p - 1f)).maskedFill(n.eq(0f), 0f);
            // Below 2, |x|^(p-2) is infinite at x = 0 and x times it NaN; torch's sgn(x) |x|^(p-1) is 0 there.
            Tensor direction = p == 2f ? xv
                    : p < 2f ? xv.sign().mul(xv.abs().pow(p - 1f)) : xv.mul(xv.abs().pow(p - 2f));
            return direction.mul(scale);
        });
    }

    /** A reduction's gradient from g (in the kept shape), x and the kept result. */
    private interface KeptRule {
        Tensor gradient(Tensor g, Tensor x, Tensor kept);
    }

    /**
     * {@code keptOf(x)}, a reduction along d that keeps d, squeezed unless keepdim, recorded as {@code name}: the
     * forward runs unrecorded, the backward is the rule's differentiable ops, and under createGraph the kept result
     * is computed from x again (not the saved constant), so second derivatives see it depend on x.
     */
    private static Tensor reduced(String name, Tensor x, int d, boolean keepdim, UnaryOperator<Tensor> keptOf,
                                  KeptRule rule) {
        Tensor kept;
        try (var off = GradMode.noGrad()) {
            kept = keptOf.apply(x);
        }
        Tensor out = keepdim || x.dim() == 0 ? kept : kept.squeeze(d);
        if (!Graph.recording(x)) {
            return out;
        }
        int[] keptShape = kept.shape;
        out.setGradFn(new Node(name, x) {
            private final SavedTensor savedX = save(x);
            private final SavedTensor savedKept = save(kept);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor xv = savedX.get();
                Tensor k = GradMode.isEnabled() ? keptOf.apply(xv) : savedKept.get();
                return grads(rule.gradient(g.reshape(keptShape), xv, k));
            }
        });
        return out;
    }
}

package dev.vgrad;

import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.SoftmaxRows;
import dev.vgrad.kernels.UnaryOp;

/**
 * softmax and logSoftmax along one dimension, made stable by subtracting each row's maximum before the
 * exponential. Rows along the last dimension run on the vector kernels; other dimensions take a strided
 * loop. Both backward rules need only the output.
 */
final class Softmax {
    private Softmax() {}

    static Tensor softmax(Tensor x, int dim, boolean log) {
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor in = Compute.dense(x);
        Tensor out = Tensor.empty(x.shape);
        int len = x.dim() == 0 ? 1 : x.shape[d];
        int inner = 1;
        for (int k = d + 1; k < x.dim(); k++) {
            inner *= x.shape[k];
        }
        int outer = len == 0 || inner == 0 ? 0 : x.numel() / (len * inner);
        float[] src = in.array(), dst = out.array();
        // Rows are independent: each part takes whole blocks of them, so any thread count gives the same bits.
        int parts = Parallel.partsFor(x.numel()), base = in.offset, innerCount = inner;
        if (parts > 1) {
            Parallel.forRanges(outer, parts, (from, to) -> rows(src, base, dst, from, to, len, innerCount, log));
        } else {
            rows(src, base, dst, 0, outer, len, inner, log);
        }
        if (!Graph.recording(x)) {
            return out;
        }
        if (log) {
            // d/dx logsoftmax: g - exp(y) * sum(g)
            return Graph.record(out, "LogSoftmaxBackward0", x, out, (g, y) -> g.sub(y.exp().mul(g.sum(d, true))));
        }
        // d/dx softmax: y * (g - sum(g * y))
        return Graph.record(out, "SoftmaxBackward0", x, out, (g, y) -> y.mul(g.sub(g.mul(y).sum(d, true))));
    }

    /** The softmax rows of outer blocks {@code from} to {@code to}: inner rows of len elements per block. */
    private static void rows(float[] src, int base, float[] dst, int from, int to, int len, int inner, boolean log) {
        for (int o = from; o < to; o++) {
            for (int i = 0; i < inner; i++) {
                row(src, base + o * len * inner + i, dst, o * len * inner + i, len, inner, log);
            }
        }
    }

    /** One softmax row of len elements, stride apart, from src at s into dst at t. */
    static void row(float[] src, int s, float[] dst, int t, int len, int stride, boolean log) {
        float max = Reductions.max(len, src, s, stride);
        // One kernel call a row, except for rows long enough that the separate kernels split them over threads.
        if (stride == 1 && len < 2 * Parallel.GRAIN) {
            float sum = SoftmaxRows.exp(len, src, s, max, dst, t, !log);
            if (log) {
                SoftmaxRows.shift(len, src, s, logShift(max, sum), dst, t);
            }
            return;
        }
        // exp(x - max) into dst, then the sum of that.
        Elementwise.unary(UnaryOp.ADD_SCALAR, -max, 0f, len, src, s, stride, dst, t, stride);
        Elementwise.unary(UnaryOp.EXP, 0f, 0f, len, dst, t, stride, dst, t, stride);
        float sum = Reductions.sum(len, dst, t, stride);
        if (log) {
            Elementwise.unary(UnaryOp.ADD_SCALAR, logShift(max, sum), 0f, len, src, s, stride, dst, t, stride);
        } else {
            Elementwise.unary(UnaryOp.DIV_SCALAR, sum, 0f, len, dst, t, stride, dst, t, stride);
        }
    }

    /**
     * What a log-softmax row adds to x: x - max - log(sum), recomputed from x so the subtraction is exact where exp
     * underflowed.
     */
    private static float logShift(float max, float sum) {
        return -max - (float) StrictMath.log(sum);
    }
}

package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.Elementwise;

/**
 * Ops that pick each element from one of two sources by a mask: where, maskedFill, and the triangles tril and
 * triu (a mask made from positions). A mask is a float tensor; nonzero (NaN included) means true, as PyTorch's
 * conversion to bool. Each backward rule routes the gradient with the same op, so it is differentiable again.
 */
final class Selection {
    private Selection() {}

    /** {@code cond ? x : y} elementwise, the three broadcast together. */
    static Tensor where(Tensor cond, Tensor x, Tensor y) {
        int[] shape = Shapes.broadcast(Shapes.broadcast(cond.shape, x.shape, "where"), y.shape, "where");
        Tensor out = Tensor.empty(shape, "where");
        select(cond, x, y, out);
        if (!Graph.recording(x, y)) {
            return out;
        }
        int[] xs = x.shape, ys = y.shape;
        out.setGradFn(new Node("WhereBackward0", x, y) {
            private final SavedTensor c = save(cond);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor m = c.get(), zero = Tensor.zeros();
                return grads(needsGrad(0) ? Reduction.sumTo(where(m, g, zero), xs) : null,
                        needsGrad(1) ? Reduction.sumTo(where(m, zero, g), ys) : null);
            }
        });
        return out;
    }

    /** x with {@code value} where mask is set; mask broadcasts to x's shape. */
    static Tensor maskedFill(Tensor x, Tensor mask, float value) {
        int[] shape = Shapes.broadcast(x.shape, mask.shape, "masked_fill");
        if (!java.util.Arrays.equals(shape, x.shape)) {
            throw new IllegalArgumentException("masked_fill: the mask of shape " + Shapes.str(mask.shape)
                    + " does not broadcast to the tensor's shape " + Shapes.str(x.shape));
        }
        Tensor out = Tensor.empty(shape, "masked_fill");
        select(mask, Tensor.scalar(value), x, out);
        return Graph.recording(x) ? Graph.record(out, "MaskedFillBackward0", x, mask,
                (g, m) -> where(m, Tensor.zeros(), g)) : out;
    }

    /** out = cond ? x : y, all three broadcast to out's shape; one pass with an odometer over out's index. */
    private static void select(Tensor cond, Tensor x, Tensor y, Tensor out) {
        int n = out.numel();
        if (n == 0) {
            return;
        }
        int[] shape = out.shape;
        int rank = shape.length;
        int[] cs = Shapes.broadcastStrides(cond.shape, cond.stride, shape);
        int[] xs = Shapes.broadcastStrides(x.shape, x.stride, shape);
        int[] ys = Shapes.broadcastStrides(y.shape, y.stride, shape);
        float[] c = cond.array(), xa = x.array(), ya = y.array(), o = out.array();
        if (rank == 0 || sameLayout(cond, shape) && sameLayout(x, shape) && sameLayout(y, shape)) {
            // one run: every operand laid out as the (contiguous) output
            Elementwise.select(n, c, cond.offset, 1, xa, x.offset, rank == 0 ? 0 : 1, ya, y.offset,
                    rank == 0 ? 0 : 1, o, out.offset);
            return;
        }
        // One kernel call per run along the last dimension: out is contiguous, so the runs follow each other.
        int len = shape[rank - 1], last = rank - 1;
        int[] idx = new int[rank];
        int ci = cond.offset, xi = x.offset, yi = y.offset;
        for (int at = out.offset; at < out.offset + n; at += len) {
            Elementwise.select(len, c, ci, cs[last], xa, xi, xs[last], ya, yi, ys[last], o, at);
            for (int d = rank - 2; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    ci += cs[d];
                    xi += xs[d];
                    yi += ys[d];
                    break;
                }
                idx[d] = 0;
                ci -= cs[d] * (shape[d] - 1);
                xi -= xs[d] * (shape[d] - 1);
                yi -= ys[d] * (shape[d] - 1);
            }
        }
    }

    /** Whether t is contiguous with exactly this shape (not broadcast to it). */
    private static boolean sameLayout(Tensor t, int[] shape) {
        return t.isContiguous() && java.util.Arrays.equals(t.shape, shape);
    }

    /** The lower triangle of the last two dimensions (j - i <= diagonal), zeros above. */
    static Tensor tril(Tensor x, int diagonal) {
        return triangle(x, diagonal, true);
    }

    /** The upper triangle of the last two dimensions (j - i >= diagonal), zeros below. */
    static Tensor triu(Tensor x, int diagonal) {
        return triangle(x, diagonal, false);
    }

    private static Tensor triangle(Tensor x, int diagonal, boolean lower) {
        String op = lower ? "tril" : "triu";
        if (x.dim() < 2) {
            throw new IllegalArgumentException(op + ": input tensor must have at least 2 dimensions, got shape "
                    + Shapes.str(x.shape));
        }
        Tensor out = Compute.copy(x);
        int rows = x.shape[x.dim() - 2], cols = x.shape[x.dim() - 1];
        float[] o = out.array();
        for (int base = out.offset, end = out.offset + out.numel(); base < end; base += rows * cols) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    if (lower ? j - i > diagonal : j - i < diagonal) {
                        o[base + i * cols + j] = 0f;
                    }
                }
            }
        }
        return Graph.recording(x) ? Graph.record(out, lower ? "TrilBackward0" : "TriuBackward0", x,
                g -> triangle(g, diagonal, lower)) : out;
    }
}

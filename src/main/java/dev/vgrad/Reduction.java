package dev.vgrad;

import static dev.vgrad.Compute.zip;

import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.ReduceOp;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.UnaryOp;
import java.util.Arrays;

/**
 * sum, mean and max over the whole tensor or along dimensions. The reduction kernel folds the input into a
 * view of the output that has stride 0 along the reduced dimensions; the backward of a sum is an expand.
 */
final class Reduction {
    private Reduction() {}

    static Tensor sumAll(Tensor x) {
        Tensor out = Tensor.scalar(reduceAll(ReduceOp.SUM, x));
        int[] shape = x.shape;
        return Graph.recording(x) ? Graph.record(out, "SumBackward0", x, g -> g.expand(shape)) : out;
    }

    static Tensor meanAll(Tensor x) {
        Tensor out = Tensor.scalar(reduceAll(ReduceOp.SUM, x) / x.numel());
        int[] shape = x.shape;
        float n = x.numel();
        return Graph.recording(x) ? Graph.record(out, "MeanBackward0", x, g -> g.expand(shape).div(n)) : out;
    }

    private static float reduceAll(ReduceOp op, Tensor x) {
        if (x.contiguous) {
            return Reductions.reduce(op, x.numel(), x.array(), x.offset, 1);
        }
        float[] acc = {op.identity()};
        Reductions.reduce(op, x.shape, x.array(), x.offset, x.stride, acc, 0, new int[x.dim()]);
        return acc[0];
    }

    /**
     * g summed down to {@code target}, the shape of an operand that was broadcast to g's shape: the dual of
     * expand, and differentiable (its backward expands back). Returns g itself when nothing was broadcast.
     */
    static Tensor sumTo(Tensor g, int[] target) {
        if (Arrays.equals(g.shape, target)) {
            return g;
        }
        Tensor out = Compute.sumTo(g, target);
        int[] shape = g.shape;
        return Graph.recording(g) ? Graph.record(out, "SumBackward1", g, gg -> gg.expand(shape)) : out;
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        boolean[] reduced = reducedDims(x, dims);
        Tensor kept = reduceInto(ReduceOp.SUM, x, reduced);
        Tensor out = keepdim ? kept : dropDims(kept, reduced);
        int[] shape = x.shape, keptShape = kept.shape;
        return Graph.recording(x)
                ? Graph.record(out, "SumBackward1", x, g -> g.reshape(keptShape).expand(shape)) : out;
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        boolean[] reduced = reducedDims(x, dims);
        Tensor kept = reduceInto(ReduceOp.SUM, x, reduced);
        float count = x.numel() == 0 ? 0f : (float) x.numel() / Math.max(kept.numel(), 1);
        Compute.mapInto(UnaryOp.DIV_SCALAR, count, 0f, kept, kept);
        Tensor out = keepdim ? kept : dropDims(kept, reduced);
        int[] shape = x.shape, keptShape = kept.shape;
        return Graph.recording(x)
                ? Graph.record(out, "MeanBackward1", x, g -> g.reshape(keptShape).expand(shape).div(count)) : out;
    }

    static Tensor maxAll(Tensor x) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException("max(): Expected reduction dim to be specified for input.numel() == 0. "
                    + "Specify the reduction dim with the 'dim' argument.");
        }
        Tensor out = Tensor.scalar(reduceAll(ReduceOp.MAX, x));
        if (!Graph.recording(x)) {
            return out;
        }
        // The gradient is shared evenly among the elements that attain the maximum (PyTorch's
        // evenly_distribute_backward); a NaN maximum is attained at the NaNs.
        int[] shape = x.shape;
        return Graph.record(out, "MaxBackward1", x, x, (g, v) -> {
            Tensor mask = zip(BinaryOp.EQ_MASK, v, out);
            float ties = Reductions.sum(mask.numel(), mask.array(), 0, 1);
            return Pointwise.zeroUnless(g.div(ties).expand(shape), mask);
        });
    }

    /** max along one dim: the values, or (argmax) the index of the first maximum as floats. */
    static Tensor max(Tensor x, int dim, boolean keepdim, boolean argmax) {
        int d = Shapes.wrapDim(dim, x.dim());
        int len = x.dim() == 0 ? 1 : x.shape[d];
        if (len == 0) {
            throw new IllegalArgumentException((argmax ? "argmax" : "max") + "(): Expected reduction dim " + d
                    + " to have non-zero size (shape " + Shapes.str(x.shape) + ")");
        }
        boolean[] reduced = new boolean[x.dim()];
        if (x.dim() > 0) {
            reduced[d] = true;
        }
        int[] keptShape = x.shape.clone();
        if (x.dim() > 0) {
            keptShape[d] = 1;
        }
        Tensor values = Tensor.empty(keptShape);
        // Where each maximum is, kept only for backward: as exact small floats in a tensor (arena memory inside a
        // training step, not a fresh int[] per call: max pooling's backward needs one position per output element).
        boolean backward = !argmax && Graph.recording(x);
        Tensor positions = backward ? Tensor.empty(keptShape, "max") : null;
        float[] index = backward ? positions.array() : null;
        int inner = Shapes.sizeAfter(x.shape, d);
        if (inner > 1 && x.stride[d] != 1) {
            // Lines a row apart or more: walked one row of [len, inner] blocks at a time instead of line by line.
            maxByRows(Compute.dense(x), len, inner, argmax, values, index);
        } else {
            maxByLines(x, d, len, keptShape, argmax, values, index);
        }
        Tensor out = keepdim ? values : dropDims(values, reduced);
        if (!backward) {
            return out;
        }
        Along along = new Along(x.shape, keptShape, d, positions);
        return Graph.record(out, "MaxBackward0", x, g -> along.place(g));
    }

    /** max(dim)'s values (or, with argmax, positions) and its positions (index, null for none), one line at a time. */
    private static void maxByLines(Tensor x, int d, int len, int[] keptShape, boolean argmax, Tensor values,
                                   float[] index) {
        int[] idx = new int[x.dim()];
        float[] xs = x.array(), vs = values.array();
        int step = x.dim() == 0 ? 0 : x.stride[d];
        boolean backward = index != null;
        for (int o = 0, count = values.numel(); o < count; o++) {
            int base = x.offset;
            for (int k = 0; k < idx.length; k++) {
                base += idx[k] * x.stride[k];
            }
            float best;
            int at = 0;
            if (step == 1) {
                // a contiguous line: its maximum, then where it first is (the walk's position, found by vectors)
                at = Reductions.firstMax(len, xs, base);
                best = xs[base + at];
            } else {
                best = xs[base];
                for (int i = 1; i < len && !Float.isNaN(best); i++) {
                    float v = xs[base + i * step];
                    if (v > best || Float.isNaN(v)) {
                        best = v;
                        at = i;
                    }
                }
            }
            vs[o] = argmax ? at : best;
            if (backward) {
                index[o] = at;
            }
            for (int k = idx.length - 1; k >= 0; k--) {
                if (++idx[k] < keptShape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
    }

    /**
     * {@link #maxByLines} for a contiguous x seen as [outer, len, inner]: each [len, inner] block reduced down its rows
     * ({@link Reductions#maxRows}), which finds the same values and first positions.
     */
    private static void maxByRows(Tensor x, int len, int inner, boolean argmax, Tensor values, float[] index) {
        float[] xs = x.array(), vs = values.array();
        int count = values.numel();
        float[] best = argmax ? null : vs;   // argmax keeps the rows only
        float[] at = argmax ? vs : index;
        for (int o = 0; o < count / inner; o++) {
            Reductions.maxRows(len, inner, xs, x.offset + o * len * inner, best, o * inner, at, o * inner);
        }
    }

    /**
     * One chosen position along dim d for every position of the kept shape (the input's shape with d of size 1):
     * where max(dim) found each maximum. {@link #place} scatters a gradient there, {@link #pick} gathers from
     * there; each is the other's backward, so max(dim) is differentiable to any order.
     */
    private record Along(int[] shape, int[] keptShape, int d, Tensor positions) {
        /** Zeros of the input's shape with g (laid out in the kept shape) written at the chosen positions. */
        Tensor place(Tensor g) {
            Tensor src = Compute.dense(g);
            Tensor out = Tensor.zerosOf(shape, "max_backward");
            float[] dst = out.array(), from = src.array();
            for (int o = 0, count = positions.numel(); o < count; o++) {
                dst[position(o)] = from[src.offset + o];
            }
            return Graph.recording(g) ? Graph.record(out, "MaxBackward0Backward0", g, gg -> pick(gg).reshape(g.shape))
                    : out;
        }

        /** The elements of x (of the input's shape) at the chosen positions, laid out in the kept shape. */
        Tensor pick(Tensor x) {
            Tensor src = Compute.dense(x);
            Tensor out = Tensor.empty(keptShape, "max_backward_backward");
            float[] dst = out.array(), from = src.array();
            for (int o = 0, count = positions.numel(); o < count; o++) {
                dst[o] = from[src.offset + position(o)];
            }
            return Graph.recording(x) ? Graph.record(out, "GatherBackward0", x, this::place) : out;
        }

        /** The row-major offset in the input's shape of kept position o's chosen element. */
        private int position(int o) {
            int off = 0, rem = o, stride = 1;
            for (int k = shape.length - 1; k >= 0; k--) {
                int pos = rem % keptShape[k];
                rem /= keptShape[k];
                off += (k == d ? (int) positions.array()[o] : pos) * stride;
                stride *= shape[k];
            }
            return off;
        }
    }

    private static boolean[] reducedDims(Tensor x, int[] dims) {
        boolean[] reduced = new boolean[x.dim()];
        for (int dim : dims) {
            int d = Shapes.wrapDim(dim, x.dim());
            if (x.dim() == 0) {
                continue;
            }
            if (reduced[d]) {
                throw new IllegalArgumentException("dim " + d + " appears multiple times in the list of dims "
                        + Arrays.toString(dims));
            }
            reduced[d] = true;
        }
        return reduced;
    }

    /** Reduces along the marked dims into a new tensor that keeps them with size 1. */
    private static Tensor reduceInto(ReduceOp op, Tensor x, boolean[] reduced) {
        int[] keptShape = x.shape.clone();
        for (int d = 0; d < reduced.length; d++) {
            if (reduced[d]) {
                keptShape[d] = 1;
            }
        }
        Tensor out = Tensor.empty(keptShape, op);
        Arrays.fill(out.array(), op.identity());
        int[] outStrides = out.stride.clone();
        for (int d = 0; d < reduced.length; d++) {
            if (reduced[d]) {
                outStrides[d] = 0;
            }
        }
        Reductions.reduce(op, x.shape, x.array(), x.offset, x.stride, out.array(), 0, outStrides);
        return out;
    }

    /** The same data without the marked (size-1) dims. */
    private static Tensor dropDims(Tensor kept, boolean[] reduced) {
        int n = 0;
        for (boolean r : reduced) {
            if (!r) {
                n++;
            }
        }
        int[] shape = new int[n];
        for (int d = 0, j = 0; d < reduced.length; d++) {
            if (!reduced[d]) {
                shape[j++] = kept.shape[d];
            }
        }
        return new Tensor(kept, 0, shape, Shapes.contiguousStrides(shape), kept.versionCounter());
    }
}

package dev.vgrad;

import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.ReduceOp;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.UnaryOp;
import java.util.Arrays;

/**
 * Tensors in, kernels called: the untracked computations that forward passes and backward rules are made
 * of. Nothing here records a graph. Contiguous operands go to the kernels as one flat run, so the kernel's
 * fast path is taken without any layout work.
 */
final class Compute {
    private Compute() {}

    /** {@code op(x; p, q)} into a new contiguous tensor. */
    static Tensor map(UnaryOp op, float p, float q, Tensor x) {
        Tensor out = Tensor.empty(x.shape, op);
        mapInto(op, p, q, x, out);
        return out;
    }

    /** {@code out = op(x; p, q)}; out has x's shape. */
    static void mapInto(UnaryOp op, float p, float q, Tensor x, Tensor out) {
        if (x.contiguous && out.contiguous) {
            Elementwise.unary(op, p, q, x.numel(), x.array(), x.offset, 1, out.array(), out.offset, 1);
        } else {
            Elementwise.unary(op, p, q, x.shape, x.array(), x.offset, x.stride, out.array(), out.offset, out.stride);
        }
    }

    static Tensor map(UnaryOp op, float p, Tensor x) {
        return map(op, p, 0f, x);
    }

    /** {@code op(a, b)} broadcast, into a new contiguous tensor; {@code name} is the op named in shape errors. */
    static Tensor zip(BinaryOp op, Tensor a, Tensor b, String name) {
        Tensor out = Tensor.empty(Shapes.broadcast(a.shape, b.shape, name), op);
        zipInto(op, a, b, out);
        return out;
    }

    static Tensor zip(BinaryOp op, Tensor a, Tensor b) {
        return zip(op, a, b, op.name().toLowerCase());
    }

    /**
     * {@code op(a, fresh)} into {@code fresh} itself, a tensor the caller has just made and no one else holds, where
     * the two are contiguous and of one shape (the bits {@link #zip} gives, one new tensor fewer); else zip.
     */
    static Tensor zipOver(BinaryOp op, Tensor a, Tensor fresh) {
        if (a.contiguous && fresh.contiguous && Arrays.equals(a.shape, fresh.shape)) {
            zipInto(op, a, fresh, fresh);
            return fresh;
        }
        return zip(op, a, fresh);
    }

    /** {@code out = op(a, b)} with a and b broadcast to out's shape. */
    static void zipInto(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        int n = out.numel(), bn = b.numel();
        if (a.contiguous && b.contiguous && out.contiguous && a.numel() == n && (bn == n || bn == 1)) {
            Elementwise.binary(op, n, a.array(), a.offset, 1, b.array(), b.offset, bn == n ? 1 : 0,
                    out.array(), out.offset, 1);
            return;
        }
        int[] shape = out.shape;
        Elementwise.binary(op, shape, a.array(), a.offset, Shapes.broadcastStrides(a.shape, a.stride, shape),
                b.array(), b.offset, Shapes.broadcastStrides(b.shape, b.stride, shape),
                out.array(), out.offset, out.stride);
    }

    /**
     * {@code f(a, b)} in double over a and b broadcast together, each result rounded once to float, into a new
     * contiguous tensor: for the two-operand functions no kernel has. Nothing recorded.
     */
    static Tensor zipDouble(String op, Tensor a, Tensor b, java.util.function.DoubleBinaryOperator f) {
        int[] shape = Shapes.broadcast(a.shape, b.shape, op);
        float[] x = a.expand(shape).toArray(), y = b.expand(shape).toArray();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.applyAsDouble(x[i], y[i]);
        }
        return Tensor.of(out, shape);
    }

    /** A contiguous copy. */
    static Tensor copy(Tensor x) {
        return map(UnaryOp.COPY, 0f, x);
    }

    /**
     * x itself when it is contiguous (a kernel can read its array from its offset), else a contiguous copy; null stays
     * null. Unlike {@link Tensor#contiguous()} it records nothing: for kernels that read their operands directly.
     */
    static Tensor dense(Tensor x) {
        return x == null || x.contiguous ? x : copy(x);
    }

    /** Copies x's elements in row-major order into dst from dstOff. */
    static void copyInto(Tensor x, float[] dst, int dstOff) {
        Elementwise.unary(UnaryOp.COPY, 0f, 0f, x.shape, x.array(), x.offset, x.stride, dst, dstOff,
                Shapes.contiguousStrides(x.shape));
    }

    /**
     * Sums g down to {@code target}, the shape of an operand that was broadcast to g's shape: the reverse of
     * broadcasting (expand's dual). Returns g itself when nothing was broadcast.
     */
    static Tensor sumTo(Tensor g, int[] target) {
        if (Arrays.equals(g.shape, target)) {
            return g;
        }
        Tensor out = Tensor.zerosOf(target, "sum_to_size");
        addSumTo(g, out);
        return out;
    }

    /**
     * Adds g summed down to {@code into}'s shape (one that broadcasts to g's) into {@code into}, element by element in
     * g's order: from zeros it is {@link #sumTo}; into an existing grad it is a bias gradient accumulated in place.
     */
    static void addSumTo(Tensor g, Tensor into) {
        int[] target = into.shape;
        if (sumsRows(g, target) && into.contiguous) {
            // A bias gradient, [..., M] summed over rows to [M]: row adds, no layout objects (this runs every step).
            int cols = target[0], rows = cols == 0 ? 0 : g.numel() / cols;
            Reductions.addRows(rows, cols, g.array(), g.offset, into.array(), into.offset);
            return;
        }
        int[] outStrides = Shapes.broadcastStrides(target, into.stride, g.shape);
        Reductions.reduce(ReduceOp.SUM, g.shape, g.array(), g.offset, g.stride, into.array(), into.offset, outStrides);
    }

    /**
     * {@code sumTo(a * b, target)}. Where that sum is a bias gradient's ({@link #sumsRows}) and b is contiguous and
     * of a's shape, the products are summed down the rows as they are made (Reductions.addRowProducts: the bits of
     * the product then the sum, without a tensor of the products: x * w's gradient in w took 1.8x PyTorch 1.13's time
     * forward and backward at 512 x 1024 with it); else the product, then the sum.
     */
    static Tensor sumProductTo(Tensor a, Tensor b, int[] target) {
        if (sumsRows(a, target) && b.contiguous && Arrays.equals(a.shape, b.shape)) {
            Tensor out = Tensor.zerosOf(target, "sum_to_size");
            int cols = target[0], rows = cols == 0 ? 0 : a.numel() / cols;
            Reductions.addRowProducts(rows, cols, a.array(), a.offset, b.array(), b.offset, out.array(), out.offset);
            return out;
        }
        return sumTo(zip(BinaryOp.MUL, a, b), target);
    }

    /** Whether g summed to target adds rows: g contiguous [..., M], at least 2-D, to [M] (a bias gradient). */
    private static boolean sumsRows(Tensor g, int[] target) {
        return g.dim() >= 2 && g.contiguous && target.length == 1 && target[0] == g.shape[g.dim() - 1];
    }

    /** A view of x broadcast to shape (stride 0 along broadcast dimensions), untracked. */
    static Tensor expandView(Tensor x, int[] shape) {
        Tensor v = new Tensor(x, x.offset, shape, Shapes.broadcastStrides(x.shape, x.stride, shape),
                x.versionCounter());
        v.base = x.base != null ? x.base : x;
        return v;
    }
}

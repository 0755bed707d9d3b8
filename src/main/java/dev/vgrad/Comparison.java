package dev.vgrad;

import static dev.vgrad.Compute.map;
import static dev.vgrad.Compute.zip;
import static dev.vgrad.Reduction.sumTo;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.UnaryOp;

/**
 * Ops that compare: the elementwise maximum and minimum, sign, and the 0/1 masks of gt, lt, ge, le, eq and ne. Their gradients are
 * piecewise constant masks, so each rule multiplies the incoming gradient by a constant and is differentiable
 * again as it stands.
 */
final class Comparison {
    private Comparison() {}

    /**
     * Elementwise maximum, NaN if either is NaN. As PyTorch's maximum backward: ties send half the gradient to each
     * side, and a NaN passes the whole gradient to both.
     */
    static Tensor maximum(Tensor a, Tensor b) {
        return extremum(a, b, true);
    }

    /** Elementwise minimum, NaN if either is NaN; its gradient shares ties and passes NaN as {@link #maximum}'s. */
    static Tensor minimum(Tensor a, Tensor b) {
        return extremum(a, b, false);
    }

    /**
     * max or min of a and b. The share of the gradient a gets is MAX_GRAD(a, b) for max (1 where a wins, 1/2 on a
     * tie, 1 where either is NaN) and, for min, MAX_GRAD(b, a): a wins a minimum where b would win the maximum.
     */
    private static Tensor extremum(Tensor a, Tensor b, boolean max) {
        String name = max ? "maximum" : "minimum";
        Tensor out = zip(max ? BinaryOp.MAX : BinaryOp.MIN, a, b, name);
        if (!Graph.recording(a, b)) {
            return out;
        }
        int[] sa = a.shape, sb = b.shape;
        out.setGradFn(new Node(max ? "MaximumBackward0" : "MinimumBackward0", a, b) {
            private final SavedTensor savedA = save(a);
            private final SavedTensor savedB = save(b);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor av = savedA.get(), bv = savedB.get();
                Tensor x = max ? av : bv, y = max ? bv : av;   // a's share is MAX_GRAD(x, y), b's MAX_GRAD(y, x)
                return grads(needsGrad(0) ? sumTo(share(g, zip(BinaryOp.MAX_GRAD, x, y)), sa) : null,
                        needsGrad(1) ? sumTo(share(g, zip(BinaryOp.MAX_GRAD, y, x)), sb) : null);
            }
        });
        return out;
    }

    /** g times a share in {0, 1/2, 1}, exactly 0 where the share is 0. */
    private static Tensor share(Tensor g, Tensor share) {
        return Pointwise.zeroUnless(g.mul(share), share);
    }

    /** -1, 0 or 1 by sign (0 for NaN); its gradient is zero (SignBackward0). */
    static Tensor sign(Tensor x) {
        Tensor out = map(UnaryOp.SIGN, 0f, x);
        int[] shape = x.shape;
        return Graph.recording(x) ? Graph.record(out, "SignBackward0", x, g -> Tensor.zeros(shape)) : out;
    }

    /** A 0/1 mask of {@code op(x, p)}; masks do not require grad (PyTorch's comparisons return bool tensors). */
    static Tensor mask(Tensor x, UnaryOp op, float p) {
        return map(op, p, x);
    }

    /** A 0/1 mask of {@code op(a, b)}, broadcasting; it does not require grad. */
    static Tensor mask(Tensor a, BinaryOp op, Tensor b, String name) {
        return zip(op, a, b, name);
    }
}

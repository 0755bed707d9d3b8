package dev.vgrad;

import static dev.vgrad.Compute.map;
import static dev.vgrad.Compute.zip;
import static dev.vgrad.Reduction.sumTo;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.UnaryOp;

/**
 * Ops that compare: the elementwise maximum, sign, and the 0/1 masks of gt, lt, ge, le, eq and ne. Their gradients are
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
        Tensor out = zip(BinaryOp.MAX, a, b, "maximum");
        if (!Graph.recording(a, b)) {
            return out;
        }
        int[] sa = a.shape, sb = b.shape;
        out.setGradFn(new Node("MaximumBackward0", a, b) {
            private final SavedTensor savedA = save(a);
            private final SavedTensor savedB = save(b);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor av = savedA.get(), bv = savedB.get();
                return grads(needsGrad(0) ? sumTo(share(g, zip(BinaryOp.MAX_GRAD, av, bv)), sa) : null,
                        needsGrad(1) ? sumTo(share(g, zip(BinaryOp.MAX_GRAD, bv, av)), sb) : null);
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

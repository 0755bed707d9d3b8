package dev.vgrad;

import static dev.vgrad.Compute.map;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.Fused;
import dev.vgrad.kernels.UnaryOp;
import java.util.Arrays;

/**
 * The fused elementwise updates PyTorch's optimizers are written in: add with alpha, addcmul, addcdiv, and
 * in-place unary ops. Untracked, same-shape contiguous operands take one fused kernel pass; anything
 * recorded or broadcast is composed from the differentiable ops, so gradients stay right.
 */
final class Updates {
    private Updates() {}

    private static boolean fusable(Tensor self, Tensor... others) {
        if (GradMode.isEnabled() && (self.requiresGrad() || Arrays.stream(others).anyMatch(Tensor::requiresGrad))) {
            return false;
        }
        if (!self.contiguous) {
            return false;
        }
        for (Tensor o : others) {
            if (!o.contiguous || !Arrays.equals(o.shape, self.shape) || o.storage == self.storage) {
                return false;
            }
        }
        return true;
    }

    /** self += alpha * other */
    static Tensor addAlpha_(Tensor self, Tensor other, float alpha) {
        if (fusable(self, other)) {
            Fused.axpy(self.numel, alpha, other.array(), other.offset, self.array(), self.offset);
            self.versionCounter().bump();
            return self;
        }
        return self.add_(alpha == 1f ? other : other.mul(alpha));
    }

    /** self + alpha * other */
    static Tensor addAlpha(Tensor self, Tensor other, float alpha) {
        if (fusable(self, other)) {
            return addAlpha_(Compute.copy(self), other, alpha);
        }
        return self.add(alpha == 1f ? other : other.mul(alpha));
    }

    /** self += value * t1 * t2 */
    static Tensor addcmul_(Tensor self, Tensor t1, Tensor t2, float value) {
        if (fusable(self, t1, t2)) {
            Fused.addcmul(self.numel, value, t1.array(), t1.offset, t2.array(), t2.offset, self.array(), self.offset);
            self.versionCounter().bump();
            return self;
        }
        return self.add_(t1.mul(value).mul(t2));
    }

    static Tensor addcmul(Tensor self, Tensor t1, Tensor t2, float value) {
        return fusable(self, t1, t2) ? addcmul_(Compute.copy(self), t1, t2, value) : self.add(t1.mul(value).mul(t2));
    }

    /** self += value * t1 / t2 */
    static Tensor addcdiv_(Tensor self, Tensor t1, Tensor t2, float value) {
        if (fusable(self, t1, t2)) {
            Fused.addcdiv(self.numel, value, t1.array(), t1.offset, t2.array(), t2.offset, self.array(), self.offset);
            self.versionCounter().bump();
            return self;
        }
        return self.add_(t1.mul(value).div(t2));
    }

    static Tensor addcdiv(Tensor self, Tensor t1, Tensor t2, float value) {
        return fusable(self, t1, t2) ? addcdiv_(Compute.copy(self), t1, t2, value) : self.add(t1.mul(value).div(t2));
    }

    /**
     * self = op(self) in place. Recorded, it is {@code self.copy_(f(self.clone()))}: the op's backward then saves
     * the clone, which the in-place write does not touch.
     */
    static Tensor unary_(Tensor self, UnaryOp op, float p, float q, java.util.function.UnaryOperator<Tensor> f) {
        if (GradMode.isEnabled() && self.requiresGrad()) {
            return self.copy_(f.apply(self.clone()));
        }
        InPlace.check(self, op.name().toLowerCase() + "_", false);
        Compute.mapInto(op, p, q, self, self);
        self.versionCounter().bump();
        return self;
    }

    /** Elementwise maximum; ties send half the gradient to each side, as PyTorch's maximum. */
    static Tensor maximum(Tensor a, Tensor b) {
        return Arithmetic.withPointwiseGrads(BinaryOp.MAX, "maximum", "MaximumBackward0", a, b, BinaryOp.MAX_GRAD,
                BinaryOp.MAX_GRAD, true);
    }

    /** -1, 0 or 1 by sign; its gradient is zero (SignBackward0). */
    static Tensor sign(Tensor x) {
        Tensor out = map(UnaryOp.SIGN, 0f, x);
        int[] shape = x.shape;
        return Graph.recording(x) ? Graph.record(out, "SignBackward0", x, g -> Tensor.zeros(shape)) : out;
    }

    /** A 0/1 mask of {@code op(x, p)}; masks do not require grad (PyTorch's comparisons return bool tensors). */
    static Tensor mask(Tensor x, UnaryOp op, float p) {
        return map(op, p, x);
    }
}

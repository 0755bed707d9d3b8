package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.kernels.Fused;

/**
 * The fused elementwise updates PyTorch's optimizers are written in: add with alpha, addcmul and addcdiv. When
 * {@link Graph#fusable} allows it, one fused kernel pass; anything recorded or broadcast is composed from the
 * differentiable ops, so gradients stay right.
 */
final class Updates {
    private Updates() {}

    /** {@link Graph#fusable} against both operands of a three-operand update. */
    private static boolean bothFusable(Tensor self, Tensor t1, Tensor t2) {
        return Graph.fusable(self, t1) && Graph.fusable(self, t2);
    }

    /** self += alpha * other */
    static Tensor addAlpha_(Tensor self, Tensor other, float alpha) {
        if (Graph.fusable(self, other)) {
            InPlace.check(self, "add_", false);
            Fused.axpy(self.numel(), alpha, other.array(), other.offset, self.array(), self.offset);
            self.versionCounter().bump();
            return self;
        }
        return self.add_(alpha == 1f ? other : other.mul(alpha));
    }

    /** self + alpha * other */
    static Tensor addAlpha(Tensor self, Tensor other, float alpha) {
        if (Graph.fusable(self, other)) {
            return addAlpha_(Compute.copy(self), other, alpha);
        }
        return self.add(alpha == 1f ? other : other.mul(alpha));
    }

    /** self += value * t1 * t2 */
    static Tensor addcmul_(Tensor self, Tensor t1, Tensor t2, float value) {
        if (bothFusable(self, t1, t2)) {
            InPlace.check(self, "addcmul_", false);
            Fused.addcmul(self.numel(), value, t1.array(), t1.offset, t2.array(), t2.offset, self.array(), self.offset);
            self.versionCounter().bump();
            return self;
        }
        composedCheck(self, t1, t2, "addcmul_", true);
        return self.add_(t1.mul(value).mul(t2));
    }

    static Tensor addcmul(Tensor self, Tensor t1, Tensor t2, float value) {
        if (bothFusable(self, t1, t2)) {
            return addcmul_(Compute.copy(self), t1, t2, value);
        }
        composedCheck(self, t1, t2, "addcmul", false);
        return self.add(t1.mul(value).mul(t2));
    }

    /** self += value * t1 / t2 */
    static Tensor addcdiv_(Tensor self, Tensor t1, Tensor t2, float value) {
        if (bothFusable(self, t1, t2)) {
            InPlace.check(self, "addcdiv_", false);
            Fused.addcdiv(self.numel(), value, t1.array(), t1.offset, t2.array(), t2.offset, self.array(), self.offset);
            self.versionCounter().bump();
            return self;
        }
        composedCheck(self, t1, t2, "addcdiv_", true);
        return self.add_(t1.mul(value).div(t2));
    }

    static Tensor addcdiv(Tensor self, Tensor t1, Tensor t2, float value) {
        if (bothFusable(self, t1, t2)) {
            return addcdiv_(Compute.copy(self), t1, t2, value);
        }
        composedCheck(self, t1, t2, "addcdiv", false);
        return self.add(t1.mul(value).div(t2));
    }

    /**
     * The refusals of a composed addcmul/addcdiv, made under its own name before any part runs (the parts would
     * report "mul" or "add_"): the three shapes must broadcast, and in place, to self's shape, into a writable self.
     */
    private static void composedCheck(Tensor self, Tensor t1, Tensor t2, String op, boolean inPlace) {
        int[] shape = Shapes.broadcast(Shapes.broadcast(t1.shape, t2.shape, op), self.shape, op);
        if (inPlace) {
            if (!java.util.Arrays.equals(shape, self.shape)) {
                throw new IllegalArgumentException(op + ": output with shape " + Shapes.str(self.shape)
                        + " doesn't match the broadcast shape " + Shapes.str(shape) + " (tensor1 " + Shapes.str(t1.shape)
                        + ", tensor2 " + Shapes.str(t2.shape) + ")");
            }
            InPlace.check(self, op, GradMode.isEnabled() && (self.requiresGrad() || t1.requiresGrad() || t2.requiresGrad()));
        }
    }
}

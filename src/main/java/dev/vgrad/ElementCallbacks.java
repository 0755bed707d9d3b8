package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * PyTorch's element-by-element escapes into the host language: Tensor.apply_, map_ and map2_ (a function called on
 * each element, in place, no gradient: PyTorch refuses them on tensors that require grad, as here) and tolist (nested
 * lists of numbers). Elements go to the function as doubles, as Python floats, and come back rounded to float.
 */
final class ElementCallbacks {
    private ElementCallbacks() {}

    static Tensor apply(Tensor self, DoubleUnaryOperator f) {
        refuseGrad("apply_", self);
        float[] v = self.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) f.applyAsDouble(v[i]);
        }
        return write(self, v);
    }

    static Tensor map(Tensor self, Tensor other, DoubleBinaryOperator f) {
        refuseGrad("map_", self, other);
        float[] v = self.toArray(), o = other.expand(self.shape).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) f.applyAsDouble(v[i], o[i]);
        }
        return write(self, v);
    }

    static Tensor map2(Tensor self, Tensor x, Tensor y, DoubleTernaryOperator f) {
        refuseGrad("map2_", self, x, y);
        float[] v = self.toArray(), a = x.expand(self.shape).toArray(), b = y.expand(self.shape).toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) f.applyAsDouble(v[i], a[i], b[i]);
        }
        return write(self, v);
    }

    /** The elements as nested lists of Floats (a 0-d tensor as its Float), as Tensor.tolist. */
    static Object toList(Tensor t) {
        float[] v = t.toArray();
        if (t.dim() == 0) {
            return v[0];
        }
        return nest(v, t.shape, 0, 0);
    }

    private static List<Object> nest(float[] v, int[] shape, int d, int offset) {
        int stride = 1;
        for (int k = d + 1; k < shape.length; k++) {
            stride *= shape[k];
        }
        List<Object> out = new ArrayList<>(shape[d]);
        for (int i = 0; i < shape[d]; i++) {
            out.add(d == shape.length - 1 ? (Object) v[offset + i] : nest(v, shape, d + 1, offset + i * stride));
        }
        return out;
    }

    private static void refuseGrad(String op, Tensor... tensors) {
        for (Tensor t : tensors) {
            if (t.requiresGrad()) {
                throw new IllegalStateException("Can't call " + op + "() on Variable that requires grad. Use "
                        + "var.detach()." + op + "() instead.");
            }
        }
    }

    /** The new values written into self's elements, through its strides, as an in-place op writes them. */
    private static Tensor write(Tensor self, float[] values) {
        try (var off = GradMode.noGrad()) {
            return self.copy_(Tensor.of(values, self.shape));
        }
    }
}

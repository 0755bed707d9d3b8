package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.nn.Module;
import java.util.Arrays;
import java.util.Map;

/** The checks weight_norm, spectral_norm and parametrize share before they replace a module's tensor. */
final class Reparametrizations {
    private Reparametrizations() {}

    /**
     * The module's own parameter {@code name}, or an IllegalArgumentException naming {@code op} and the module; an
     * IllegalStateException where the module keeps it in a final field ({@link Module#requireReplaceable}), before
     * anything changes.
     */
    static Tensor ownParameter(Module module, String name, String op) {
        Map<String, Tensor> own = module.namedParameters("", false, false);
        Tensor t = own.get(name);
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + module.getClass().getSimpleName() + " has no parameter '"
                    + name + "' of its own (its parameters: " + own.keySet() + ")");
        }
        module.requireReplaceable(name);
        return t;
    }

    /** {@code dim} of t made non-negative, or an IllegalArgumentException with the range and t's shape. */
    static int dimension(Tensor t, int dim, String op) {
        int n = Math.max(t.dim(), 1);
        if (dim < -n || dim >= n) {
            throw new IllegalArgumentException(op + ": Dimension out of range (expected to be in range of [" + -n + ", "
                    + (n - 1) + "], but got " + dim + ") for a tensor of shape " + Arrays.toString(t.shape()));
        }
        return dim < 0 ? dim + n : dim;
    }
}

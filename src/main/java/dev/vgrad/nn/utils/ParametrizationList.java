package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.ModuleList;
import java.util.Arrays;

/**
 * The parametrizations of one tensor, as PyTorch's {@code ParametrizationList}: the modules applied in order to
 * {@code original} (registered here as a parameter, or as a buffer where the module held a buffer, so a state dict
 * names it "parametrizations.weight.original"). Made and extended by {@link Parametrize#registerParametrization}.
 */
public final class ParametrizationList extends ModuleList {
    /** The unparametrized tensor: the module's old parameter itself, so optimizers that hold it keep working. */
    public final Tensor original;
    boolean unsafe;

    ParametrizationList(Module first, Tensor original, boolean parameter, boolean unsafe) {
        super(first);
        this.unsafe = unsafe;
        this.original = original;
        if (parameter) {
            registerParameter("original", original);
        } else {
            registerBuffer("original", original);
        }
    }

    /** The parametrized tensor: the first module applied to {@code original}, each next one to the result. */
    public Tensor forward() {
        Tensor x = original;
        for (Module m : this) {
            x = m.call(x);
        }
        return x;
    }

    /** Refused: a parametrization list takes no input; see {@link #forward()}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ParametrizationList takes no input: call forward()");
    }

    /**
     * Sets {@code original} (in place, unrecorded) to what the modules' right inverses, last module first, make of
     * {@code value}, as PyTorch assigns a parametrized tensor; a module without a right inverse is refused.
     */
    public void rightInverse(Tensor value) {
        try (var noGrad = GradMode.noGrad()) {
            Tensor x = value;
            for (int i = size() - 1; i >= 0; i--) {
                if (!(get(i) instanceof RightInverse r)) {
                    throw new IllegalStateException("parametrization " + get(i).getClass().getSimpleName()
                            + " does not implement right_inverse.");
                }
                x = r.rightInverse(x);
            }
            copyIntoOriginal(x);
        }
    }

    /** Writes {@code value} into {@code original}, keeping its identity; the shapes must agree. */
    void copyIntoOriginal(Tensor value) {
        if (!Arrays.equals(value.shape(), original.shape())) {
            throw new IllegalArgumentException("right_inverse gave a tensor of shape " + Arrays.toString(value.shape())
                    + " for an original of shape " + Arrays.toString(original.shape()) + ": vgrad keeps the original"
                    + " (and the optimizers that hold it) by writing into it, so the shape cannot change");
        }
        if (value != original) {
            try (var noGrad = GradMode.noGrad()) {
                original.copy_(value);
            }
        }
    }
}

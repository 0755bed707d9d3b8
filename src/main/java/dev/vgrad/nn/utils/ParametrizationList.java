package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.memory.Arena;
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
    public Tensor original;
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

    /** Makes {@code shared} the original (registered as the old one was), as transfer_parametrizations_and_params. */
    void shareOriginal(Tensor shared) {
        boolean parameter = namedParameters("", false, false).containsKey("original");
        deleteAttribute("original");
        if (parameter) {
            registerParameter("original", shared);
        } else {
            registerBuffer("original", shared);
        }
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

    /**
     * Writes {@code value} into {@code original}, keeping its identity (so optimizers that hold it keep working): in
     * place where the shapes agree, else by pointing it at a copy of value in memory of its own ({@code set_}), as
     * PyTorch's {@code original.set_(value)} does.
     */
    void copyIntoOriginal(Tensor value) {
        if (value == original) {
            return;
        }
        try (var noGrad = GradMode.noGrad()) {
            if (Arrays.equals(value.shape(), original.shape())) {
                original.copy_(value);
            } else {
                try (var heap = Arena.outside()) {   // a parameter outlives any arena a registration runs in
                    original.set_(value.contiguous().clone());
                }
            }
        }
    }
}

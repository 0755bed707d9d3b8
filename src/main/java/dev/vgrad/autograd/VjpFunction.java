package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What {@link Func#vjp} returns, PyTorch's {@code (output, vjp_fn)}: f's output at the primals, and the function that
 * takes a cotangent shaped like it to the vector-Jacobian products, one per primal; it may be called again and again.
 */
public final class VjpFunction {
    private final Tensor output;
    private final Tensor tracked;
    private final List<Tensor> own;
    private final boolean keep;
    private final List<Tensor> aux;

    VjpFunction(Tensor tracked, List<Tensor> own, boolean keep, List<Tensor> aux) {
        this.tracked = tracked;
        this.own = own;
        this.keep = keep;
        this.aux = aux;
        this.output = FuncLevel.result(tracked, tracked, keep);
    }

    /** f(primals...) (with has_aux, its first output). */
    public Tensor output() {
        return output;
    }

    /** f's other outputs where it was made with has_aux ({@link Func#vjpWithAux}); empty otherwise. */
    public List<Tensor> aux() {
        return aux;
    }

    /** vᵀ J for each primal, v shaped like the output; zeros for a primal the output does not depend on. */
    public List<Tensor> apply(Tensor cotangent) {
        if (!Arrays.equals(cotangent.shape(), tracked.shape())) {
            throw new IllegalArgumentException("Mismatch in shape: grad_output[0] has a shape of torch.Size("
                    + Arrays.toString(cotangent.shape()) + ") and output[0] has a shape of torch.Size("
                    + Arrays.toString(tracked.shape()) + ").");
        }
        boolean keepHere = keep && GradMode.isEnabled();
        try (var on = GradMode.enableGrad()) {
            List<Tensor> g = tracked.requiresGrad()
                    ? Autograd.grad(List.of(tracked), own, List.of(cotangent), true, keepHere, true)
                    : Collections.nCopies(own.size(), (Tensor) null);
            List<Tensor> result = new ArrayList<>(own.size());
            for (int i = 0; i < own.size(); i++) {
                result.add(FuncLevel.result(g.get(i), own.get(i), keepHere));
            }
            return result;
        }
    }
}

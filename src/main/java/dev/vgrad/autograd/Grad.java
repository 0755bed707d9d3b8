package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code torch.func.grad} and {@code grad_and_value} (functorch's in PyTorch 1.13): the gradient of a function whose
 * (first) output is a single-element tensor of zero dimensions, with respect to the inputs {@link #argnums} names,
 * made by {@link Func#grad}, {@link Func#gradAndValue}, {@link Func#gradWithAux} and
 * {@link Func#gradAndValueWithAux}.
 *
 * <p>{@link #applyAll} returns the gradients in argnums' order, then (grad_and_value) f's value, then (with aux) f's
 * other outputs. Grad mode is on inside whatever the caller's is, as PyTorch's transforms ignore an enclosing
 * {@code no_grad}; the results keep a graph only where grad mode was on outside and f reaches a tensor that requires
 * grad beyond this transform's own inputs (an enclosing transform's, or a parameter f closes over), so that
 * {@code Func.grad(Func.grad(f))} and a per-sample gradient's {@code backward()} work; otherwise they are detached.
 * An input f does not use gets zeros.
 */
public final class Grad implements TensorFunction, TensorsFunction {
    private final TensorsFunction f;
    private final boolean withValue;
    private final boolean hasAux;
    private int[] argnums = {0};

    Grad(TensorsFunction f, boolean withValue, boolean hasAux) {
        this.f = f;
        this.withValue = withValue;
        this.hasAux = hasAux;
    }

    /** The inputs to differentiate with respect to, by position ({@code argnums}); 0 unless set. Returns this. */
    public Grad argnums(int... positions) {
        this.argnums = FuncLevel.argnums(positions);
        return this;
    }

    /** The gradient with respect to the one input argnums names (grad without aux). */
    @Override
    public Tensor apply(Tensor... inputs) {
        if (withValue || hasAux || argnums.length != 1) {
            throw new IllegalStateException("this grad returns several tensors (gradients for " + argnums.length
                    + " inputs" + (withValue ? ", the value" : "") + (hasAux ? ", the aux outputs" : "")
                    + "); applyAll returns them all");
        }
        return applyAll(inputs).get(0);
    }

    @Override
    public List<Tensor> applyAll(Tensor... inputs) {
        int[] positions = positions(argnums, inputs.length);
        boolean gradModeOutside = GradMode.isEnabled();
        try (var on = GradMode.enableGrad()) {
            Tensor[] args = inputs.clone();
            List<Tensor> own = FuncLevel.aliasAt(args, positions, "grad");
            List<Tensor> outs = f.applyAll(args);
            Tensor value = scalarOutput(outs);
            boolean keep = FuncLevel.keepsGraph(gradModeOutside, outs, own);
            List<Tensor> grads = value.requiresGrad()
                    ? Autograd.grad(List.of(value), own, null, keep, keep, true)
                    : java.util.Collections.nCopies(own.size(), (Tensor) null);
            List<Tensor> result = new ArrayList<>();
            for (int i = 0; i < own.size(); i++) {
                result.add(FuncLevel.result(grads.get(i), own.get(i), keep));
            }
            if (withValue) {
                result.add(FuncLevel.result(value, value, keep));
            }
            result.addAll(FuncLevel.aux(outs, hasAux, keep));
            return result;
        }
    }

    private Tensor scalarOutput(List<Tensor> outs) {
        if (hasAux && (outs == null || outs.size() < 2)) {
            throw new IllegalArgumentException("grad_and_value(f)(*args): output of function f should be a tuple: "
                    + "(output, aux) if has_aux is True");
        }
        if (!hasAux && (outs == null || outs.size() != 1)) {
            throw new IllegalArgumentException("grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got "
                    + (outs == null ? "null" : outs.size() + " outputs") + " (with several, ask for has_aux)");
        }
        Tensor value = outs.get(0);
        if (value == null) {
            throw new IllegalArgumentException("grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got "
                    + "null");
        }
        if (value.dim() != 0) {
            throw new IllegalArgumentException("grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, "
                    + "got tensor with " + value.dim() + " dims. Maybe you wanted to use the vjp or jacrev APIs "
                    + "instead?");
        }
        return value;
    }

    /** argnums counted from the front, each checked against the number of inputs. */
    static int[] positions(int[] argnums, int inputs) {
        int[] p = new int[argnums.length];
        for (int i = 0; i < p.length; i++) {
            int a = argnums[i];
            if (a < -inputs || a >= inputs) {
                throw new IllegalArgumentException("Got argnum=" + a + ", but only " + inputs + " positional inputs");
            }
            p[i] = a < 0 ? a + inputs : a;
            for (int j = 0; j < i; j++) {
                if (p[j] == p[i]) {
                    throw new IllegalArgumentException("argnums must be unique, got " + Arrays.toString(argnums));
                }
            }
        }
        return p;
    }
}

package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.func.jacrev}, {@code jacfwd} and {@code hessian} (functorch's in PyTorch 1.13), made by
 * {@link Func#jacrev}, {@link Func#jacfwd} and {@link Func#hessian}: for each output of f and each input
 * {@link #argnums} names, d output / d input, shaped the output's shape followed by the input's.
 *
 * <p>Every one of them is computed in reverse mode, one backward pass per output element (vgrad has no forward-mode
 * AD): jacfwd's values are jacrev's, where PyTorch's forward mode may round differently in the last bits. As in
 * {@link Grad}, the results keep a graph only where an enclosing transform or the caller's autograd needs it, which is
 * how the Hessian is the Jacobian of the Jacobian. {@link #applyAll} lists them output by output, and for each
 * output input by input (PyTorch's nested tuples, flattened in order).
 */
public final class Jacobian implements TensorFunction, TensorsFunction {
    private final TensorsFunction f;
    private final String name;
    private final boolean hasAux;
    private int[] argnums = {0};

    Jacobian(TensorsFunction f, String name, boolean hasAux) {
        this.f = f;
        this.name = name;
        this.hasAux = hasAux;
    }

    /** The inputs to differentiate with respect to, by position ({@code argnums}); 0 unless set. Returns this. */
    public Jacobian argnums(int... positions) {
        this.argnums = FuncLevel.argnums(positions);
        return this;
    }

    /** The Jacobian of f's one output with respect to the one input argnums names. */
    @Override
    public Tensor apply(Tensor... inputs) {
        List<Tensor> all = applyAll(inputs);
        if (all.size() != 1) {
            throw new IllegalStateException(name + ": " + all.size() + " Jacobians (outputs times argnums); applyAll "
                    + "returns them all");
        }
        return all.get(0);
    }

    @Override
    public List<Tensor> applyAll(Tensor... inputs) {
        int[] positions = Grad.positions(argnums, inputs.length);
        boolean gradModeOutside = GradMode.isEnabled();
        try (var on = GradMode.enableGrad()) {
            Tensor[] args = inputs.clone();
            List<Tensor> own = FuncLevel.aliasAt(args, positions, name);
            List<Tensor> outs = f.applyAll(args);
            if (outs == null || outs.isEmpty() || outs.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException(name + ": f must return one or more Tensors, got " + outs);
            }
            if (hasAux && outs.size() < 2) {
                throw new IllegalArgumentException(name + "(f, ...)(*args): output of function f should be a tuple: "
                        + "(output, aux) if has_aux is True");
            }
            boolean keep = FuncLevel.keepsGraph(gradModeOutside, outs, own);
            List<Tensor> differentiated = hasAux ? outs.subList(0, 1) : outs;
            List<Tensor> result = new ArrayList<>(outs.size() * own.size());
            for (Tensor out : differentiated) {
                result.addAll(jacobians(out, own, keep));
            }
            result.addAll(FuncLevel.aux(outs, hasAux, keep));
            return result;
        }
    }

    /**
     * d out / d each input: the batched vector-Jacobian products of out's identity rows (one backward pass per element
     * of out), each reshaped to out's shape followed by the input's; zeros for an input out does not depend on.
     */
    private static List<Tensor> jacobians(Tensor out, List<Tensor> own, boolean keep) {
        int n = out.numel();
        List<Tensor> rows = null;
        if (out.requiresGrad() && n > 0) {
            Tensor seeds = Tensor.eye(n).reshape(concat(new int[] {n}, out.shape()));
            rows = Autograd.grad(List.of(out), own, List.of(seeds), true, keep, true, true);
        }
        List<Tensor> result = new ArrayList<>(own.size());
        for (int a = 0; a < own.size(); a++) {
            int[] shape = concat(out.shape(), own.get(a).shape());
            Tensor stacked = rows == null ? null : rows.get(a);
            result.add(stacked == null ? Tensor.zeros(shape) : (keep ? stacked : stacked.detach()).reshape(shape));
        }
        return result;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = new int[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code torch.func} (functorch in PyTorch 1.13): function transforms that compose. {@link #vmap} maps a function over
 * a batch dimension, {@link #grad} turns a scalar function into its gradient, {@link #jacrev} / {@link #jacfwd} /
 * {@link #hessian} into its derivatives, {@link #vjp} and {@link #jvp} give products with the Jacobian; each returns a
 * function the others take, so per-sample gradients are {@code Func.vmap(Func.grad(loss)).inDims(null, 0, 0)}.
 * (PyTorch's {@code functional_call} is {@code dev.vgrad.nn.utils.Stateless.functionalCall}.)
 *
 * <p>Functions are {@link TensorFunction} (one output) or {@link TensorsFunction} (several), inputs positional; where
 * PyTorch returns a tuple, vgrad returns a list in the tuple's order. How each differs from PyTorch where vgrad's
 * eager tensors cannot follow it is in {@link Vmap}, {@link Grad} and {@link Jacobian}.
 */
public final class Func {
    private Func() {}

    /** {@code vmap(f)}: f mapped over dimension 0 of every input unless {@link Vmap#inDim} / inDims say otherwise. */
    public static Vmap vmap(TensorFunction f) {
        return new Vmap(single(f));
    }

    /** {@code vmap(f)} for f with several outputs, each stacked along its out dim. */
    public static Vmap vmapAll(TensorsFunction f) {
        return new Vmap(f);
    }

    /** {@code grad(f)}: the gradient of f, whose output is a zero-dimensional tensor, with respect to input 0. */
    public static Grad grad(TensorFunction f) {
        return new Grad(single(f), false, false);
    }

    /** {@code grad(f, has_aux=True)}: f's first output is differentiated; the others follow the gradients. */
    public static Grad gradWithAux(TensorsFunction f) {
        return new Grad(f, false, true);
    }

    /** {@code grad_and_value(f)}: the gradients, then f's value. */
    public static Grad gradAndValue(TensorFunction f) {
        return new Grad(single(f), true, false);
    }

    /** {@code grad_and_value(f, has_aux=True)}: the gradients, then f's value, then its other outputs. */
    public static Grad gradAndValueWithAux(TensorsFunction f) {
        return new Grad(f, true, true);
    }

    /** {@code jacrev(f)}: d f / d input 0, shaped f's output's shape followed by the input's. */
    public static Jacobian jacrev(TensorFunction f) {
        return new Jacobian(single(f), "jacrev", false);
    }

    /** {@code jacrev(f)} for f with several outputs: a Jacobian for each output and each argnum. */
    public static Jacobian jacrevAll(TensorsFunction f) {
        return new Jacobian(f, "jacrev", false);
    }

    /** {@code jacrev(f, has_aux=True)}: the Jacobian of f's first output, then its other outputs. */
    public static Jacobian jacrevWithAux(TensorsFunction f) {
        return new Jacobian(f, "jacrev", true);
    }

    /** {@code jacfwd(f, has_aux=True)}: jacrevWithAux's values. */
    public static Jacobian jacfwdWithAux(TensorsFunction f) {
        return new Jacobian(f, "jacfwd", true);
    }

    /** {@code jacfwd(f)}: jacrev's values (vgrad computes both in reverse mode). */
    public static Jacobian jacfwd(TensorFunction f) {
        return new Jacobian(single(f), "jacfwd", false);
    }

    /**
     * {@code hessian(f, argnums)}: the Jacobian of the Jacobian of f, whose output has one element, with respect to
     * input {@code argnum}; shaped f's output's shape followed by the input's twice.
     */
    public static TensorFunction hessian(TensorFunction f, int argnum) {
        Jacobian inner = jacrev(f).argnums(argnum);
        return new Jacobian(inner, "hessian", false).argnums(argnum);
    }

    /** {@code hessian(f)} with respect to input 0. */
    public static TensorFunction hessian(TensorFunction f) {
        return hessian(f, 0);
    }

    /** {@code vjp(f, *primals)}: f's output at the primals and the function from a cotangent to vᵀ J per primal. */
    public static VjpFunction vjp(TensorFunction f, Tensor... primals) {
        return vjpOf(single(f), false, primals);
    }

    /** {@code vjp(f, *primals, has_aux=True)}: f's first output is pulled back; the others are {@code aux()}. */
    public static VjpFunction vjpWithAux(TensorsFunction f, Tensor... primals) {
        return vjpOf(f, true, primals);
    }

    /**
     * {@code jvp(f, primals, tangents)}: f's output at the primals, then J t (the sum over primals of each one's
     * Jacobian times its tangent). vgrad computes it by the double-backward trick (J t is d/du of (Jᵀ u) · t), so its
     * cost is two backward passes where PyTorch's forward mode takes one forward pass.
     */
    public static List<Tensor> jvp(TensorFunction f, Tensor[] primals, Tensor[] tangents) {
        return jvpOf(single(f), false, primals, tangents);
    }

    /** {@code jvp(f, primals, tangents, has_aux=True)}: for f's first output, then f's other outputs. */
    public static List<Tensor> jvpWithAux(TensorsFunction f, Tensor[] primals, Tensor[] tangents) {
        return jvpOf(f, true, primals, tangents);
    }

    private static VjpFunction vjpOf(TensorsFunction f, boolean hasAux, Tensor[] primals) {
        boolean gradModeOutside = GradMode.isEnabled();
        try (var on = GradMode.enableGrad()) {
            List<Tensor> own = aliases(primals, "vjp");
            List<Tensor> outs = outputs(f, own, hasAux, "vjp");
            boolean keep = FuncLevel.keepsGraph(gradModeOutside, outs, own);
            return new VjpFunction(outs.get(0), own, keep, FuncLevel.aux(outs, hasAux, keep));
        }
    }

    private static List<Tensor> jvpOf(TensorsFunction f, boolean hasAux, Tensor[] primals, Tensor[] tangents) {
        if (primals.length != tangents.length) {
            throw new IllegalArgumentException("jvp(f, primals, tangents): Expected primals and tangents to have the "
                    + "same python structure: " + primals.length + " primals and " + tangents.length + " tangents");
        }
        for (int i = 0; i < primals.length; i++) {
            if (!Arrays.equals(primals[i].shape(), tangents[i].shape())) {
                throw new IllegalArgumentException("Trying to set a forward gradient that has a different size than "
                        + "that of the original Tensor, this is not supported. Tensor is of size "
                        + Arrays.toString(primals[i].shape()) + " while the given forward gradient is of size "
                        + Arrays.toString(tangents[i].shape()) + ".");
            }
        }
        boolean gradModeOutside = GradMode.isEnabled();
        try (var on = GradMode.enableGrad()) {
            List<Tensor> own = aliases(primals, "jvp");
            List<Tensor> outs = outputs(f, own, hasAux, "jvp");
            Tensor out = outs.get(0);
            boolean keep = FuncLevel.keepsGraph(gradModeOutside, outs, own);
            List<Tensor> result = new ArrayList<>();
            result.add(FuncLevel.result(out, out, keep));
            result.add(FuncLevel.result(out.requiresGrad() ? jacobianTimes(out, own, tangents, keep) : null, out,
                    keep));
            result.addAll(FuncLevel.aux(outs, hasAux, keep));
            return result;
        }
    }

    /** J t, null where out depends on none of the inputs: u -> Jᵀu is linear in u, and d/du of (Jᵀu) · t is J t. */
    private static Tensor jacobianTimes(Tensor out, List<Tensor> own, Tensor[] tangents, boolean keep) {
        Tensor u = Tensor.zeros(out.shape()).requiresGrad_(true);
        List<Tensor> pulled = Autograd.grad(List.of(out), own, List.of(u), true, true, true);
        List<Tensor> terms = new ArrayList<>();
        List<Tensor> weights = new ArrayList<>();
        for (int i = 0; i < pulled.size(); i++) {
            if (pulled.get(i) != null && pulled.get(i).requiresGrad()) {
                terms.add(pulled.get(i));
                weights.add(tangents[i]);
            }
        }
        return terms.isEmpty() ? null : Autograd.grad(terms, List.of(u), weights, keep, keep, true).get(0);
    }

    private static List<Tensor> aliases(Tensor[] primals, String transform) {
        int[] all = new int[primals.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return FuncLevel.aliasAt(primals.clone(), all, transform);
    }

    private static List<Tensor> outputs(TensorsFunction f, List<Tensor> own, boolean hasAux, String transform) {
        List<Tensor> outs = f.applyAll(own.toArray(new Tensor[0]));
        if (outs == null || outs.isEmpty() || outs.get(0) == null) {
            throw new IllegalArgumentException(transform + "(f, ...): f must return a Tensor, got "
                    + (outs == null || outs.isEmpty() ? "nothing" : "null"));
        }
        if (hasAux && outs.size() < 2) {
            throw new IllegalArgumentException(transform + "(f, ...): output of function f should be a tuple: "
                    + "(output, aux) if has_aux is True");
        }
        return outs;
    }

    private static TensorsFunction single(TensorFunction f) {
        return inputs -> {
            Tensor out = f.apply(inputs);
            return out == null ? null : List.of(out);
        };
    }
}

package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code torch.autograd.functional} for a function of one tensor: jacobian, hessian, vjp, jvp and hvp, each built
 * from reverse-mode passes (jvp and the Hessian's rows by the double-backward trick). As with PyTorch's
 * {@code create_graph=False}, the results are detached; where the output does not depend on x they are zeros.
 */
final class AutogradFunctional {
    private AutogradFunctional() {}

    /** A fresh leaf sharing x's data that requires grad, so f's graph starts at it whatever x is. */
    private static Tensor leaf(Tensor x) {
        return x.detach().requiresGrad_(true);
    }

    /** d(sum(v * y))/dx, zeros where y does not depend on x. */
    private static Tensor pull(Tensor y, Tensor x, Tensor v, boolean createGraph) {
        if (!y.requiresGrad()) {
            return Tensor.zeros(x.shape());
        }
        Tensor g = Autograd.grad(List.of(y), List.of(x), v == null ? null : List.of(v), true, createGraph, true).get(0);
        return g != null ? g : Tensor.zeros(x.shape());
    }

    static Tensor vjp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        try (var on = GradMode.enableGrad()) {
            Tensor xi = leaf(x);
            Tensor y = f.apply(xi);
            if (v == null && y.numel() != 1) {
                throw new IllegalArgumentException("vjp: the vector v can only be omitted when the function returns a "
                        + "single element, got an output of shape " + java.util.Arrays.toString(y.shape()));
            }
            return pull(y, xi, v, false).detach();
        }
    }

    static Tensor jvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        requireShape("jvp", v, x);
        try (var on = GradMode.enableGrad()) {
            Tensor xi = leaf(x);
            Tensor y = f.apply(xi);
            if (!y.requiresGrad()) {
                return Tensor.zeros(y.shape());
            }
            // u -> J^T u is linear in u; differentiating <J^T u, v> in u gives J v.
            Tensor u = Tensor.zeros(y.shape()).requiresGrad_(true);
            Tensor jtu = pull(y, xi, u, true);
            return jtu.requiresGrad() ? pull(jtu, u, v, false).detach() : Tensor.zeros(y.shape());
        }
    }

    static Tensor jacobian(UnaryOperator<Tensor> f, Tensor x) {
        try (var on = GradMode.enableGrad()) {
            Tensor xi = leaf(x);
            return rows(f.apply(xi), xi, false);
        }
    }

    static Tensor hessian(UnaryOperator<Tensor> f, Tensor x) {
        try (var on = GradMode.enableGrad()) {
            Tensor xi = leaf(x);
            return rows(gradientWithGraph("hessian", f, xi), xi, false);
        }
    }

    /**
     * The gradient of {@code <grad f(x), v>}, which is {@code v^T H} (vhp) and, the Hessian being symmetric, H v
     * (hvp); {@code op} names which in errors.
     */
    static Tensor hvp(String op, UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        requireShape(op, v, x);
        try (var on = GradMode.enableGrad()) {
            Tensor xi = leaf(x);
            Tensor g = gradientWithGraph(op, f, xi);
            return g.requiresGrad() ? pull(g, xi, v, false).detach() : Tensor.zeros(x.shape());
        }
    }

    /** The gradient at xi of f, which must return one element, with its graph so it can be differentiated again. */
    private static Tensor gradientWithGraph(String op, UnaryOperator<Tensor> f, Tensor xi) {
        Tensor y = f.apply(xi);
        if (y.numel() != 1) {
            throw new IllegalArgumentException("The function given to " + op + " should return a single element "
                    + "Tensor, got one of shape " + java.util.Arrays.toString(y.shape()));
        }
        return pull(y, xi, null, true);
    }

    /** The Jacobian of y in x: one backward per element of y, shaped y's shape followed by x's. */
    private static Tensor rows(Tensor y, Tensor x, boolean createGraph) {
        int n = y.numel();
        List<Tensor> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Tensor basis = Tensor.zeros(n);
            basis.sharedArray()[i] = 1f;
            rows.add(pull(y, x, basis.view(y.shape()), createGraph).detach());
        }
        int[] shape = new int[y.dim() + x.dim()];
        System.arraycopy(y.shape(), 0, shape, 0, y.dim());
        System.arraycopy(x.shape(), 0, shape, y.dim(), x.dim());
        return n == 0 ? Tensor.zeros(shape) : Tensor.stack(rows).reshape(shape);
    }

    private static void requireShape(String op, Tensor v, Tensor x) {
        if (!java.util.Arrays.equals(v.shape(), x.shape())) {
            throw new IllegalArgumentException(op + ": v has shape " + java.util.Arrays.toString(v.shape())
                    + " but the input has shape " + java.util.Arrays.toString(x.shape()));
        }
    }
}

package dev.vgrad.autograd;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * Checks a function's analytical gradients (from backward) against finite differences, like
 * {@code torch.autograd.gradcheck}.
 *
 * <p>vgrad's tensors are float32, so the check does its own arithmetic in double: it projects the output
 * on a fixed random direction u, differentiates {@code sum(u * f(x))} by central differences in every input
 * element, dividing by the step actually taken (the difference of the two perturbed floats, not the nominal
 * step), and compares with what backward gives for {@code f(x).backward(u)}. Tolerances must allow for
 * float32 rounding in the forward pass: the defaults ({@code eps = 1e-3}, {@code atol = 1e-3},
 * {@code rtol = 1e-2}) suit values of order 1. Inputs should avoid kinks (relu at 0, abs at 0, ties of max).
 *
 * <pre>{@code
 * GradCheck.gradcheck(xs -> xs[0].mul(xs[1]).sum(), Tensor.randn(g, 3), Tensor.randn(g, 3));
 * }</pre>
 */
public final class GradCheck {
    /** A differentiable function of several tensors. */
    @FunctionalInterface
    public interface Fn {
        /** The output for these inputs. */
        Tensor apply(Tensor... inputs);
    }

    private GradCheck() {}

    /** {@link #gradcheck(Fn, double, double, double, Tensor...)} with the default step and tolerances. */
    public static boolean gradcheck(Fn fn, Tensor... inputs) {
        return gradcheck(fn, 1e-3, 1e-3, 1e-2, inputs);
    }

    /**
     * Returns true when every element of every input's gradient matches its finite difference within
     * {@code atol + rtol * |numerical|}; throws IllegalStateException naming the input, the element and both
     * values otherwise. The inputs themselves are not modified: the check works on copies.
     */
    public static boolean gradcheck(Fn fn, double eps, double atol, double rtol, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = inputs[i].detach().clone().requiresGrad_(true);
        }
        Tensor out = fn.apply(xs);
        Tensor u = Tensor.rand(new Generator(12345), out.shape()).mul(2f).sub(1f);
        if (out.requiresGrad()) {
            out.backward(u);
        }
        float[] direction = u.toArray();
        for (int i = 0; i < xs.length; i++) {
            Tensor analytical = xs[i].grad();
            float[] ana = analytical == null ? new float[xs[i].numel()] : analytical.toArray();
            float[] numerical = numericalGradient(fn, xs, i, direction, eps);
            for (int j = 0; j < ana.length; j++) {
                double diff = Math.abs(numerical[j] - ana[j]);
                boolean bothNaN = Float.isNaN(numerical[j]) && Float.isNaN(ana[j]);
                if (!bothNaN && !(diff <= atol + rtol * Math.abs(numerical[j]))) {
                    throw new IllegalStateException("Jacobian mismatch for input " + i + " (shape "
                            + Arrays.toString(xs[i].shape()) + ") at element " + j + ": numerical " + numerical[j]
                            + ", analytical " + ana[j]);
                }
            }
        }
        return true;
    }

    /** {@link #gradgradcheck(Fn, double, double, double, Tensor...)} with the default step and tolerances. */
    public static boolean gradgradcheck(Fn fn, Tensor... inputs) {
        return gradgradcheck(fn, 1e-3, 1e-3, 1e-2, inputs);
    }

    /**
     * Checks second derivatives, like {@code torch.autograd.gradgradcheck}: the first-order gradients, computed
     * by backward with {@code createGraph} for a random output gradient u, are themselves differentiated by
     * backward and compared with finite differences, in the inputs and in u. The gradients are projected on fixed
     * random weights, so one check covers every element. Throws as {@link #gradcheck} does.
     */
    public static boolean gradgradcheck(Fn fn, double eps, double atol, double rtol, Tensor... inputs) {
        int n = inputs.length;
        Tensor probe;
        try (var off = GradMode.noGrad()) {
            probe = fn.apply(inputs);
        }
        Generator g = new Generator(54321);
        Tensor[] weights = new Tensor[n];
        for (int i = 0; i < n; i++) {
            weights[i] = Tensor.rand(g, inputs[i].shape()).mul(2f).sub(1f);
        }
        Tensor[] withU = Arrays.copyOf(inputs, n + 1);
        withU[n] = Tensor.rand(g, probe.shape()).mul(2f).sub(1f);
        Fn firstOrder = xs -> {
            try (var on = GradMode.enableGrad()) {
                Tensor[] ins = Arrays.copyOf(xs, n);
                Tensor out = fn.apply(ins);
                Tensor total = Tensor.scalar(0f);
                if (!out.requiresGrad()) {
                    return total;
                }
                java.util.List<Tensor> grads = Autograd.grad(java.util.List.of(out), Arrays.asList(ins),
                        java.util.List.of(xs[n]), true, true, true);
                for (int i = 0; i < n; i++) {
                    if (grads.get(i) != null) {
                        total = total.add(grads.get(i).mul(weights[i]).sum());
                    }
                }
                return total;
            }
        };
        return gradcheck(firstOrder, eps, atol, rtol, withU);
    }

    private static float[] numericalGradient(Fn fn, Tensor[] xs, int which, float[] direction, double eps) {
        Tensor x = xs[which];
        float[] result = new float[x.numel()];
        Tensor flat = x.data().reshape(-1);
        try (var g = GradMode.noGrad()) {
            for (int j = 0; j < result.length; j++) {
                float original = flat.get(j);
                float plus = (float) (original + eps * Math.max(1.0, Math.abs(original)));
                float minus = (float) (original - eps * Math.max(1.0, Math.abs(original)));
                flat.select(0, j).fill_(plus);
                double up = project(fn.apply(xs), direction);
                flat.select(0, j).fill_(minus);
                double down = project(fn.apply(xs), direction);
                flat.select(0, j).fill_(original);
                result[j] = (float) ((up - down) / ((double) plus - (double) minus));
            }
        }
        return result;
    }

    private static double project(Tensor y, float[] u) {
        float[] v = y.toArray();
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += (double) u[i] * v[i];
        }
        return s;
    }
}

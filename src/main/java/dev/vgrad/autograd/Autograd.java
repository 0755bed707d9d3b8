package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The entry points of the backward pass: {@code torch.autograd.backward} and {@code torch.autograd.grad}, and the
 * clearing of accumulated gradients that modules and optimizers share.
 */
public final class Autograd {
    private Autograd() {}

    /**
     * Zeros the gradient of every tensor in {@code tensors} that has one, or with {@code setToNone} drops it
     * (PyTorch's {@code zero_grad(set_to_none)}, behind both {@code Module.zeroGrad} and {@code Optimizer.zeroGrad}).
     */
    public static void zeroGrad(Iterable<Tensor> tensors, boolean setToNone) {
        if (tensors instanceof java.util.List<Tensor> list && tensors instanceof java.util.RandomAccess) {
            for (int i = 0, n = list.size(); i < n; i++) {   // by index: an optimizer clears its list every step
                zeroGrad(list.get(i), setToNone);
            }
            return;
        }
        for (Tensor t : tensors) {
            zeroGrad(t, setToNone);
        }
    }

    private static void zeroGrad(Tensor t, boolean setToNone) {
        if (t.grad() != null) {
            if (setToNone) {
                t.setGrad(null);
            } else {
                t.grad().zero_();
            }
        }
    }

    /**
     * Accumulates into the leaves' {@code grad} the gradient of {@code root} (times {@code gradient}, which may
     * be null for a one-element root). Unless {@code retainGraph}, the graph's saved tensors are freed.
     */
    public static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        backward(root, gradient, retainGraph, false);
    }

    /**
     * {@link #backward(Tensor, Tensor, boolean)}; with {@code createGraph} the backward rules record the graph of
     * the gradients they compute, so the accumulated {@code grad} can be differentiated again.
     */
    public static void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
        Tensor seed = seedGradient(root, gradient, 0);
        Engine.run(new Node[] {root.gradEdge()}, new Tensor[] {seed}, retainGraph, createGraph, null);
    }

    /**
     * {@code torch.autograd.backward(tensors, grad_tensors, retain_graph, create_graph, inputs)}: one pass from
     * several roots at once (each seeded with its gradient, null for a one-element root, or all of them null), adding
     * into the leaves' {@code grad}. With {@code inputs} (null: every leaf), only those tensors' {@code grad} is added
     * to, a non-leaf's too (as PyTorch populates it); the other leaves are left as they were, and an input the roots
     * do not reach keeps its grad. An empty {@code inputs}, or one that does not require grad, is refused.
     */
    public static void backward(List<Tensor> tensors, List<Tensor> gradTensors, boolean retainGraph,
                                boolean createGraph, List<Tensor> inputs) {
        if (gradTensors != null && gradTensors.size() != tensors.size()) {
            throw new IllegalArgumentException("grad_tensors should have the same length as tensors: got "
                    + gradTensors.size() + " for " + tensors.size());
        }
        Tensor[] seeds = new Tensor[tensors.size()];
        Node[] roots = roots(tensors, gradTensors, seeds);
        if (inputs == null) {
            Engine.run(roots, seeds, retainGraph, createGraph, null);
            return;
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("'inputs' argument to backward() cannot be empty.");
        }
        Node[] captures = captures(inputs);
        Tensor[] got = Engine.run(roots, seeds, retainGraph, createGraph, captures);
        java.util.Set<Tensor> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        try (var mode = GradMode.setGradEnabled(createGraph)) {
            for (int i = 0; i < got.length; i++) {
                Tensor in = inputs.get(i);
                if (got[i] != null && done.add(in)) {
                    // a leaf's own accumulator (its hooks ran in the pass); a non-leaf's grad filled the same way
                    (in.isLeaf() ? captures[i] : new AccumulateGrad(in)).call(got[i]);
                }
            }
        }
    }

    /**
     * The gradients of the one-element {@code outputs} with respect to {@code inputs}, without touching any
     * {@code grad}; frees the graph.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs) {
        return grad(outputs, inputs, null, false, false, false);
    }

    /**
     * {@code torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph)}: the sum over the
     * outputs of (gradOutput times) d output / d input, for each input; {@code gradOutputs} may be null for
     * one-element outputs. With {@code createGraph} the returned gradients carry a graph of their own and can be
     * differentiated again (higher-order gradients). An input the outputs do not depend on is an error.
     *
     * <pre>{@code
     * Tensor x = Tensor.scalar(2f).requiresGrad_();
     * Tensor y = x.pow(3);
     * Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true, true).get(0);   // 3x^2 = 12
     * Tensor d2y = Autograd.grad(List.of(dy), List.of(x)).get(0);                     // 6x = 12
     * }</pre>
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph) {
        return grad(outputs, inputs, gradOutputs, retainGraph, createGraph, false);
    }

    /**
     * {@code torch.autograd.grad(..., is_grads_batched=True)}: each of {@code gradOutputs} has a leading batch
     * dimension (the same size B for all), and each input's gradient is the B vector-Jacobian products stacked along
     * a new first dimension, as if grad ran once per batch entry (identity rows as gradOutputs give the Jacobian).
     * PyTorch computes them with vmap; here they are B passes over a graph kept until the last.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused,
                                    boolean isGradsBatched) {
        if (!isGradsBatched) {
            return grad(outputs, inputs, gradOutputs, retainGraph, createGraph, allowUnused);
        }
        if (gradOutputs == null || gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("is_grads_batched needs one batched gradient per output, got "
                    + (gradOutputs == null ? "none" : gradOutputs.size()) + " for " + outputs.size() + " outputs");
        }
        int batch = -1;
        for (int i = 0; i < gradOutputs.size(); i++) {
            Tensor g = gradOutputs.get(i);
            int[] shape = outputs.get(i).shape();
            if (g.dim() != shape.length + 1 || !Arrays.equals(Arrays.copyOfRange(g.shape(), 1, g.dim()), shape)
                    || batch >= 0 && g.size(0) != batch) {
                throw new IllegalArgumentException("If `is_grads_batched=True`, we interpret the first dimension of "
                        + "each grad_output as the batch dimension: grad_output[" + i + "] has a shape of "
                        + Arrays.toString(g.shape()) + " and output[" + i + "] has a shape of "
                        + Arrays.toString(shape) + (batch >= 0 ? " (batch " + batch + " before)" : ""));
            }
            batch = g.size(0);
        }
        List<List<Tensor>> rows = new java.util.ArrayList<>();
        for (int b = 0; b < batch; b++) {
            List<Tensor> gs = new java.util.ArrayList<>();
            for (Tensor g : gradOutputs) {
                gs.add(g.select(0, b));
            }
            rows.add(grad(outputs, inputs, gs, retainGraph || b < batch - 1, createGraph, allowUnused));
        }
        Tensor[] result = new Tensor[inputs.size()];
        for (int i = 0; i < result.length; i++) {
            List<Tensor> column = new java.util.ArrayList<>();
            for (List<Tensor> row : rows) {
                column.add(row.get(i));
            }
            if (batch == 0) {
                int[] shape = new int[inputs.get(i).dim() + 1];
                System.arraycopy(inputs.get(i).shape(), 0, shape, 1, shape.length - 1);
                result[i] = Tensor.zeros(shape);
            } else if (column.get(0) != null) {
                result[i] = Tensor.stack(column, 0);
            }
        }
        return Arrays.asList(result);
    }

    /**
     * {@link #grad(List, List, List, boolean, boolean)} with {@code allow_unused}: an input that the outputs do
     * not depend on gets null instead of an error.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("grad requires one gradient per output: got " + gradOutputs.size()
                    + " gradients for " + outputs.size() + " outputs");
        }
        Tensor[] seeds = new Tensor[outputs.size()];
        Node[] roots = roots(outputs, gradOutputs, seeds);
        Node[] captures = captures(inputs);
        Tensor[] result = Engine.run(roots, seeds, retainGraph, createGraph, captures);
        for (int i = 0; i < result.length; i++) {
            if (result[i] == null && !allowUnused) {
                throw new IllegalStateException("One of the differentiated Tensors appears to not have been used in the "
                        + "graph. Set allow_unused=True if this is the desired behavior.");
            }
        }
        return Arrays.asList(result);
    }

    /**
     * {@code torch.autograd.functional.jacobian}: d f(x) / d x, shaped f(x)'s shape followed by x's (one backward per
     * element of the output).
     */
    public static Tensor jacobian(UnaryOperator<Tensor> f, Tensor x) {
        return AutogradFunctional.jacobian(f, x);
    }

    /** {@code torch.autograd.functional.hessian} of a function returning one element: shaped x's shape twice. */
    public static Tensor hessian(UnaryOperator<Tensor> f, Tensor x) {
        return AutogradFunctional.hessian(f, x);
    }

    /**
     * {@code torch.autograd.functional.vjp}: {@code v^T J}, the gradient of {@code sum(v * f(x))} in x ({@code v} of
     * f(x)'s shape; null when f returns one element).
     */
    public static Tensor vjp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        return AutogradFunctional.vjp(f, x, v);
    }

    /** {@code torch.autograd.functional.jvp}: {@code J v} ({@code v} of x's shape), by the double-backward trick. */
    public static Tensor jvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        return AutogradFunctional.jvp(f, x, v);
    }

    /** {@code torch.autograd.functional.hvp}: {@code H v} for a function returning one element ({@code v} of x's shape). */
    public static Tensor hvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        return AutogradFunctional.hvp("hvp", f, x, v);
    }

    /**
     * {@code torch.autograd.functional.vhp}: {@code v^T H} for a function returning one element ({@code v} of x's
     * shape), the gradient of {@code <grad f(x), v>}. The same as {@link #hvp} wherever the Hessian is symmetric (f
     * twice continuously differentiable), and computed the same way: PyTorch takes hvp by the double-backward trick,
     * vgrad takes both as this gradient.
     */
    public static Tensor vhp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        return AutogradFunctional.hvp("vhp", f, x, v);
    }

    /**
     * {@code torch.autograd.detect_anomaly()} for this thread until the scope is closed: each node remembers the
     * Java stack of the forward call that made it, a backward rule that fails reports that stack (as a suppressed
     * exception), and one that returns NaN fails with PyTorch's words, e.g.
     * {@code Function 'SqrtBackward0' returned nan values in its 0th output.}, the forward stack as its cause.
     * It slows backward down: every gradient is scanned.
     */
    public static AnomalyScope detectAnomaly() {
        return detectAnomaly(true);
    }

    /**
     * {@code torch.autograd.detect_anomaly(check_nan)}: {@link #detectAnomaly()}, with the NaN check left out when
     * {@code checkNan} is false (nodes still remember their forward stacks, and failing rules report them).
     */
    public static AnomalyScope detectAnomaly(boolean checkNan) {
        return new AnomalyScope(true, checkNan);
    }

    /**
     * {@code torch.autograd.set_detect_anomaly(mode, check_nan)}: turns anomaly detection on or off for this thread
     * at once; closing the returned scope (PyTorch's use as a context manager) restores what was in force before.
     */
    public static AnomalyScope setDetectAnomaly(boolean mode, boolean checkNan) {
        return new AnomalyScope(mode, checkNan);
    }

    /** {@link #setDetectAnomaly(boolean, boolean)} with the NaN check. */
    public static AnomalyScope setDetectAnomaly(boolean mode) {
        return setDetectAnomaly(mode, true);
    }

    /** {@code torch.is_anomaly_enabled()}: whether anomaly detection is on in this thread. */
    public static boolean isAnomalyEnabled() {
        return Anomaly.enabled();
    }

    /** {@code torch.is_anomaly_check_nan_enabled()}: whether anomaly detection checks gradients for NaN. */
    public static boolean isAnomalyCheckNanEnabled() {
        return Anomaly.checksNan();
    }

    /** The region of {@link #detectAnomaly()}; closing it restores the previous setting. */
    public static final class AnomalyScope implements AutoCloseable {
        private final boolean[] previous;

        private AnomalyScope(boolean on, boolean checkNan) {
            previous = Anomaly.set(on, checkNan);
        }

        /** Restores the anomaly mode that was in force when the scope opened. */
        @Override
        public void close() {
            Anomaly.set(previous[0], previous[1]);
        }
    }

    /** The nodes backward starts from, one per output, with each one's seed gradient written into {@code seeds}. */
    private static Node[] roots(List<Tensor> outputs, List<Tensor> gradOutputs, Tensor[] seeds) {
        Node[] roots = new Node[outputs.size()];
        for (int i = 0; i < roots.length; i++) {
            Tensor out = outputs.get(i);
            seeds[i] = seedGradient(out, gradOutputs == null ? null : gradOutputs.get(i), i);
            roots[i] = out.gradEdge();
        }
        return roots;
    }

    /** The nodes whose incoming gradients are captured, one per input; an input without grad is refused. */
    private static Node[] captures(List<Tensor> inputs) {
        Node[] captures = new Node[inputs.size()];
        for (int i = 0; i < captures.length; i++) {
            Tensor in = inputs.get(i);
            if (!in.requiresGrad()) {
                throw new IllegalStateException("One of the differentiated Tensors does not require grad");
            }
            captures[i] = in.gradEdge();
        }
        return captures;
    }

    private static Tensor seedGradient(Tensor out, Tensor gradient, int i) {
        if (!out.requiresGrad()) {
            throw new IllegalStateException("element " + i + " of tensors does not require grad and does not have a "
                    + "grad_fn");
        }
        if (gradient == null) {
            if (out.numel() != 1) {
                throw new IllegalStateException("grad can be implicitly created only for scalar outputs");
            }
            return Tensor.ones(out.shape());
        }
        if (!Arrays.equals(gradient.shape(), out.shape())) {
            throw new IllegalArgumentException("Mismatch in shape: grad_output[" + i + "] has a shape of torch.Size("
                    + Arrays.toString(gradient.shape()) + ") and output[" + i + "] has a shape of torch.Size("
                    + Arrays.toString(out.shape()) + ").");
        }
        return gradient;
    }
}

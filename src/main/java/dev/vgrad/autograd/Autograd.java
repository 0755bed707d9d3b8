package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.Arrays;
import java.util.List;

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
        for (Tensor t : tensors) {
            if (t.grad() != null) {
                if (setToNone) {
                    t.setGrad(null);
                } else {
                    t.grad().zero_();
                }
            }
        }
    }

    /**
     * Accumulates into the leaves' {@code grad} the gradient of {@code root} (times {@code gradient}, which may
     * be null for a one-element root). Unless {@code retainGraph}, the graph's saved tensors are freed.
     */
    public static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        Tensor seed = seedGradient(root, gradient, 0);
        Engine.run(new Node[] {root.gradEdge()}, new Tensor[] {seed}, retainGraph, null);
    }

    /**
     * The gradients of the one-element {@code outputs} with respect to {@code inputs}, without touching any
     * {@code grad}; frees the graph.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs) {
        return grad(outputs, inputs, null, false, false);
    }

    /**
     * {@code torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, allow_unused)}: the sum over the
     * outputs of (gradOutput times) d output / d input, for each input. An input that the outputs do not
     * depend on is an error, or null with {@code allowUnused}.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean allowUnused) {
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("grad requires one gradient per output: got " + gradOutputs.size()
                    + " gradients for " + outputs.size() + " outputs");
        }
        Node[] roots = new Node[outputs.size()];
        Tensor[] seeds = new Tensor[outputs.size()];
        for (int i = 0; i < roots.length; i++) {
            Tensor out = outputs.get(i);
            seeds[i] = seedGradient(out, gradOutputs == null ? null : gradOutputs.get(i), i);
            roots[i] = out.gradEdge();
        }
        Node[] captures = new Node[inputs.size()];
        for (int i = 0; i < captures.length; i++) {
            Tensor in = inputs.get(i);
            if (!in.requiresGrad()) {
                throw new IllegalStateException("One of the differentiated Tensors does not require grad");
            }
            captures[i] = in.gradEdge();
        }
        Tensor[] result = Engine.run(roots, seeds, retainGraph, captures);
        for (int i = 0; i < result.length; i++) {
            if (result[i] == null && !allowUnused) {
                throw new IllegalStateException("One of the differentiated Tensors appears to not have been used in the "
                        + "graph. Set allow_unused=True if this is the desired behavior.");
            }
        }
        return Arrays.asList(result);
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

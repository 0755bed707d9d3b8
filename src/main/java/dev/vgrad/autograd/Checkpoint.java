package dev.vgrad.autograd;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Gradient checkpointing ({@code torch.utils.checkpoint.checkpoint}): a function's intermediate results are not kept
 * for backward but computed again when backward reaches them, trading a second forward of the function for the memory
 * its activations would hold.
 *
 * <p>It behaves as PyTorch's {@code use_reentrant=False}: the parameters the function uses get their gradients even
 * when no input requires grad, {@link Autograd#grad} works through it, and the default generator (with any other named)
 * is put back where it stood before the function ran, so dropout draws the same masks again. The output's node is named
 * "CheckpointFunctionBackward". Recomputing must give the same output to the bit (vgrad's kernels give the same bits on
 * every run); if it does not, because the function draws from a generator that was not named or reads state that
 * changed since, backward refuses rather than return gradients of another computation. As in PyTorch, a function
 * that updates state as it runs (batch norm's running statistics in training mode) updates it again when recomputed.
 *
 * <pre>{@code
 * Tensor h = Checkpoint.checkpoint(block::call, x);   // block's activations are recomputed in backward
 * }</pre>
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** {@code function(input)} with its intermediate results recomputed in backward instead of kept. */
    public static Tensor checkpoint(UnaryOperator<Tensor> function, Tensor input) {
        return checkpoint(in -> function.apply(in[0]), List.of(), input);
    }

    /** {@code function(inputs)} with its intermediate results recomputed in backward instead of kept. */
    public static Tensor checkpoint(java.util.function.Function<Tensor[], Tensor> function, Tensor... inputs) {
        return checkpoint(function, List.of(), inputs);
    }

    /**
     * {@code function(inputs)} with its intermediate results recomputed in backward, the generators in
     * {@code generators} (drawn from by the function: a module's own dropout generator) put back where they stood, as
     * the default generator always is.
     */
    public static Tensor checkpoint(java.util.function.Function<Tensor[], Tensor> function, List<Generator> generators,
                                    Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return function.apply(inputs.clone());
        }
        Set<Generator> preserved = new LinkedHashSet<>();
        preserved.add(Generator.defaultGenerator());
        preserved.addAll(generators);
        Generator[] gens = preserved.toArray(new Generator[0]);
        Generator.State[] before = states(gens);
        NodeRecorder recorder = NodeRecorder.start();
        Tensor out;
        try {
            out = function.apply(inputs.clone());
        } finally {
            recorder.stop();
        }
        if (out == null) {
            throw new IllegalStateException("checkpoint: the function returned null");
        }
        Node root = out.gradFn();
        if (root == null || !recorder.contains(root)) {
            return out;   // no gradient passes through anything the function computed: nothing to recompute
        }
        Node[] boundary = boundary(root, recorder);
        Tensor result = out.detach();
        TensorAccess.get().setGradFn(result, new CheckpointNode(function, inputs, gens, before, boundary,
                fingerprint(out)));
        return result;
    }

    private static Generator.State[] states(Generator[] gens) {
        Generator.State[] s = new Generator.State[gens.length];
        for (int i = 0; i < gens.length; i++) {
            s[i] = gens[i].getState();
        }
        return s;
    }

    private static void restore(Generator[] gens, Generator.State[] states) {
        for (int i = 0; i < gens.length; i++) {
            gens[i].setState(states[i]);
        }
    }

    /**
     * The nodes the function's graph leads to that it did not make (its inputs' and the parameters' nodes), in the
     * order a walk from the root meets them.
     */
    private static Node[] boundary(Node root, NodeRecorder recorder) {
        List<Node> out = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> stack = new ArrayDeque<>();
        seen.add(root);
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (int i = 0, count = n.edgeCount(); i < count; i++) {
                Node child = n.edge(i);
                if (child != null && seen.add(child)) {
                    if (recorder.contains(child)) {
                        stack.push(child);
                    } else {
                        out.add(child);
                    }
                }
            }
        }
        return out.toArray(new Node[0]);
    }

    /** The output's shape and the bits of its values, hashed: what the recomputation must give again. */
    private static long fingerprint(Tensor t) {
        long h = Arrays.hashCode(t.shape());
        for (float v : t.toArray()) {
            h = h * 0x9E3779B97F4A7C15L + Float.floatToRawIntBits(v);
        }
        return h;
    }

    /** The node of one checkpointed call: recomputes the function, then runs backward through that graph alone. */
    private static final class CheckpointNode extends Node {
        private final java.util.function.Function<Tensor[], Tensor> function;
        private final SavedTensor[] inputs;
        private final Generator[] generators;
        private final Generator.State[] before;
        private final Node[] boundary;
        private final long fingerprint;

        CheckpointNode(java.util.function.Function<Tensor[], Tensor> function, Tensor[] inputs, Generator[] generators,
                       Generator.State[] before, Node[] boundary, long fingerprint) {
            super("CheckpointFunctionBackward", boundary);
            this.function = function;
            this.inputs = new SavedTensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                this.inputs[i] = inputs[i] == null ? null : save(inputs[i]);
            }
            this.generators = generators;
            this.before = before;
            this.boundary = boundary;
            this.fingerprint = fingerprint;
        }

        @Override
        protected Tensor[] apply(Tensor gradOutput) {
            boolean createGraph = GradMode.isEnabled();
            Tensor[] args = new Tensor[inputs.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = inputs[i] == null ? null : inputs[i].get();
            }
            Generator.State[] now = states(generators);
            restore(generators, before);
            NodeRecorder recorder = NodeRecorder.start();
            Tensor out;
            try (var on = GradMode.enableGrad()) {
                out = function.apply(args);
            } finally {
                recorder.stop();
                restore(generators, now);   // as PyTorch's fork_rng: backward leaves the generators where it found them
            }
            Node root = out == null ? null : out.gradFn();
            if (root == null || !recorder.contains(root) || fingerprint(out) != fingerprint) {
                throw new IllegalStateException("checkpoint: recomputing the function in backward gave another output "
                        + "than its forward pass did" + (out == null ? " (null)" : " (shape " + Arrays.toString(
                        out.shape()) + ")") + ": it draws from a generator not named to checkpoint, or reads state "
                        + "that changed since");
            }
            Set<Node> known = Collections.newSetFromMap(new IdentityHashMap<>());
            known.addAll(Arrays.asList(boundary));
            for (Node n : boundary(root, recorder)) {
                if (!known.contains(n)) {
                    throw new IllegalStateException("checkpoint: recomputing the function in backward used a tensor "
                            + "requiring grad that its forward pass did not (" + n.name() + ")");
                }
            }
            return Engine.runBounded(root, gradOutput, boundary, createGraph);
        }
    }
}

package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import java.util.Arrays;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Whether an op is recorded, the node shapes most ops use, and whether a fused untracked kernel may stand in
 * for a composition of ops.
 *
 * <p>Backward rules are written as Tensor expressions, so that when backward runs with {@code createGraph}
 * (grad mode on) they record the graph of the gradient and every op is differentiable again. When the rule's
 * operands are not recorded, the same expressions run untracked, and a rule may instead take a fused kernel
 * that computes the same values in one pass: {@link #fusable} says when.
 */
final class Graph {
    private Graph() {}

    static boolean recording(Tensor a) {
        return a.requiresGrad() && GradMode.isEnabled();
    }

    static boolean recording(Tensor a, Tensor b) {
        return (a.requiresGrad() || b.requiresGrad()) && GradMode.isEnabled();
    }

    static boolean recording(Tensor a, Tensor b, Tensor c) {
        return (a.requiresGrad() || b.requiresGrad() || c.requiresGrad()) && GradMode.isEnabled();
    }

    /**
     * Whether {@code self} may be updated in place by one fused kernel pass reading {@code other}: nothing is
     * recorded, both are contiguous and of one shape, and they do not share storage. The single test behind every
     * fused update (optimizer steps, addcmul, ...): anything else is composed from the differentiable ops.
     */
    static boolean fusable(Tensor self, Tensor other) {
        return !(GradMode.isEnabled() && (self.requiresGrad() || other.requiresGrad())) && self.contiguous
                && other.contiguous && Arrays.equals(other.shape, self.shape) && other.storage != self.storage;
    }

    /** A one-input node whose backward rule needs only the output gradient. */
    static Node node(String name, Tensor input, UnaryOperator<Tensor> rule) {
        return new Node(name, input) {
            @Override
            protected Tensor[] apply(Tensor g) {
                return grads(rule.apply(g));
            }
        };
    }

    /**
     * A one-input node that also holds a scalar saved at forward time ({@code x * 2} saves the 2, so a second
     * backward through the freed graph is refused, as PyTorch refuses it).
     */
    static Node nodeSavingScalar(String name, Tensor input, UnaryOperator<Tensor> rule) {
        return new Node(name, input) {
            {
                saveScalar();
            }

            @Override
            protected Tensor[] apply(Tensor g) {
                return grads(rule.apply(g));
            }
        };
    }

    /** Records a one-input op whose backward rule needs only the output gradient. */
    static Tensor record(Tensor out, String name, Tensor input, UnaryOperator<Tensor> rule) {
        out.setGradFn(node(name, input, rule));
        return out;
    }

    /**
     * Records a one-input op whose backward rule also needs one saved tensor (its input, or {@code out} itself):
     * {@code rule.apply(gradOutput, saved)}.
     */
    static Tensor record(Tensor out, String name, Tensor input, Tensor saved, BinaryOperator<Tensor> rule) {
        out.setGradFn(new Node(name, input) {
            private final SavedTensor s = saved == out ? saveOutput(out) : save(saved);

            @Override
            protected Tensor[] apply(Tensor g) {
                return grads(rule.apply(g, s.get()));
            }
        });
        return out;
    }

    /** A rule from the output's gradient, the op's input and its output. */
    @FunctionalInterface
    interface InputOutputRule {
        Tensor apply(Tensor gradient, Tensor input, Tensor output);
    }

    /**
     * Records a one-input op whose backward rule needs both its input and its own output, each saved with its
     * version (an in-place change to either is caught as for any saved tensor).
     */
    static Tensor recordWithOutput(Tensor out, String name, Tensor input, InputOutputRule rule) {
        out.setGradFn(new Node(name, input) {
            private final SavedTensor savedInput = save(input), savedOutput = saveOutput(out);

            @Override
            protected Tensor[] apply(Tensor g) {
                return grads(rule.apply(g, savedInput.get(), savedOutput.get()));
            }
        });
        return out;
    }

    /**
     * Records a node whose backward refuses, for an op PyTorch gives no derivative but still records (its grad_fn is
     * NotImplemented): the output requires grad as PyTorch's does, and backward through it names the op.
     */
    static Tensor recordUndifferentiable(Tensor out, String op, Tensor... inputs) {
        boolean any = false;
        for (Tensor t : inputs) {
            any |= t.requiresGrad();
        }
        if (!any || !GradMode.isEnabled()) {
            return out;
        }
        out.setGradFn(new Node("NotImplemented", inputs) {
            @Override
            protected Tensor[] apply(Tensor g) {
                throw new UnsupportedOperationException("the derivative for '" + op + "' is not implemented.");
            }
        });
        return out;
    }
}

package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/** Whether an op is recorded, and the node shapes most ops use. */
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

    /** Records a one-input op whose backward rule needs only the output gradient. */
    static Tensor record(Tensor out, String name, Tensor input, UnaryOperator<Tensor> rule) {
        out.setGradFn(new Node(name, input) {
            @Override
            protected Tensor[] apply(Tensor g) {
                return new Tensor[] {rule.apply(g)};
            }
        });
        return out;
    }

    /**
     * Records a one-input op whose backward rule also needs one saved tensor (its input or its output):
     * {@code rule.apply(gradOutput, saved)}.
     */
    static Tensor record(Tensor out, String name, Tensor input, Tensor saved, BinaryOperator<Tensor> rule) {
        out.setGradFn(new Node(name, input) {
            private final SavedTensor s = save(saved);

            @Override
            protected Tensor[] apply(Tensor g) {
                return new Tensor[] {rule.apply(g, s.get())};
            }
        });
        return out;
    }
}

package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;

/**
 * The backward node of cross entropy and NLL against class indices (NllLossBackward0), whatever the input's layout:
 * the targets are saved and read again at backward time (a change made to them in between through the version counter
 * is caught; one made behind it fails {@link Loss#recheckClassIndices}), and with createGraph the gradient is the
 * layout's recorded rule, otherwise its kernel. Loss's rows and {@link PositionCrossEntropy} each give the two.
 */
abstract class ClassificationNode extends Node {
    private final SavedTensor savedTarget, savedInput;
    private final int count, classes;

    /** The node of a loss of {@code input} against {@code count} contiguous targets, class indices below classes. */
    ClassificationNode(Tensor input, Tensor targets, int count, int classes) {
        super("NllLossBackward0", input);
        this.savedTarget = save(targets);
        this.savedInput = save(input);
        this.count = count;
        this.classes = classes;
    }

    /**
     * The loss's output: the per-sample losses (reduction none), else their {@code total} or its mean over count, as a
     * scalar.
     */
    static Tensor output(Tensor perSample, double total, int count, Loss.Reduction reduction) {
        return perSample != null ? perSample
                : Tensor.scalar((float) (reduction == Loss.Reduction.MEAN ? total / count : total));
    }

    @Override
    protected final Tensor[] apply(Tensor g) {
        Tensor targets = savedTarget.get();
        if (GradMode.isEnabled()) {
            return grads(recorded(savedInput.get(), targets, g));
        }
        Loss.recheckClassIndices(targets, count, classes);
        return grads(gradient(targets, g));
    }

    /** The input's gradient as recorded ops (createGraph), from the input, the targets and the loss's gradient g. */
    abstract Tensor recorded(Tensor input, Tensor targets, Tensor g);

    /** The input's gradient from the (checked) targets and the loss's gradient g, without recording. */
    abstract Tensor gradient(Tensor targets, Tensor g);
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/**
 * What BatchNorm1d and BatchNorm2d share, as PyTorch's _BatchNorm: weight (ones) and bias (zeros) per channel,
 * buffers running_mean (zeros), running_var (ones) and num_batches_tracked (0) in the state dict; in training the
 * batch's statistics are used and the running ones updated (momentum 0.1), in evaluation the running ones.
 */
abstract class BatchNorm extends Module {
    private final int features;
    private final float eps = 1e-5f, momentum = 0.1f;
    /** The per-channel scale, [features]. */
    public final Tensor weight;
    /** The per-channel shift, [features]. */
    public final Tensor bias;
    /** The running mean, [features] (a buffer). */
    public final Tensor runningMean;
    /** The running (unbiased) variance, [features] (a buffer). */
    public final Tensor runningVar;
    private final Tensor batchesTracked;

    BatchNorm(int features) {
        if (features <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a positive number of features, got "
                    + features);
        }
        this.features = features;
        this.weight = registerParameter("weight", Tensor.ones(features));
        this.bias = registerParameter("bias", Tensor.zeros(features));
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
        this.runningVar = registerBuffer("running_var", Tensor.ones(features));
        this.batchesTracked = registerBuffer("num_batches_tracked", Tensor.zeros());
    }

    /** Refuses inputs of the wrong rank, naming the expected ones. */
    abstract void checkInput(Tensor x);

    @Override
    public Tensor forward(Tensor x) {
        checkInput(x);
        if (isTraining()) {
            try (var off = GradMode.noGrad()) {
                batchesTracked.add_(1f);
            }
        }
        return Functional.batchNorm(x, runningMean, runningVar, weight, bias, isTraining(), momentum, eps);
    }

    @Override
    protected String extraRepr() {
        return features + ", eps=1e-05, momentum=0.1, affine=True, track_running_stats=True";
    }
}

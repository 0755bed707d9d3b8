package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Batch normalization of [N, C] or [N, C, L] inputs per channel, as {@code torch.nn.BatchNorm1d}. */
public class BatchNorm1d extends BatchNorm {
    /** Over {@code features} channels. */
    public BatchNorm1d(int features) {
        super(features, 1e-5f, 0.1f, true, true);
    }

    /** PyTorch's {@code BatchNorm1d(num_features, eps, momentum, affine, track_running_stats)}. */
    public BatchNorm1d(int features, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(features, eps, momentum, affine, trackRunningStats);
    }

    /**
     * As the five-argument form with {@code momentum} null for torch's {@code momentum=None}: the running statistics
     * are then the cumulative average of the batches' (the factor 1 / num_batches_tracked).
     */
    public BatchNorm1d(int features, float eps, Float momentum, boolean affine, boolean trackRunningStats) {
        super(features, eps, momentum, affine, trackRunningStats);
    }

    /** A lazy layer's start ({@link LazyBatchNorm1d}). */
    BatchNorm1d(float eps, Float momentum, boolean affine, boolean trackRunningStats, boolean lazy) {
        super(0, eps, momentum, affine, trackRunningStats, lazy);
    }

    @Override
    void checkInput(Tensor x) {
        if (x.dim() != 2 && x.dim() != 3) {
            throw new IllegalArgumentException("expected 2D or 3D input (got " + x.dim() + "D input, shape "
                    + java.util.Arrays.toString(x.shape()) + ")");
        }
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Batch normalization of [N, C, D, H, W] inputs per channel, as {@code torch.nn.BatchNorm3d}. */
public class BatchNorm3d extends BatchNorm {
    /** Over {@code features} channels. */
    public BatchNorm3d(int features) {
        super(features, 1e-5f, 0.1f, true, true);
    }

    /** PyTorch's {@code BatchNorm3d(num_features, eps, momentum, affine, track_running_stats)}. */
    public BatchNorm3d(int features, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(features, eps, momentum, affine, trackRunningStats);
    }

    /**
     * As the five-argument form with {@code momentum} null for torch's {@code momentum=None}: the running statistics
     * are then the cumulative average of the batches' (the factor 1 / num_batches_tracked).
     */
    public BatchNorm3d(int features, float eps, Float momentum, boolean affine, boolean trackRunningStats) {
        super(features, eps, momentum, affine, trackRunningStats);
    }

    /** A lazy layer's start ({@link LazyBatchNorm3d}). */
    BatchNorm3d(float eps, Float momentum, boolean affine, boolean trackRunningStats, boolean lazy) {
        super(0, eps, momentum, affine, trackRunningStats, lazy);
    }

    @Override
    void checkInput(Tensor x) {
        if (x.dim() != 5) {
            throw new IllegalArgumentException("expected 5D input (got " + x.dim() + "D input, shape "
                    + java.util.Arrays.toString(x.shape()) + ")");
        }
    }
}

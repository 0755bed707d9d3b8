package dev.vgrad.nn;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/**
 * Batch and layer normalization, composed from differentiable ops (so they are twice differentiable; layer norm over one
 * dimension runs as the fused {@link Tensor#layerNorm} instead): statistics
 * with the biased variance, as PyTorch normalizes; batch norm's running statistics updated in place with the
 * unbiased variance, as PyTorch's are.
 */
final class Normalization {
    private Normalization() {}

    /** Normalizes over the trailing dimensions given by normalizedShape; weight and bias (that shape) may be null. */
    static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, float eps) {
        int k = normalizedShape.length, rank = x.dim();
        boolean matches = k >= 1 && k <= rank;
        for (int i = 0; matches && i < k; i++) {
            matches = x.size(rank - k + i) == normalizedShape[i];
        }
        if (!matches) {
            throw new IllegalArgumentException("layer_norm: Given normalized_shape=" + java.util.Arrays.toString(normalizedShape)
                    + ", expected input with shape [*, " + java.util.Arrays.toString(normalizedShape).substring(1)
                    + ", but got input of size " + java.util.Arrays.toString(x.shape()));
        }
        if (k == 1 && (weight == null || weight.dim() == 1) && (bias == null || bias.dim() == 1)) {
            return Tensor.layerNorm(x, weight, bias, eps);   // the fused op: every transformer layer's case
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            dims[i] = rank - k + i;
        }
        Tensor centred = x.sub(x.mean(dims, true));
        Tensor var = centred.mul(centred).mean(dims, true);
        Tensor y = centred.mul(var.add(eps).rsqrt());
        if (weight != null) {
            y = y.mul(weight);
        }
        return bias == null ? y : y.add(bias);
    }

    /**
     * Normalizes each channel (dimension 1) of an [N, C, ...] input. In training the batch's statistics are used and
     * the running ones (if given) move toward them by momentum; in evaluation the running ones are used.
     */
    static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                            boolean training, float momentum, float eps) {
        if (x.dim() < 2) {
            throw new IllegalArgumentException("batch_norm: expected an input of at least 2 dimensions [N, C, ...], "
                    + "got shape " + java.util.Arrays.toString(x.shape()));
        }
        int channels = x.size(1);
        // Checked before anything runs: a running statistic of the wrong size would otherwise be scaled in place
        // before the update's add failed, and the module's buffers left half updated.
        requireChannels("running_mean", runningMean, channels);
        requireChannels("running_var", runningVar, channels);
        requireChannels("weight", weight, channels);
        requireChannels("bias", bias, channels);
        int[] dims = new int[x.dim() - 1];
        int[] channelShape = new int[x.dim()];
        java.util.Arrays.fill(channelShape, 1);
        channelShape[1] = channels;
        for (int i = 0, d = 0; d < x.dim(); d++) {
            if (d != 1) {
                dims[i++] = d;
            }
        }
        Tensor centred, var;
        if (training) {
            int count = x.numel() / Math.max(channels, 1);
            if (count <= 1) {
                throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input "
                        + "size " + java.util.Arrays.toString(x.shape()));
            }
            Tensor mean = x.mean(dims, true);
            centred = x.sub(mean);
            var = centred.mul(centred).mean(dims, true);
            if (runningMean != null && runningVar != null) {
                try (var off = GradMode.noGrad()) {
                    float unbias = count / (float) (count - 1);
                    runningMean.mul_(1f - momentum).add_(mean.reshape(channels).mul(momentum));
                    runningVar.mul_(1f - momentum).add_(var.reshape(channels).mul(momentum * unbias));
                }
            }
        } else {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException("batch_norm: evaluation needs running_mean and running_var");
            }
            centred = x.sub(runningMean.reshape(channelShape));
            var = runningVar.reshape(channelShape);
        }
        Tensor y = centred.mul(var.add(eps).rsqrt());   // training reuses the centred batch its variance came from
        if (weight != null) {
            y = y.mul(weight.reshape(channelShape));
        }
        return bias == null ? y : y.add(bias.reshape(channelShape));
    }

    /** PyTorch's check on batch norm's per-channel tensors (absent ones pass). */
    private static void requireChannels(String name, Tensor t, int channels) {
        if (t != null && t.numel() != channels) {
            throw new IllegalArgumentException("batch_norm: " + name + " should contain " + channels + " elements not "
                    + t.numel() + " (shape " + java.util.Arrays.toString(t.shape()) + ", " + channels + " channels)");
        }
    }
}

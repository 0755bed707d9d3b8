package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Loss;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/** The functional forms of the layers and losses ({@code torch.nn.functional}). Losses reduce by mean. */
public final class Functional {
    private Functional() {}

    /**
     * {@code x W^T + b}: one fused GEMM for a 2-D input, and for more dimensions too: a contiguous [..., in] is read
     * as rows [-1, in] in place (no reshape views to record); another layout is folded by a reshape (copied, as
     * torch.matmul folds it). Either way the weight is packed once and dW is one product over every row, not a sum
     * of one product per leading index.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.dim() == 2 && (x.dim() == 2 || (x.dim() > 2 && x.isContiguous()))) {
            return Tensor.linear(x, weight, bias);
        }
        if (x.dim() > 2 && weight.dim() == 2 && x.size(-1) == weight.size(1) && x.numel() > 0
                && (bias == null || (bias.dim() == 1 && bias.size(0) == weight.size(0)))) {
            int[] shape = x.shape();
            shape[shape.length - 1] = weight.size(0);
            return Tensor.linear(x.reshape(-1, weight.size(1)), weight, bias).reshape(shape);
        }
        Tensor y = x.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    /** {@code max(x, 0)}. */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /** softmax along dim. */
    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    /** log-softmax along dim. */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    /** Mean squared error. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return Loss.mseLoss(input, target, Loss.Reduction.MEAN);
    }

    /** Mean absolute error. */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        return Loss.l1Loss(input, target, Loss.Reduction.MEAN);
    }

    /** Cross entropy of logits [N, C] against class indices [N]. */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return Loss.crossEntropy(logits, target, Loss.Reduction.MEAN);
    }

    /** Cross entropy with the reduction given: "mean", "sum" or "none". */
    public static Tensor crossEntropy(Tensor logits, Tensor target, String reduction) {
        return Loss.crossEntropy(logits, target, Criterion.parse(reduction));
    }

    /** Negative log likelihood of log-probabilities [N, C] at class indices [N]. */
    public static Tensor nllLoss(Tensor logProbs, Tensor target) {
        return Loss.nllLoss(logProbs, target, Loss.Reduction.MEAN);
    }

    /** Binary cross entropy of probabilities. */
    public static Tensor binaryCrossEntropy(Tensor probs, Tensor target) {
        return Loss.binaryCrossEntropy(probs, target, Loss.Reduction.MEAN);
    }

    /** Binary cross entropy of logits, computed stably (what seed 003 calls). */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        return Loss.binaryCrossEntropyWithLogits(logits, target, Loss.Reduction.MEAN);
    }

    // ------------------------------------------------------------------ activations

    /** sqrt(2 / pi), in the tanh approximation of GELU. */
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;
    /** 1 / sqrt(2), in exact GELU. */
    private static final float SQRT_HALF = 0.7071067811865476f;

    /** GELU, exact: {@code x * Phi(x) = x/2 * (1 + erf(x / sqrt 2))}. */
    public static Tensor gelu(Tensor x) {
        return gelu(x, "none");
    }

    /** GELU with PyTorch's {@code approximate}: "none" (exact, through erf) or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) {
        return switch (approximate == null ? "" : approximate) {
            case "none" -> x.mul(0.5f).mul(x.mul(SQRT_HALF).erf().add(1f));
            case "tanh" -> x.mul(0.5f).mul(x.mul(x).mul(x).mul(0.044715f).add(x).mul(SQRT_2_OVER_PI).tanh().add(1f));
            default -> throw new IllegalArgumentException("approximate argument must be either none or tanh, got "
                    + approximate);
        };
    }

    /** SiLU (swish): {@code x * sigmoid(x)}. */
    public static Tensor silu(Tensor x) {
        return x.mul(x.sigmoid());
    }

    /** {@code x} where x > 0, else {@code negativeSlope * x} (the gradient at 0 is the slope, as PyTorch's). */
    public static Tensor leakyRelu(Tensor x, float negativeSlope) {
        return Tensor.where(x.gt(0f), x, x.mul(negativeSlope));
    }

    /** softplus with beta 1 and threshold 20: {@code log(1 + e^x)}, and x itself above the threshold. */
    public static Tensor softplus(Tensor x) {
        return softplus(x, 1f, 20f);
    }

    /**
     * {@code log(1 + e^(beta x)) / beta}, and x where {@code beta x > threshold} (PyTorch's linear region). The
     * exponent is clamped at the threshold so the unused branch cannot overflow into a NaN gradient.
     */
    public static Tensor softplus(Tensor x, float beta, float threshold) {
        Tensor bx = x.mul(beta);
        Tensor smooth = bx.clamp(Float.NEGATIVE_INFINITY, threshold).exp().log1p().div(beta);
        return Tensor.where(bx.gt(threshold), x, smooth);
    }

    /**
     * In training, zeros each element with probability p and scales the rest by 1/(1-p), drawing from g; otherwise
     * the input itself. (The mask sequence is vgrad's own: PyTorch's bernoulli sampling is not reproduced.)
     */
    public static Tensor dropout(Tensor input, float p, boolean training, Generator g) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        if (!training || p == 0f) {
            return input;
        }
        if (p == 1f) {
            return input.mul(0f);
        }
        float[] mask = new float[input.numel()];
        float scale = 1f / (1f - p);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = g.uniform(0f, 1f) < p ? 0f : scale;
        }
        return input.mul(Tensor.of(mask, input.shape()));
    }

    // ------------------------------------------------------------------ layers

    /**
     * 2-D convolution (cross-correlation, as PyTorch's) of input [N, C, H, W] (or [C, H, W]) with weight
     * [O, C/groups, kh, kw], bias [O] or null; stride, padding and dilation are (h, w) pairs.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return Convolution.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    /** 1-D convolution of input [N, C, L] (or [C, L]) with weight [O, C/groups, k], bias [O] or null. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation,
                                int groups) {
        return Convolution.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    /** The maximum of each window (padding counts as -infinity); kernel, stride and padding are (h, w) pairs. */
    public static Tensor maxPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
        return Pooling.maxPool2d(input, kernelSize, stride, padding);
    }

    /** The mean of each window, zero padding included in the count (PyTorch's default). */
    public static Tensor avgPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
        return Pooling.avgPool2d(input, kernelSize, stride, padding);
    }

    /** Average pooling to a fixed output size (h, w), over PyTorch's adaptive windows. */
    public static Tensor adaptiveAvgPool2d(Tensor input, int[] outputSize) {
        return Pooling.adaptiveAvgPool2d(input, outputSize);
    }

    /**
     * {@link #embedding(Tensor, Tensor)} where the positions that pick row paddingIdx (negative: counted from the end,
     * as PyTorch's padding_idx) give that row's values but no gradient to it, as PyTorch's
     * {@code embedding(input, weight, padding_idx)}.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, int paddingIdx) {
        int num = weight.dim() == 2 ? weight.size(0) : 0;
        if (weight.dim() == 2 && (paddingIdx >= num || paddingIdx < -num)) {
            throw new IllegalArgumentException("embedding: padding_idx must be within num_embeddings (" + num
                    + "), got " + paddingIdx);
        }
        Tensor rows = embedding(indices, weight);
        if (!weight.requiresGrad() || !GradMode.isEnabled()) {
            return rows;   // no gradient to hold back
        }
        Tensor keep = indices.ne((float) (paddingIdx < 0 ? paddingIdx + num : paddingIdx)).unsqueeze(-1);
        // The same values either way; the gradient reaches the table only through the positions kept.
        return Tensor.where(keep, rows, rows.detach());
    }

    /** Rows of weight [num, dim] picked by indices (a float tensor of integers): the result is [*indices, dim]. */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("embedding: weight must be 2-D [num_embeddings, embedding_dim], got "
                    + java.util.Arrays.toString(weight.shape()));
        }
        Tensor rows = weight.indexSelect(0, indices.reshape(-1));
        // The common ranks spelled out: the general case copies the indices' shape (two arrays a call, every step).
        if (indices.dim() == 1) {
            return rows;
        }
        if (indices.dim() == 2) {
            return rows.view(indices.size(0), indices.size(1), weight.size(1));
        }
        int[] shape = java.util.Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = weight.size(1);
        return rows.reshape(shape);
    }

    /** Layer normalization over the trailing normalizedShape; weight and bias may be null. */
    public static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias, float eps) {
        return Normalization.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /**
     * Batch normalization of [N, C, ...] per channel. Training: batch statistics, and runningMean/runningVar (if not
     * null) updated in place as PyTorch does; evaluation: the running statistics.
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, float momentum, float eps) {
        return Normalization.batchNorm(input, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /** softmax(q k^T / sqrt(E) + attnMask) v; attnMask (additive, may be null) or isCausal. */
    public static Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor attnMask,
                                                   boolean isCausal) {
        return Attention.scaledDotProduct(query, key, value, attnMask, isCausal);
    }

    // ------------------------------------------------------------------ losses

    /**
     * Cross entropy of logits [N, C] against class indices [N] with PyTorch's extras: targets equal to ignoreIndex
     * add nothing (and do not count in the mean), and labelSmoothing mixes the one-hot target with the uniform one.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, String reduction, int ignoreIndex,
                                      float labelSmoothing) {
        return ClassificationLoss.crossEntropy(logits, target, reduction, ignoreIndex, labelSmoothing);
    }

    /** Smooth L1 (Huber-like) loss with beta 1, mean-reduced. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return smoothL1Loss(input, target, "mean", 1f);
    }

    /** {@code 0.5 d^2 / beta} where |d| < beta, else {@code |d| - beta / 2}, with d = input - target. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, String reduction, float beta) {
        if (!(beta >= 0f)) {
            throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta, got " + beta);
        }
        Tensor.broadcastShapes("smooth_l1_loss", input.shape(), target.shape());
        Tensor d = input.sub(target), a = d.abs();
        Tensor loss = beta == 0f ? a : Tensor.where(a.lt(beta), d.mul(d).mul(0.5f / beta), a.sub(0.5f * beta));
        return ClassificationLoss.reduce(loss, reduction);
    }

    /**
     * KL divergence of input (log-probabilities) from target (probabilities): {@code target * (log target - input)},
     * 0 where target is 0. reduction: "mean" (over elements, as PyTorch), "batchmean", "sum" or "none".
     */
    public static Tensor klDiv(Tensor input, Tensor target, String reduction) {
        Tensor.broadcastShapes("kl_div", input.shape(), target.shape());
        Tensor positive = target.gt(0f);
        Tensor logTarget = Tensor.where(positive, target, Tensor.ones()).log();
        Tensor loss = Tensor.where(positive, target.mul(logTarget.sub(input)), Tensor.zeros());
        if ("batchmean".equals(reduction)) {
            return loss.sum().div(input.dim() == 0 ? 1 : input.size(0));
        }
        return ClassificationLoss.reduce(loss, reduction);
    }
}

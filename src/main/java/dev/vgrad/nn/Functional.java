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

    /** F.relu_: {@link #relu} written into x in place (x.relu_()). */
    public static Tensor relu_(Tensor x) {
        return x.relu_();
    }

    /** F.elu_: {@link #elu(Tensor, float)} written into x in place. */
    public static Tensor elu_(Tensor x, float alpha) {
        return x.update_("elu_", t -> elu(t, alpha));
    }

    /** F.celu_: {@link #celu(Tensor, float)} written into x in place. */
    public static Tensor celu_(Tensor x, float alpha) {
        return x.update_("celu_", t -> celu(t, alpha));
    }

    /** F.selu_: {@link #selu(Tensor)} written into x in place. */
    public static Tensor selu_(Tensor x) {
        return x.update_("selu_", Functional::selu);
    }

    /** F.leaky_relu_: {@link #leakyRelu(Tensor, float)} written into x in place. */
    public static Tensor leakyRelu_(Tensor x, float negativeSlope) {
        return x.update_("leaky_relu_", t -> leakyRelu(t, negativeSlope));
    }

    /** F.hardtanh_: {@link #hardtanh(Tensor, float, float)} written into x in place. */
    public static Tensor hardtanh_(Tensor x, float min, float max) {
        return x.update_("hardtanh_", t -> hardtanh(t, min, max));
    }

    /** F.threshold_: {@link #threshold(Tensor, float, float)} written into x in place. */
    public static Tensor threshold_(Tensor x, float threshold, float value) {
        return x.update_("threshold_", t -> threshold(t, threshold, value));
    }

    /** F.rrelu_: {@link #rrelu(Tensor, float, float, boolean, Generator)} written into x in place. */
    public static Tensor rrelu_(Tensor x, float lower, float upper, boolean training, Generator g) {
        return x.update_("rrelu_", t -> rrelu(t, lower, upper, training, g));
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

    /**
     * Cross entropy of logits [N, C] against class indices [N]; also [N, C, d1, ...] against [N, d1, ...] (a loss
     * per position, averaged over them), and a target of the logits' shape read as class probabilities.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return Loss.crossEntropy(logits, target, Loss.Reduction.MEAN);
    }

    /** Cross entropy with the reduction given: "mean", "sum" or "none". */
    public static Tensor crossEntropy(Tensor logits, Tensor target, String reduction) {
        return Loss.crossEntropy(logits, target, Criterion.parse(reduction));
    }

    /** Negative log likelihood of log-probabilities [N, C] at class indices [N] ([N, C, d1, ...] at [N, d1, ...]). */
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

    /**
     * binary_cross_entropy_with_logits with a per-element {@code weight} and a {@code posWeight} for positive targets
     * (each broadcast against the logits, either may be null), reduced as given.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, Tensor weight, Tensor posWeight,
                                                      String reduction) {
        return ClassificationLoss.binaryCrossEntropyWithLogits(logits, target, weight, posWeight, reduction);
    }

    // ------------------------------------------------------------------ activations

    /** GELU, exact: {@code x * Phi(x) = x/2 * (1 + erf(x / sqrt 2))}. */
    public static Tensor gelu(Tensor x) {
        return gelu(x, "none");
    }

    /** GELU with PyTorch's {@code approximate}: "none" (exact) or "tanh", each one fused op ({@link Tensor#gelu}). */
    public static Tensor gelu(Tensor x, String approximate) {
        return Tensor.gelu(x, approximate);
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

    /** ELU with alpha 1. */
    public static Tensor elu(Tensor x) {
        return elu(x, 1f);
    }

    /**
     * {@code x} where x > 0, else {@code alpha (e^x - 1)}; the exponent is taken of min(x, 0) so the unused branch
     * cannot overflow. At 0 the gradient is alpha, as PyTorch's elu_backward gives, and below 0 it is
     * {@code alpha e^x} from exp itself (as elu_backward's), not from expm1's result plus 1.
     */
    public static Tensor elu(Tensor x, float alpha) {
        return Tensor.where(x.gt(0f), x, expm1WithExpGradient(x.clampMax(0f)).mul(alpha));
    }

    /**
     * {@code e^m - 1} with expm1's value (exact near 0) and exp's gradient: expm1's own rule, {@code g (result + 1)},
     * cancels where the result is near -1 (relative error 4e-4 at m = -10, all of it at m = -17), where
     * {@code e^m} is exact. The exp term adds exactly 0 to the value ({@code e - e} detached on one side), and keeps
     * its gradient, and its gradient's, as PyTorch's ELU and CELU backward rules read exp of the input.
     */
    private static Tensor expm1WithExpGradient(Tensor m) {
        Tensor e = m.exp();
        return m.expm1().detach().sub(e.detach().sub(e));
    }

    /** SELU: {@code scale * elu(x, alpha)} with PyTorch's two constants. */
    public static Tensor selu(Tensor x) {
        return elu(x, 1.6732632423543772848170429916717f).mul(1.0507009873554804934193349852946f);
    }

    /**
     * x clamped to [min, max]. Unlike clamp, the gradient is 0 at the bounds themselves (PyTorch's hardtanh_backward
     * passes it only strictly inside), and a NaN passes through with its gradient.
     */
    public static Tensor hardtanh(Tensor x, float min, float max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("hardtanh: min_val (" + min + ") must not be greater than max_val ("
                    + max + ")");
        }
        Tensor atOrBeyond = x.le(min).add(x.ge(max));
        return Tensor.where(atOrBeyond.eq(0f), x, x.clamp(min, max).detach());
    }

    /** min(max(x, 0), 6): hardtanh on [0, 6]. */
    public static Tensor relu6(Tensor x) {
        return hardtanh(x, 0f, 6f);
    }

    /** relu6(x + 3) / 6: 0 below -3, 1 above 3, linear between (gradient 1/6 strictly inside). */
    public static Tensor hardsigmoid(Tensor x) {
        return relu6(x.add(3f)).div(6f);
    }

    /**
     * {@code x * relu6(x + 3) / 6}, written by region so the gradient at -3 and 3 is PyTorch's (x/3 + 1/2 on
     * [-3, 3], 0 below, 1 above), not the product rule's.
     */
    public static Tensor hardswish(Tensor x) {
        Tensor middle = x.mul(x.add(3f)).div(6f);
        return Tensor.where(x.lt(-3f), Tensor.zeros(), Tensor.where(x.le(3f), middle, x));
    }

    /** log(sigmoid(x)) = -softplus(-x), without overflow for large |x|. */
    public static Tensor logsigmoid(Tensor x) {
        return softplus(x.neg()).neg();
    }

    /** {@code x * tanh(softplus(x))}. */
    public static Tensor mish(Tensor x) {
        return x.mul(softplus(x).tanh());
    }

    /**
     * Resizes the spatial dimensions of [N, C, ...] to {@code size} (torch.nn.functional.interpolate): mode "nearest"
     * (3-D to 5-D input), "linear" (3-D), "bilinear" or "bicubic" (4-D), "trilinear" (5-D) or "area" (3-D or 4-D:
     * adaptive average pooling); alignCorners null (PyTorch's None) or, for the linear and cubic modes, whether corner
     * pixels map onto each other.
     */
    public static Tensor interpolate(Tensor input, int[] size, String mode, Boolean alignCorners) {
        return Interpolation.interpolate(input, size.clone(), null, mode, alignCorners);
    }

    /** interpolate by scale factors, one per spatial dimension: output sizes floor(size * factor). */
    public static Tensor interpolate(Tensor input, double[] scaleFactor, String mode, Boolean alignCorners) {
        return Interpolation.interpolate(input, null, scaleFactor.clone(), mode, alignCorners);
    }

    /** F.sigmoid, PyTorch's (deprecated) alias of {@link Tensor#sigmoid()}. */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /** F.tanh, PyTorch's (deprecated) alias of {@link Tensor#tanh()}. */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /** {@code x / (1 + |x|)} (F.softsign). */
    public static Tensor softsign(Tensor x) {
        return x.div(x.abs().add(1f));
    }

    /** softmax(-x) along dim (F.softmin). */
    public static Tensor softmin(Tensor x, int dim) {
        return x.neg().softmax(dim);
    }

    /**
     * The gated linear unit (F.glu): x split in two halves a, b along dim (of even size), {@code a * sigmoid(b)}.
     */
    public static Tensor glu(Tensor x, int dim) {
        int size = x.size(dim);
        if (size % 2 != 0) {
            throw new IllegalArgumentException("glu: Halving dimension must be even, but dimension " + dim + " is size "
                    + size + " (input " + java.util.Arrays.toString(x.shape()) + ")");
        }
        java.util.List<Tensor> halves = x.chunk(2, dim);
        return halves.get(0).mul(halves.get(1).sigmoid());
    }

    /**
     * PReLU (F.prelu): {@code x} where x > 0, else {@code weight * x}, with one learned slope (weight [1]) or one per
     * channel (weight [C], channels in dimension 1 of the input).
     */
    public static Tensor prelu(Tensor x, Tensor weight) {
        return x.prelu(weight);
    }

    /**
     * The p-norm of {@code x1 - x2 + eps} along the last dimension (F.pairwise_distance), broadcasting; keepdim keeps
     * that dimension.
     */
    public static Tensor pairwiseDistance(Tensor x1, Tensor x2, float p, float eps, boolean keepdim) {
        Tensor.broadcastShapes("pairwise_distance", x1.shape(), x2.shape());
        return x1.sub(x2).add(eps).norm(p, -1, keepdim);
    }

    /**
     * The p-norm distance between every pair of rows i < j of x [N, M], in the order (0, 1), (0, 2), ..., (1, 2), ...
     * (F.pdist): [N (N - 1) / 2], differentiable (0 at a zero distance, as torch's backward gives).
     */
    public static Tensor pdist(Tensor x, float p) {
        if (x.dim() != 2) {
            throw new IllegalArgumentException("pdist only supports 2D tensors, got: " + x.dim() + "D");
        }
        if (!(p >= 0f)) {
            throw new IllegalArgumentException("pdist only supports non-negative p values, got " + p);
        }
        int n = x.shape()[0], pairs = n * (n - 1) / 2;
        int[] first = new int[pairs], second = new int[pairs];
        for (int i = 0, k = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, k++) {
                first[k] = i;
                second[k] = j;
            }
        }
        return x.indexSelect(0, first).sub(x.indexSelect(0, second)).norm(p, 1, false);
    }

    /**
     * Samples from the Gumbel-softmax distribution (F.gumbel_softmax): {@code softmax((logits + G) / tau)} along dim,
     * G = -log(E) with E standard exponentials drawn from g as {@code exponential_()} draws them (so a generator
     * seeded as torch's gives torch's sample). With {@code hard}, the one-hot of each argmax, whose gradient is the
     * soft sample's (straight-through: {@code y_hard - y_soft.detach() + y_soft}).
     */
    public static Tensor gumbelSoftmax(Tensor logits, float tau, boolean hard, int dim, Generator g) {
        Tensor gumbels = Tensor.exponential(g, logits.shape()).log().neg();
        Tensor soft = logits.add(gumbels).div(tau).softmax(dim);
        if (!hard) {
            return soft;
        }
        Tensor index = soft.argmax(dim, true);
        Tensor oneHot = Tensor.zeros(logits.shape()).scatter(dim, index, 1f);
        return oneHot.sub(soft.detach()).add(soft);
    }

    /** {@link #gumbelSoftmax} from the default generator (PyTorch's default tau 1, soft, last dimension). */
    public static Tensor gumbelSoftmax(Tensor logits) {
        return gumbelSoftmax(logits, 1f, false, -1, Generator.defaultGenerator());
    }

    /**
     * In training, zeros each whole channel of [N, C, L] (or [C, L]) with probability p and scales the rest by
     * 1/(1-p) (F.dropout1d); otherwise the input itself. Masks from g.
     */
    public static Tensor dropout1d(Tensor input, float p, boolean training, Generator g) {
        return channelDropout("dropout1d", input, 1, p, training, g);
    }

    /**
     * {@link #dropout1d} for [N, C, H, W] (F.dropout2d). A 3-D input is read as PyTorch 1.13 reads it, as [N, C, L]
     * with each (sample, channel) row zeroed whole (its warning: "assuming that channel-wise 1D dropout behavior is
     * desired"), not as an unbatched [C, H, W].
     */
    public static Tensor dropout2d(Tensor input, float p, boolean training, Generator g) {
        return channelDropout("dropout2d", input, dropout2dSpatial(input), p, training, g);
    }

    /** The spatial dimensions dropout2d gives its input: 1 for a 3-D input, as PyTorch 1.13 does, else 2. */
    static int dropout2dSpatial(Tensor input) {
        return input.dim() == 3 ? 1 : 2;
    }

    /** {@link #dropout1d} for [N, C, D, H, W] (or [C, D, H, W]) (F.dropout3d). */
    public static Tensor dropout3d(Tensor input, float p, boolean training, Generator g) {
        return channelDropout("dropout3d", input, 3, p, training, g);
    }

    /** Channel dropout over inputs with {@code spatial} dimensions after the channel (and an optional batch). */
    static Tensor channelDropout(String op, Tensor x, int spatial, float p, boolean training, Generator g) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        if (x.dim() != spatial + 1 && x.dim() != spatial + 2) {
            throw new IllegalArgumentException(op + ": expected " + (spatial + 1) + "-D (unbatched) or "
                    + (spatial + 2) + "-D input, got " + java.util.Arrays.toString(x.shape()));
        }
        if (!training || p == 0f) {
            return x;
        }
        int[] maskShape = x.shape();
        for (int d = x.dim() - spatial; d < x.dim(); d++) {
            maskShape[d] = 1;
        }
        return x.mul(dropout(Tensor.ones(maskShape), p, true, g));
    }

    /**
     * Sampling points for a spatial transformer (F.affine_grid): theta [N, 2, 3] applied to the output's pixel
     * positions normalized to [-1, 1], as [N, H, W, 2] (x, y) for size [N, C, H, W]; differentiable in theta.
     */
    public static Tensor affineGrid(Tensor theta, int[] size, boolean alignCorners) {
        return GridSampling.affineGrid(theta, size, alignCorners);
    }

    /**
     * input [N, C, H, W] read at grid [N, Ho, Wo, 2] (x, y normalized to [-1, 1]) (F.grid_sample): mode "bilinear" or
     * "nearest", padding "zeros" or "border"; differentiable in the input and, bilinear, in the grid.
     */
    public static Tensor gridSample(Tensor input, Tensor grid, String mode, String paddingMode, boolean alignCorners) {
        return GridSampling.gridSample(input, grid, mode, paddingMode, alignCorners);
    }

    /**
     * Randomized leaky ReLU (F.rrelu): in training each negative value times its own slope from U(lower, upper),
     * drawn from {@code g}; in evaluation times (lower + upper) / 2.
     */
    public static Tensor rrelu(Tensor x, float lower, float upper, boolean training, Generator g) {
        return RandomizedActivations.rrelu(x, lower, upper, training, g);
    }

    /**
     * Alpha dropout (F.alpha_dropout): in training values dropped with probability p go to SELU's saturation and the
     * result is scaled and shifted to keep a standardized input's mean and variance; masks drawn from {@code g}.
     */
    public static Tensor alphaDropout(Tensor x, float p, boolean training, Generator g) {
        return RandomizedActivations.alphaDropout(x, p, training, false, g);
    }

    /** {@link #alphaDropout} with one keep-or-drop per channel of [N, C, ...] (F.feature_alpha_dropout). */
    public static Tensor featureAlphaDropout(Tensor x, float p, boolean training, Generator g) {
        return RandomizedActivations.alphaDropout(x, p, training, true, g);
    }

    /**
     * Local response normalization across channels (F.local_response_norm) of [N, C, ...]: each value divided by
     * {@code (k + alpha * mean of x^2 over the size channels around it)^beta}, zeros beyond the edges.
     */
    public static Tensor localResponseNorm(Tensor x, int size, float alpha, float beta, float k) {
        return WindowNorms.localResponseNorm(x, size, alpha, beta, k);
    }

    /** Power-average pooling of [N, C, L] (F.lp_pool1d): {@code (sum of x^p over each window)^(1/p)}. */
    public static Tensor lpPool1d(Tensor x, float normType, int kernelSize, int stride) {
        return WindowNorms.lpPool(x, normType, new int[] {kernelSize}, new int[] {stride});
    }

    /** Power-average pooling of [N, C, H, W] (F.lp_pool2d): {@code (sum of x^p over each window)^(1/p)}. */
    public static Tensor lpPool2d(Tensor x, float normType, int[] kernelSize, int[] stride) {
        return WindowNorms.lpPool(x, normType, kernelSize, stride);
    }

    /** F.native_channel_shuffle: {@link #channelShuffle}, which it equals in PyTorch 1.13. */
    public static Tensor nativeChannelShuffle(Tensor x, int groups) {
        return channelShuffle(x, groups);
    }

    /**
     * The channels of [N, C, ...] interleaved across {@code groups} (torch.channel_shuffle): seen as [N, groups,
     * C / groups, ...], the two channel dimensions swapped.
     */
    public static Tensor channelShuffle(Tensor x, int groups) {
        if (x.dim() < 3 || groups < 1 || x.size(1) % groups != 0) {
            throw new IllegalArgumentException("channel_shuffle: the channels of " + java.util.Arrays.toString(
                    x.shape()) + " (dimension 1 of a 3-D or larger input) must split into " + groups + " groups");
        }
        int[] shape = x.shape();
        int[] split = new int[shape.length + 1];
        split[0] = shape[0];
        split[1] = groups;
        split[2] = shape[1] / groups;
        System.arraycopy(shape, 2, split, 3, shape.length - 2);
        return x.reshape(split).transpose(1, 2).reshape(shape);
    }

    /**
     * Bags of embeddings (F.embedding_bag): the rows of {@code weight} [num, dim] that each bag of indices picks,
     * reduced by "sum", "mean" or "max" into [bags, dim]. A 2-D input is one bag a row (offsets null); a 1-D input's
     * bags start at {@code offsets} (the first 0; with includeLastOffset the last offset ends the last bag).
     * perSampleWeights (input's shape, mode "sum" only) scale the rows; entries equal to paddingIdx (null for none)
     * are left out. An empty bag gives zeros.
     */
    public static Tensor embeddingBag(Tensor input, Tensor weight, Tensor offsets, String mode,
                                      Tensor perSampleWeights, boolean includeLastOffset, Integer paddingIdx) {
        return EmbeddingBags.bag(input, weight, offsets, mode, perSampleWeights, includeLastOffset, paddingIdx);
    }

    /**
     * The connectionist temporal classification loss (F.ctc_loss): log_probs [T, N, C] (log_softmax over C; or
     * unbatched [T, C]), targets padded [N, S] or the sequences one after another in 1-D (integer classes other than
     * the blank), each sequence's frame count and label count; "mean" divides each loss by its label count (at least
     * 1) before averaging over the batch. A sequence no alignment fits has loss +infinity, or 0 with zeroInfinity.
     */
    public static Tensor ctcLoss(Tensor logProbs, Tensor targets, int[] inputLengths, int[] targetLengths, int blank,
                                 String reduction, boolean zeroInfinity) {
        return Ctc.loss(logProbs, targets, inputLengths, targetLengths, blank, reduction, zeroInfinity);
    }

    /** {@link #ctcLoss(Tensor, Tensor, int[], int[], int, String, boolean)} with blank 0, "mean", no zeroing. */
    public static Tensor ctcLoss(Tensor logProbs, Tensor targets, int[] inputLengths, int[] targetLengths) {
        return Ctc.loss(logProbs, targets, inputLengths, targetLengths, 0, "mean", false);
    }

    /**
     * {@code max(0, -y (x1 - x2) + margin)} (F.margin_ranking_loss): y (1 or -1) says which of x1, x2 should rank
     * higher; reduction "mean", "sum" or "none".
     */
    public static Tensor marginRankingLoss(Tensor x1, Tensor x2, Tensor y, float margin, String reduction) {
        Tensor.broadcastShapes("margin_ranking_loss", x1.shape(), x2.shape());
        return ClassificationLoss.reduce(y.neg().mul(x1.sub(x2)).add(margin).clampMin(0f), reduction);
    }

    /**
     * {@code max(d(a, p) - d(a, n) + margin, 0)} with d the p-norm pairwise distance (F.triplet_margin_loss; eps 1e-6,
     * swap as given: the anchor-negative distance replaced by the positive-negative one where that is smaller).
     */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, float margin, float p,
                                           float eps, boolean swap, String reduction) {
        if (anchor.dim() != positive.dim() || anchor.dim() != negative.dim()) {
            throw new IllegalArgumentException("triplet_margin_loss: The anchor, positive, and negative tensors are "
                    + "expected to have the same number of dimensions, but got: anchor " + anchor.dim()
                    + "D, positive " + positive.dim() + "D, and negative " + negative.dim() + "D inputs");
        }
        Tensor toPositive = pairwiseDistance(anchor, positive, p, eps, false);
        Tensor toNegative = pairwiseDistance(anchor, negative, p, eps, false);
        if (swap) {
            toNegative = toNegative.minimum(pairwiseDistance(positive, negative, p, eps, false));
        }
        return ClassificationLoss.reduce(toPositive.add(margin).sub(toNegative).clampMin(0f), reduction);
    }

    /**
     * F.cosine_embedding_loss: {@code 1 - cos(x1, x2)} where y is 1, {@code max(0, cos(x1, x2) - margin)} where y is
     * -1, the cosine taken along dimension 1 of [N, D] inputs (or of [D] inputs) with eps 1e-8 as PyTorch's.
     */
    public static Tensor cosineEmbeddingLoss(Tensor x1, Tensor x2, Tensor y, float margin, String reduction) {
        int d = x1.dim() - 1;
        Tensor prod = x1.mul(x2).sum(d, false);
        Tensor mag = x1.mul(x1).sum(d, false).add(1e-12f).mul(x2.mul(x2).sum(d, false).add(1e-12f));
        Tensor cos = prod.div(mag.sqrt());
        Tensor loss = Tensor.where(y.eq(1f), cos.rsub(1f), Tensor.zeros())
                .add(Tensor.where(y.eq(-1f), cos.sub(margin).clampMin(0f), Tensor.zeros()));
        return ClassificationLoss.reduce(loss, reduction);
    }

    /**
     * Every sliding window of input [N, C, H, W] as a column (torch.nn.functional.unfold): [N, C*kh*kw, L], rows in
     * (channel, kernel row, kernel column) order, zero padding; kernel, dilation, padding and stride are (h, w) pairs.
     */
    public static Tensor unfold(Tensor input, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        return dev.vgrad.Patches.unfold(input, kernelSize, dilation, padding, stride, 0f);
    }

    /**
     * The adjoint of {@link #unfold} (torch.nn.functional.fold): columns [N, C*kh*kw, L] summed into images
     * [N, C, outputSize...], overlapping windows adding up.
     */
    public static Tensor fold(Tensor input, int[] outputSize, int[] kernelSize, int[] dilation, int[] padding,
                              int[] stride) {
        return dev.vgrad.Patches.fold(input, outputSize, kernelSize, dilation, padding, stride);
    }

    /** F.pad with zeros: see {@link #pad(Tensor, int[], String, float)}. */
    public static Tensor pad(Tensor x, int[] pad) {
        return Padding.pad(x, pad, "constant", 0f);
    }

    /**
     * Pads (or, in constant mode, with negative sizes, crops) the last {@code pad.length / 2} dimensions:
     * {@code pad} holds (before, after) pairs from the last dimension backward, as torch.nn.functional.pad. mode:
     * "constant" (with value), "reflect" (mirror without repeating the edge), "replicate" (repeat the edge) or
     * "circular" (wrap around); the last three pad 1-3 dimensions of an input with one or two more dimensions.
     */
    public static Tensor pad(Tensor x, int[] pad, String mode, float value) {
        return Padding.pad(x, pad, mode, value);
    }

    /**
     * Float one-hot rows for integer class indices (as floats): shape {@code labels.shape + [numClasses]}, numClasses
     * -1 meaning the largest label + 1. A label that is negative, not an integer, or not below numClasses is an error
     * naming it and its position.
     */
    public static Tensor oneHot(Tensor labels, int numClasses) {
        float[] v = labels.toArray();
        if (numClasses < 0) {
            if (numClasses != -1) {
                throw new IllegalArgumentException("one_hot: num_classes must be -1 or positive, got " + numClasses);
            }
            if (v.length == 0) {
                throw new IllegalArgumentException("Can not infer total number of classes from empty tensor.");
            }
        }
        float largest = -1f;
        for (int k = 0; k < v.length; k++) {
            if (v[k] != Math.rint(v[k]) || Float.isInfinite(v[k]) || v[k] < 0) {
                throw new IllegalArgumentException("one_hot: class value " + v[k] + " at flat position " + k
                        + " is not a non-negative integer (class values must be non-negative integers)");
            }
            largest = Math.max(largest, v[k]);
        }
        int classes = numClasses == -1 ? (int) largest + 1 : numClasses;
        if (largest >= classes) {
            throw new IllegalArgumentException("one_hot: class value " + (long) largest + " is not smaller than "
                    + "num_classes " + classes);
        }
        long size = (long) v.length * classes;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("one_hot: " + v.length + " labels x " + classes + " classes = " + size
                    + " values, more than one tensor holds");
        }
        int[] shape = java.util.Arrays.copyOf(labels.shape(), labels.dim() + 1);
        shape[labels.dim()] = classes;
        // Written into a tensor of zeros (arena memory inside an arena): a float[] copied into Tensor.of cost a
        // multi-margin loss step 68 KB of heap at 64 x 256.
        Tensor hot = Tensor.zeros(shape);
        float[] out = hot.sharedArray();
        for (int k = 0; k < v.length; k++) {
            out[k * classes + (int) v[k]] = 1f;
        }
        return hot;
    }

    /** x divided by its 2-norm along dim 1, the norm at least 1e-12. */
    public static Tensor normalize(Tensor x) {
        return normalize(x, 2f, 1, 1e-12f);
    }

    /** {@code x / max(||x||_p, eps)}, the p-norm taken along dim (F.normalize). */
    public static Tensor normalize(Tensor x, float p, int dim, float eps) {
        return x.div(x.norm(p, dim, true).clampMin(eps));
    }

    /**
     * Cosine similarity along dim of x1 and x2 (broadcast together), {@code x1.x2 / (max(||x1||, eps) *
     * max(||x2||, eps))}, computed as PyTorch 1.13 computes it: each operand divided by its own norm, then the
     * products summed. Each norm's square is raised to at least eps^2 in place without being recorded, so the gradient
     * of a norm below eps still goes through the norm's own rule (PyTorch's x1.grad for x1 = [1e-9, 2e-9, 0] against
     * [1, 1, 1]: [5.6003e7, 5.4271e7, 5.7735e7], where a recorded clamp would give 5.7735e7 in each).
     */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, float eps) {
        int[] shape = Tensor.broadcastShapes("cosine_similarity", x1.shape(), x2.shape());
        Tensor a = x1.expand(shape), b = x2.expand(shape);
        return a.div(normAtLeast(a, dim, eps)).mul(b.div(normAtLeast(b, dim, eps))).sum(dim, false);
    }

    /** cosine_similarity's norm along dim, kept: its square clamped below at eps^2 (eps a Python float) unrecorded. */
    private static Tensor normAtLeast(Tensor x, int dim, float eps) {
        Tensor squares = x.pow(2f).sum(dim, true);
        double e = Double.parseDouble(Float.toString(eps));
        try (var off = GradMode.noGrad()) {
            squares.clampMin_((float) (e * e));
        }
        return squares.sqrt();
    }

    /**
     * In training, zeros each element with probability p and scales the rest by 1/(1-p), drawing from g as PyTorch's
     * CPU dropout draws (a generator seeded as torch's default gives torch's masks); otherwise the input itself.
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
        // The mask is a tensor of its own from the start, so that inside an arena it is arena memory: a float[] copied
        // into Tensor.of allocated 4 bytes an element on the heap every training step.
        // PyTorch's CPU dropout: noise.bernoulli_(1 - p) (one 53-bit uniform draw an element, kept below 1 - p), then
        // noise.div_(1 - p) in float, then input * noise; so a generator seeded as torch's gives torch's masks.
        Tensor mask = Tensor.zeros(input.shape());
        float[] m = mask.sharedArray();
        double keep = 1.0 - p;
        float scale = 1f / (float) keep;
        for (int i = 0, n = mask.numel(); i < n; i++) {
            m[i] = g.uniformDouble() < keep ? scale : 0f;
        }
        return input.mul(mask);
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

    /**
     * 3-D convolution of [N, C, D, H, W] (or [C, D, H, W]) by weight [O, C/groups, kD, kH, kW] (F.conv3d), with
     * (depth, height, width) stride, padding and dilation; bias [O] or null.
     */
    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return Convolution.conv3d(input, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * conv2d with torch's string padding ({@code F.conv2d(..., padding='same')}): "valid" pads nothing, "same" (stride
     * 1 only) keeps the spatial size, an odd total padding putting its extra row or column at the bottom or right as
     * torch does.
     *
     * @throws IllegalArgumentException for another string, or "same" with a stride other than 1
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation,
                                int groups) {
        return Convolution.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * conv1d with torch's string padding, "valid" or "same", as
     * {@link #conv2d(Tensor, Tensor, Tensor, int[], String, int[], int)}.
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, String padding, int dilation,
                                int groups) {
        return Convolution.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * F.conv_tbc: a 1-D convolution of input [T, B, C_in] (time, batch, channels) with weight [K, C_in, C_out] and
     * bias [C_out], time zero-padded by {@code pad} at both ends: [T + 2 pad - K + 1, B, C_out]. Computed (and
     * differentiated) as {@link #conv1d} of the input as [B, C_in, T] with the weight as [C_out, C_in, K].
     */
    public static Tensor convTbc(Tensor input, Tensor weight, Tensor bias, int pad) {
        String shapes = " (input " + java.util.Arrays.toString(input.shape()) + ", weight "
                + java.util.Arrays.toString(weight.shape()) + ", bias " + java.util.Arrays.toString(bias.shape()) + ")";
        if (input.dim() != 3) {
            throw new IllegalArgumentException("conv_tbc: Input must have 3 dims: time, batch, in_channel" + shapes);
        }
        if (weight.dim() != 3) {
            throw new IllegalArgumentException("conv_tbc: Weight tensor must have 3 dims: kernel_width, in_channels, "
                    + "out_channels" + shapes);
        }
        if (bias.dim() != 1) {
            throw new IllegalArgumentException("conv_tbc: Bias must be 1-D" + shapes);
        }
        if (input.size(2) != weight.size(1)) {
            throw new IllegalArgumentException("conv_tbc: Input dim 2 (input channels) is not == dim 1 in the weight "
                    + "tensor" + shapes);
        }
        if (bias.size(0) != weight.size(2)) {
            throw new IllegalArgumentException("conv_tbc: Bias size must equal dim 2 in the weight tensor (output "
                    + "channels)" + shapes);
        }
        return conv1d(input.permute(1, 2, 0), weight.permute(2, 1, 0), bias, 1, pad, 1, 1).permute(2, 0, 1);
    }

    /** 1-D convolution of input [N, C, L] (or [C, L]) with weight [O, C/groups, k], bias [O] or null. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation,
                                int groups) {
        return Convolution.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * The transposed 2-D convolution (torch.nn.functional.conv_transpose2d) of input [N, C_in, H, W] (or
     * [C_in, H, W]) with weight [C_in, C_out / groups, kH, kW] and bias [C_out] or null; stride, padding,
     * outputPadding and dilation are (h, w) pairs. Output sizes {@code (H - 1) stride - 2 padding + dilation (k - 1)
     * + outputPadding + 1}.
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        return TransposedConvolution.convTranspose2d(input, weight, bias, stride, padding, outputPadding, groups,
                dilation);
    }

    /**
     * The transposed 3-D convolution of [N, C_in, D, H, W] (or unbatched) with weight [C_in, C_out / groups, kD, kH,
     * kW] (F.conv_transpose3d), (depth, height, width) stride, padding, output padding and dilation.
     */
    public static Tensor convTranspose3d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        return TransposedConvolution.convTranspose3d(input, weight, bias, stride, padding, outputPadding, groups,
                dilation);
    }

    /** The transposed 1-D convolution of [N, C_in, L] (or [C_in, L]) with weight [C_in, C_out / groups, k]. */
    public static Tensor convTranspose1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding,
                                         int outputPadding, int groups, int dilation) {
        return TransposedConvolution.convTranspose1d(input, weight, bias, stride, padding, outputPadding, groups,
                dilation);
    }

    /** The maximum of each window (padding counts as -infinity); kernel, stride and padding are (h, w) pairs. */
    public static Tensor maxPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
        return Pooling.maxPool2d(input, kernelSize, stride, padding);
    }

    /**
     * Max pooling and where each maximum came from (F.max_pool2d with return_indices): the pooled values, then each
     * window's flat index into its input plane (as floats; not differentiable), for {@link #maxUnpool2d}.
     */
    public static java.util.List<Tensor> maxPool2dWithIndices(Tensor input, int[] kernelSize, int[] stride,
                                                              int[] padding) {
        return java.util.List.of(maxPool2d(input, kernelSize, stride, padding),
                Unpooling.maxPool2dIndices(input, kernelSize, stride, padding));
    }

    /**
     * The inverse of max pooling (F.max_unpool2d): each value of [N, C, H, W] put at its index into a plane of zeros
     * of outputSize ([H', W']; null: {@code (H - 1) * stride - 2 * padding + kernel} a side). Differentiable in input.
     */
    public static Tensor maxUnpool2d(Tensor input, Tensor indices, int[] kernelSize, int[] stride, int[] padding,
                                     int[] outputSize) {
        return Unpooling.maxUnpool2d(input, indices, kernelSize, stride, padding, outputSize);
    }

    /** Max pooling of [N, C, L] and each maximum's index into L (F.max_pool1d with return_indices). */
    public static java.util.List<Tensor> maxPool1dWithIndices(Tensor input, int kernelSize, int stride, int padding) {
        Tensor indices = Unpooling.maxPool2dIndices(input.unsqueeze(-2), new int[] {1, kernelSize},
                new int[] {1, stride}, new int[] {0, padding}).squeeze(-2);
        return java.util.List.of(maxPool1d(input, kernelSize, stride, padding), indices);
    }

    /** The inverse of 1-D max pooling (F.max_unpool1d), to outputSize (null: {@code (L - 1) * stride - 2 pad + k}). */
    public static Tensor maxUnpool1d(Tensor input, Tensor indices, int kernelSize, int stride, int padding,
                                     Integer outputSize) {
        int length = outputSize != null ? outputSize : (input.size(-1) - 1) * stride - 2 * padding + kernelSize;
        return Unpooling.maxUnpool2d(input.unsqueeze(-2), indices.unsqueeze(-2), new int[] {1, kernelSize},
                new int[] {1, stride}, new int[] {0, padding}, new int[] {1, length}).squeeze(-2);
    }

    /**
     * Max pooling of [N, C, D, H, W] (or [C, D, H, W]) and where each maximum came from (F.max_pool3d with
     * return_indices): the values, then each window's flat index into its D x H x W volume (floats, not
     * differentiable); the values' gradient goes to those indices, the first of equal maxima.
     */
    public static java.util.List<Tensor> maxPool3dWithIndices(Tensor input, int[] kernelSize, int[] stride,
                                                              int[] padding) {
        Tensor indices = Unpooling.maxPool3dIndices(input, kernelSize, stride, padding);
        Tensor values = input.dim() == 4 ? WindowArgmax.valuesAt(input.unsqueeze(0), indices.unsqueeze(0)).squeeze(0)
                : WindowArgmax.valuesAt(input, indices);
        return java.util.List.of(values, indices);
    }

    /**
     * The inverse of 3-D max pooling (F.max_unpool3d): each value of [N, C, D, H, W] put at its index into a volume
     * of zeros of outputSize ([D', H', W']; null: {@code (n - 1) * stride - 2 * padding + kernel} a side).
     */
    public static Tensor maxUnpool3d(Tensor input, Tensor indices, int[] kernelSize, int[] stride, int[] padding,
                                     int[] outputSize) {
        return Unpooling.maxUnpool3d(input, indices, kernelSize, stride, padding, outputSize);
    }

    /**
     * Fractional max pooling of [N, C, H, W] (or [C, H, W]) to outputSize (F.fractional_max_pool2d): windows of
     * kernelSize at pseudo-random starts, one sample a plane and dimension drawn from g as torch.rand draws them
     * (so a seed gives PyTorch's windows). Differentiable: the gradient goes to each window's maximum.
     */
    public static Tensor fractionalMaxPool2d(Tensor input, int[] kernelSize, int[] outputSize, Generator g) {
        return FractionalPooling.pool("fractional_max_pool2d", input, kernelSize, outputSize, null, null, g).get(0);
    }

    /** {@link #fractionalMaxPool2d(Tensor, int[], int[], Generator)} to {@code int(size * ratio)} a side. */
    public static Tensor fractionalMaxPool2d(Tensor input, int[] kernelSize, double[] outputRatio, Generator g) {
        return FractionalPooling.pool("fractional_max_pool2d", input, kernelSize, null, outputRatio, null, g).get(0);
    }

    /**
     * F.fractional_max_pool2d with return_indices: [values, each maximum's flat index into its H x W plane]; exactly
     * one of outputSize and outputRatio; randomSamples ([N, C, 2] in [0, 1), PyTorch's _random_samples, the width's
     * first) or, when null, drawn from g (null: the default generator).
     */
    public static java.util.List<Tensor> fractionalMaxPool2dWithIndices(Tensor input, int[] kernelSize,
            int[] outputSize, double[] outputRatio, Tensor randomSamples, Generator g) {
        return FractionalPooling.pool("fractional_max_pool2d", input, kernelSize, outputSize, outputRatio,
                randomSamples, g);
    }

    /** Fractional max pooling of [N, C, D, H, W] (or [C, D, H, W]) to outputSize (F.fractional_max_pool3d). */
    public static Tensor fractionalMaxPool3d(Tensor input, int[] kernelSize, int[] outputSize, Generator g) {
        return FractionalPooling.pool("fractional_max_pool3d", input, kernelSize, outputSize, null, null, g).get(0);
    }

    /** {@link #fractionalMaxPool3d(Tensor, int[], int[], Generator)} to {@code int(size * ratio)} a side. */
    public static Tensor fractionalMaxPool3d(Tensor input, int[] kernelSize, double[] outputRatio, Generator g) {
        return FractionalPooling.pool("fractional_max_pool3d", input, kernelSize, null, outputRatio, null, g).get(0);
    }

    /**
     * F.fractional_max_pool3d with return_indices: [values, flat indices into each D x H x W volume]; randomSamples
     * [N, C, 3] (depth, height, width) or drawn from g as {@link #fractionalMaxPool2dWithIndices} draws.
     */
    public static java.util.List<Tensor> fractionalMaxPool3dWithIndices(Tensor input, int[] kernelSize,
            int[] outputSize, double[] outputRatio, Tensor randomSamples, Generator g) {
        return FractionalPooling.pool("fractional_max_pool3d", input, kernelSize, outputSize, outputRatio,
                randomSamples, g);
    }

    /**
     * Adaptive max pooling of [N, C, L] (or [C, L]) to outputSize with each maximum's index into L
     * (F.adaptive_max_pool1d with return_indices): [values, indices (floats, not differentiable)]; the values'
     * gradient goes to the first of equal maxima, as PyTorch's.
     */
    public static java.util.List<Tensor> adaptiveMaxPool1dWithIndices(Tensor input, int outputSize) {
        return WindowArgmax.adaptive("adaptive_max_pool1d", input, new int[] {outputSize});
    }

    /** Adaptive max pooling of [N, C, H, W] to (h, w) with flat indices into each H x W plane (return_indices). */
    public static java.util.List<Tensor> adaptiveMaxPool2dWithIndices(Tensor input, int[] outputSize) {
        return WindowArgmax.adaptive("adaptive_max_pool2d", input, outputSize);
    }

    /** Adaptive max pooling of [N, C, D, H, W] to (d, h, w) with flat indices into each volume (return_indices). */
    public static java.util.List<Tensor> adaptiveMaxPool3dWithIndices(Tensor input, int[] outputSize) {
        return WindowArgmax.adaptive("adaptive_max_pool3d", input, outputSize);
    }

    /**
     * One LSTM step with the weights passed in (torch.lstm_cell): [h', c'] from x [B, input] (or [input]) and the
     * states h, c [B, H]; weightIh [4H, input], weightHh [4H, H], biases [4H] or null. Differentiable in all.
     */
    public static java.util.List<Tensor> lstmCell(Tensor x, Tensor h, Tensor c, Tensor weightIh, Tensor weightHh,
                                                  Tensor biasIh, Tensor biasHh) {
        return CellFunctions.lstm(x, h, c, weightIh, weightHh, biasIh, biasHh);
    }

    /** One GRU step with the weights passed in (torch.gru_cell): h' from x and h; weights [3H, input], [3H, H]. */
    public static Tensor gruCell(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        return CellFunctions.gru(x, h, weightIh, weightHh, biasIh, biasHh);
    }

    /** One Elman step {@code tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)} (torch.rnn_tanh_cell). */
    public static Tensor rnnTanhCell(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh,
                                     Tensor biasHh) {
        return CellFunctions.rnn("rnn_tanh_cell", x, h, weightIh, weightHh, biasIh, biasHh, false);
    }

    /** One Elman step with relu in place of tanh (torch.rnn_relu_cell). */
    public static Tensor rnnReluCell(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh,
                                     Tensor biasHh) {
        return CellFunctions.rnn("rnn_relu_cell", x, h, weightIh, weightHh, biasIh, biasHh, true);
    }

    /** F.upsample, the older name of {@link #interpolate(Tensor, int[], String, Boolean)}. */
    public static Tensor upsample(Tensor input, int[] size, String mode, Boolean alignCorners) {
        return interpolate(input, size, mode, alignCorners);
    }

    /** F.upsample_nearest: {@link #interpolate} to size in "nearest" mode. */
    public static Tensor upsampleNearest(Tensor input, int[] size) {
        return interpolate(input, size, "nearest", null);
    }

    /** F.upsample_bilinear: {@link #interpolate} to size in "bilinear" mode with corners aligned, as PyTorch's. */
    public static Tensor upsampleBilinear(Tensor input, int[] size) {
        return interpolate(input, size, "bilinear", true);
    }

    /**
     * F.multi_head_attention_forward without dropout (its dropout_p 0): query [L, N, E] (or [L, E]), key and value
     * [S, N, E] with the weights given (inProjWeight [3E, E], inProjBias [3E] or null, outProj's weight and bias; biasK
     * and biasV [1, 1, E] or null; addZeroAttn), additive masks attnMask ([L, S] or [N * numHeads, L, S]) and
     * keyPaddingMask ([N, S]), either null: [output [L, N, E], the attention weights ([N, L, S] averaged over heads, or
     * [N, numHeads, L, S]; null unless needWeights)]. Differentiable in every tensor.
     */
    public static java.util.List<Tensor> multiHeadAttentionForward(Tensor query, Tensor key, Tensor value,
            int numHeads, Tensor inProjWeight, Tensor inProjBias, Tensor biasK, Tensor biasV, boolean addZeroAttn,
            Tensor outProjWeight, Tensor outProjBias, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
            boolean averageAttnWeights) {
        return multiHeadAttentionForward(query, key, value, numHeads, inProjWeight, inProjBias, biasK, biasV,
                addZeroAttn, 0f, outProjWeight, outProjBias, false, keyPaddingMask, needWeights, attnMask,
                averageAttnWeights, null);
    }

    /**
     * F.multi_head_attention_forward with PyTorch's dropout_p and training: as the overload without them, and in
     * training each attention weight dropped with probability dropoutP (the rest scaled by 1 / (1 - dropoutP)), drawn
     * from {@code g} as PyTorch draws from its default generator; the weights returned are the dropped ones, as
     * PyTorch's.
     */
    public static java.util.List<Tensor> multiHeadAttentionForward(Tensor query, Tensor key, Tensor value,
            int numHeads, Tensor inProjWeight, Tensor inProjBias, Tensor biasK, Tensor biasV, boolean addZeroAttn,
            float dropoutP, Tensor outProjWeight, Tensor outProjBias, boolean training, Tensor keyPaddingMask,
            boolean needWeights, Tensor attnMask, boolean averageAttnWeights, Generator g) {
        if (!(dropoutP >= 0f && dropoutP <= 1f)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + dropoutP);
        }
        return AttentionFunction.forward(query, key, value, numHeads, inProjWeight, inProjBias, biasK, biasV,
                addZeroAttn, outProjWeight, outProjBias, keyPaddingMask, needWeights, attnMask, averageAttnWeights,
                dropoutP, training, g);
    }

    /** Average pooling of [N, C, D, H, W] (or [C, D, H, W]) to (d, h, w) over PyTorch's adaptive windows. */
    public static Tensor adaptiveAvgPool3d(Tensor input, int[] outputSize) {
        return Pooling3d.adaptive("adaptive_avg_pool3d", input, outputSize, false);
    }

    /** Max pooling of [N, C, D, H, W] (or [C, D, H, W]) to (d, h, w) over PyTorch's adaptive windows. */
    public static Tensor adaptiveMaxPool3d(Tensor input, int[] outputSize) {
        return Pooling3d.adaptive("adaptive_max_pool3d", input, outputSize, true);
    }

    /** Max pooling of [N, C, D, H, W] (or [C, D, H, W]) over (depth, height, width) windows (max_pool3d). */
    public static Tensor maxPool3d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
        return Pooling3d.pool("max_pool3d", input, kernelSize, stride, padding, true);
    }

    /** Average pooling of [N, C, D, H, W] (or [C, D, H, W]), zero padding counted (avg_pool3d). */
    public static Tensor avgPool3d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
        return Pooling3d.pool("avg_pool3d", input, kernelSize, stride, padding, false);
    }

    /** The mean of each window, zero padding included in the count (PyTorch's default). */
    public static Tensor avgPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
        return Pooling.avgPool2d(input, kernelSize, stride, padding);
    }

    /**
     * max_pool2d with torch's {@code ceil_mode}: with it the output size is rounded up, and the last window may reach
     * past the padded input (but not start past the input and its leading padding).
     */
    public static Tensor maxPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode) {
        return Pooling.maxPool2d(input, kernelSize, stride, padding, ceilMode);
    }

    /**
     * avg_pool2d with torch's {@code ceil_mode} and {@code count_include_pad}: each window's sum is divided by the
     * positions it covers inside the padded input (count_include_pad, torch's default) or inside the input alone.
     */
    public static Tensor avgPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad) {
        return Pooling.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    /** Max pooling of [N, C, L] (or [C, L]) over windows of {@code kernelSize} every {@code stride} (max_pool1d). */
    public static Tensor maxPool1d(Tensor input, int kernelSize, int stride, int padding) {
        return Pooling.pool1d("max_pool1d", input, kernelSize, stride, padding, true);
    }

    /** Average pooling of [N, C, L] (or [C, L]), zero padding counted (avg_pool1d). */
    public static Tensor avgPool1d(Tensor input, int kernelSize, int stride, int padding) {
        return Pooling.pool1d("avg_pool1d", input, kernelSize, stride, padding, false);
    }

    /** Average pooling of [N, C, L] (or [C, L]) to a fixed length, over PyTorch's adaptive windows. */
    public static Tensor adaptiveAvgPool1d(Tensor input, int outputSize) {
        return Pooling.adaptiveAvgPool1d(input, outputSize);
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
        int paddingRow = paddingRow(weight, paddingIdx);
        Tensor rows = embedding(indices, weight);
        if (!weight.requiresGrad() || !GradMode.isEnabled()) {
            return rows;   // no gradient to hold back
        }
        Tensor keep = indices.ne((float) paddingRow).unsqueeze(-1);
        // The same values either way; the gradient reaches the table only through the positions kept.
        return Tensor.where(keep, rows, rows.detach());
    }

    /**
     * F.embedding with every option: the padding row (null for none; negative from the end) gets no gradient; with
     * maxNorm (null for none) each row the indices pick whose normType-norm exceeds it is first scaled down in place
     * to that norm (see {@link #embeddingRenorm_}); with scaleGradByFreq the table's gradient at each position is
     * divided by the number of positions in the batch that pick the same row.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx, Float maxNorm, float normType,
                                   boolean scaleGradByFreq) {
        if (maxNorm != null) {
            embeddingRenorm_(weight, indices, maxNorm, normType);
        }
        if (!scaleGradByFreq) {
            return paddingIdx == null ? embedding(indices, weight) : embedding(indices, weight, paddingIdx);
        }
        int paddingRow = paddingIdx == null ? -1 : paddingRow(weight, paddingIdx);
        checkTable(weight);
        return shapedRows(EmbeddingOptions.lookupScaledByFrequency(weight, indices.reshape(-1), paddingRow), indices,
                weight);
    }

    /** The padding row of a table [num, dim], negative indices from the end, after checking it lies in the table. */
    private static int paddingRow(Tensor weight, int paddingIdx) {
        checkTable(weight);
        int num = weight.size(0);
        if (paddingIdx >= num || paddingIdx < -num) {
            throw new IllegalArgumentException("embedding: padding_idx must be within num_embeddings (" + num
                    + "), got " + paddingIdx);
        }
        return paddingIdx < 0 ? paddingIdx + num : paddingIdx;
    }

    /**
     * torch.embedding_renorm_: each row of weight that indices pick (once however often) whose normType-norm exceeds
     * maxNorm is scaled in place by {@code maxNorm / (norm + 1e-7)}, untracked, as PyTorch does it (the scale in
     * double, the multiply in float). A bad index is refused before any row changes. Returns weight.
     */
    public static Tensor embeddingRenorm_(Tensor weight, Tensor indices, float maxNorm, float normType) {
        checkTable(weight);
        return EmbeddingOptions.renorm(weight, indices, maxNorm, normType);
    }

    private static void checkTable(Tensor weight) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("embedding: weight must be 2-D [num_embeddings, embedding_dim], got "
                    + java.util.Arrays.toString(weight.shape()));
        }
    }

    /** Rows of weight [num, dim] picked by indices (a float tensor of integers): the result is [*indices, dim]. */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        checkTable(weight);
        return shapedRows(weight.indexSelect(0, indices.reshape(-1)), indices, weight);
    }

    /** The rows picked for the flattened indices, [indices.numel(), dim], as [*indices, dim]. */
    private static Tensor shapedRows(Tensor rows, Tensor indices, Tensor weight) {
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
     * Group normalization of [N, C, ...]: the C channels split into numGroups groups of consecutive channels, each
     * sample's group normalized by its own mean and (biased) variance, then scaled and shifted per channel by weight
     * and bias (either may be null), as torch.nn.functional.group_norm: layer norm over each group, then the affine.
     */
    public static Tensor groupNorm(Tensor input, int numGroups, Tensor weight, Tensor bias, float eps) {
        if (input.dim() < 2) {
            throw new IllegalArgumentException("group_norm: expected an input of at least 2 dimensions [N, C, ...], "
                    + "got " + java.util.Arrays.toString(input.shape()));
        }
        int n = input.size(0), channels = input.size(1);
        if (numGroups <= 0 || channels % numGroups != 0) {
            throw new IllegalArgumentException("Expected number of channels in input to be divisible by num_groups, "
                    + "but got input of shape " + java.util.Arrays.toString(input.shape()) + " and num_groups="
                    + numGroups);
        }
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && (t.dim() != 1 || t.size(0) != channels)) {
                throw new IllegalArgumentException("group_norm: expected weight and bias of shape [" + channels
                        + "], got " + java.util.Arrays.toString(t.shape()));
            }
        }
        // Each sample's group, flattened, is a layer norm's row: the fused one-pass kernel normalizes it.
        Tensor groups = input.reshape(n, numGroups, -1);
        Tensor y = layerNorm(groups, new int[] {groups.size(2)}, null, null, eps).reshape(input.shape());
        int[] perChannel = new int[input.dim()];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[1] = channels;
        if (weight != null) {
            y = y.mul(weight.reshape(perChannel));
        }
        return bias == null ? y : y.add(bias.reshape(perChannel));
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
     * Per position over [N, C, d1, ...], and against class probabilities of the logits' shape, as the two-argument
     * form.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, String reduction, int ignoreIndex,
                                      float labelSmoothing) {
        return ClassificationLoss.crossEntropy(logits, target, reduction, ignoreIndex, labelSmoothing);
    }

    /**
     * Cross entropy with class weights (torch's {@code weight=}, a [C] tensor, or null): each sample's term is scaled
     * by its target class's weight, and "mean" divides by the sum of those weights over the targets not ignored.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Tensor weight, String reduction, int ignoreIndex,
                                      float labelSmoothing) {
        return ClassificationLoss.crossEntropy(logits, target, weight, reduction, ignoreIndex, labelSmoothing);
    }

    /** Smooth L1 (Huber-like) loss with beta 1, mean-reduced. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return smoothL1Loss(input, target, "mean", 1f);
    }

    /**
     * {@code 0.5 d^2 / beta} where |d| < beta, else {@code |d| - beta / 2}, with d = input - target. A target of another
     * size than the input is refused ({@link Loss#sameShape}), as mseLoss refuses it.
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, String reduction, float beta) {
        if (!(beta >= 0f)) {
            throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta, got " + beta);
        }
        Loss.sameShape(input, target, "smooth_l1_loss");
        Tensor d = input.sub(target), a = d.abs();
        Tensor loss = beta == 0f ? a : Tensor.where(a.lt(beta), d.mul(d).mul(0.5f / beta), a.sub(0.5f * beta));
        return ClassificationLoss.reduce(loss, reduction);
    }

    /** Huber loss with mean reduction and delta 1. */
    public static Tensor huberLoss(Tensor input, Tensor target) {
        return huberLoss(input, target, "mean", 1f);
    }

    /**
     * {@code 0.5 d^2} where |d| < delta, else {@code delta (|d| - delta / 2)}, with d = input - target. A target of
     * another size than the input is refused ({@link Loss#sameShape}), as mseLoss refuses it.
     */
    public static Tensor huberLoss(Tensor input, Tensor target, String reduction, float delta) {
        if (!(delta > 0f)) {
            throw new IllegalArgumentException("huber_loss does not support non-positive values for delta, got "
                    + delta);
        }
        Loss.sameShape(input, target, "huber_loss");
        Tensor d = input.sub(target), a = d.abs();
        return ClassificationLoss.reduce(Tensor.where(a.lt(delta), d.mul(d).mul(0.5f), a.sub(0.5f * delta).mul(delta)),
                reduction);
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

    /**
     * {@code max(0, x) + min(0, alpha (e^(x / alpha) - 1))} (F.celu). The exponent is taken only where x <= 0, so the
     * unused branch cannot overflow; the gradient at 0 is 1, and a NaN stays NaN with the incoming gradient passed.
     */
    public static Tensor celu(Tensor x, float alpha) {
        if (alpha == 0f) {
            throw new IllegalArgumentException("ZeroDivisionError: alpha cannot be 0 for CELU");
        }
        Tensor nonPositive = x.le(0f);
        Tensor scaled = Tensor.where(nonPositive, x, Tensor.zeros()).div(alpha);
        return Tensor.where(nonPositive, expm1WithExpGradient(scaled).mul(alpha), x);
    }

    /**
     * x moved toward 0 by lambda, and 0 within [-lambda, lambda] with gradient 0 there, bounds included
     * (F.softshrink). A NaN stays NaN with the incoming gradient passed (torch 1.13 gives 0 or NaN by code path).
     */
    public static Tensor softshrink(Tensor x, float lambda) {
        if (!(lambda >= 0f)) {
            throw new IllegalArgumentException("softshrink: lambda must be greater or equal to 0, but found to be "
                    + lambda);
        }
        return Tensor.where(x.gt(lambda), x.sub(lambda), Tensor.where(x.lt(-lambda), x.add(lambda),
                Tensor.where(within(x, lambda), Tensor.zeros(), x)));
    }

    /** 1 where {@code -lambda <= x <= lambda} (0 for NaN). */
    private static Tensor within(Tensor x, float lambda) {
        return x.ge(-lambda).mul(x.le(lambda));
    }

    /** x where |x| > lambda, else 0 with gradient 0, bounds included (F.hardshrink); NaN stays NaN. */
    public static Tensor hardshrink(Tensor x, float lambda) {
        return x.hardshrink(lambda);
    }

    /** {@code x - tanh(x)} (F.tanhshrink). */
    public static Tensor tanhshrink(Tensor x) {
        return x.sub(x.tanh());
    }

    /** x where x > threshold, else value (F.threshold); NaN stays NaN. */
    public static Tensor threshold(Tensor x, float threshold, float value) {
        return Tensor.where(x.le(threshold), Tensor.full(value), x);
    }

    /** {@code log(1 + e^(-y x))} reduced (F.soft_margin_loss), y being +-1. */
    public static Tensor softMarginLoss(Tensor input, Tensor target, String reduction) {
        return MarginLosses.softMargin(input, target, reduction);
    }

    /**
     * The binary cross entropy of every label of a multi-label target, optionally weighted per class (null for none),
     * averaged over the classes and reduced over the samples (F.multilabel_soft_margin_loss).
     */
    public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target, Tensor weight, String reduction) {
        return MarginLosses.multilabelSoftMargin(input, target, weight, reduction);
    }

    /** x where y is 1, {@code max(0, margin - x)} where y is -1, reduced (F.hinge_embedding_loss). */
    public static Tensor hingeEmbeddingLoss(Tensor input, Tensor target, float margin, String reduction) {
        return MarginLosses.hingeEmbedding(input, target, margin, reduction);
    }

    /**
     * The multi-class hinge loss (F.multi_margin_loss): per sample of input [N, C] with class index y,
     * {@code sum over i != y of max(0, margin - x[y] + x[i])^p / C} (p 1 or 2), each term times weight[y] if given.
     */
    public static Tensor multiMarginLoss(Tensor input, Tensor target, int p, float margin, Tensor weight,
                                         String reduction) {
        return MarginLosses.multiMargin(input, target, p, margin, weight, reduction);
    }

    /**
     * The multi-label hinge loss (F.multilabel_margin_loss): target [N, C] (or [C]) lists each sample's classes,
     * ended by -1; each listed class against each class not listed adds {@code max(0, 1 - (x[j] - x[i])) / C}.
     */
    public static Tensor multilabelMarginLoss(Tensor input, Tensor target, String reduction) {
        return MarginLosses.multilabelMargin(input, target, reduction);
    }

    /**
     * F.triplet_margin_with_distance_loss: {@code max(margin + d(a, p) - d(a, n), 0)} with a distance of one's own
     * (null: the pairwise Euclidean distance); with swap, d(a, n) is the smaller of it and d(p, n).
     */
    public static Tensor tripletMarginWithDistanceLoss(Tensor anchor, Tensor positive, Tensor negative,
                                                       java.util.function.BinaryOperator<Tensor> distance,
                                                       float margin, boolean swap, String reduction) {
        if (!(margin > 0f)) {
            throw new IllegalArgumentException("triplet_margin_with_distance_loss: expected margin to be greater than "
                    + "0, got " + margin + " instead");
        }
        java.util.function.BinaryOperator<Tensor> d = distance != null ? distance
                : (x, y) -> pairwiseDistance(x, y, 2f, 1e-6f, false);
        Tensor toPositive = d.apply(anchor, positive), toNegative = d.apply(anchor, negative);
        if (swap) {
            toNegative = toNegative.minimum(d.apply(positive, negative));
        }
        return ClassificationLoss.reduce(toPositive.add(margin).sub(toNegative).clampMin(0f), reduction);
    }

    /**
     * The Poisson negative log-likelihood (F.poisson_nll_loss): {@code e^x - y x} for a log-rate input, else
     * {@code x - y log(x + eps)}; full adds Stirling's approximation of log(y!) where y > 1.
     */
    public static Tensor poissonNllLoss(Tensor input, Tensor target, boolean logInput, boolean full, float eps,
                                        String reduction) {
        return LikelihoodLosses.poissonNll(input, target, logInput, full, eps, reduction);
    }

    /**
     * The Gaussian negative log-likelihood of target under mean input and variance var (F.gaussian_nll_loss):
     * {@code (log(var) + (input - target)^2 / var) / 2}, var clamped to at least eps; full adds log(2 pi) / 2. var has
     * input's shape, or one variance per row (input's shape without its last dimension, or with it as 1).
     */
    public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var, boolean full, float eps,
                                         String reduction) {
        return LikelihoodLosses.gaussianNll(input, target, var, full, eps, reduction);
    }

    /** {@link #klDiv(Tensor, Tensor, String)} with the target given as log-probabilities when logTarget. */
    public static Tensor klDiv(Tensor input, Tensor target, String reduction, boolean logTarget) {
        return logTarget ? LikelihoodLosses.klDivLogTarget(input, target, reduction) : klDiv(input, target, reduction);
    }

    /** [*, C r^2, H, W] to [*, C, H r, W r]: channels moved into r x r blocks of pixels (F.pixel_shuffle). */
    public static Tensor pixelShuffle(Tensor x, int upscaleFactor) {
        return Reshuffles.pixelShuffle(x, upscaleFactor);
    }

    /** [*, C, H r, W r] to [*, C r^2, H, W], the inverse of {@link #pixelShuffle} (F.pixel_unshuffle). */
    public static Tensor pixelUnshuffle(Tensor x, int downscaleFactor) {
        return Reshuffles.pixelUnshuffle(x, downscaleFactor);
    }

    /**
     * Each sample's channel normalized over its own positions ([N, C, ...]), then scaled and shifted per channel by
     * weight and bias if given (F.instance_norm with the input's statistics; group norm with one channel a group).
     */
    public static Tensor instanceNorm(Tensor input, Tensor weight, Tensor bias, float eps) {
        checkInstances(input, true);
        return groupNorm(input, input.size(1), weight, bias, eps);
    }

    /**
     * instance_norm's input [N, C, ...]; with the input's own statistics, more than one element in each instance, as
     * PyTorch's F.instance_norm checks (one element would normalize to 0 whatever it held).
     */
    private static void checkInstances(Tensor input, boolean useInputStats) {
        if (input.dim() < 3) {
            throw new IllegalArgumentException("instance_norm: expected an input [N, C, ...] of at least 3 dimensions, "
                    + "got " + java.util.Arrays.toString(input.shape()));
        }
        if (useInputStats && input.numel() > 0 && input.numel() == input.size(0) * input.size(1)) {
            throw new IllegalArgumentException("instance_norm: Expected more than 1 spatial element when training, "
                    + "got input size " + java.util.Arrays.toString(input.shape()));
        }
    }

    /**
     * F.instance_norm's full form: with {@code useInputStats} each instance is normalized by its own statistics and the
     * running ones (if given) move toward the batch's average of them by momentum (the variance unbiased); without,
     * every instance is normalized by the running statistics. Computed as PyTorch computes it, as batch norm over the
     * N C instances with the running statistics repeated, then averaged back over the batch.
     */
    public static Tensor instanceNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                      boolean useInputStats, float momentum, float eps) {
        if (!useInputStats && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException("instance_norm: Expected running_mean and running_var to be defined "
                    + "when use_input_stats is false");
        }
        if (runningMean == null && runningVar == null) {
            return instanceNorm(input, weight, bias, eps);
        }
        checkInstances(input, useInputStats);
        int b = input.size(0), c = input.size(1);
        int[] shape = input.shape();
        shape[0] = 1;
        shape[1] = b * c;
        Tensor mean = runningMean == null ? null : runningMean.repeat(b);
        Tensor var = runningVar == null ? null : runningVar.repeat(b);
        Tensor out = batchNorm(input.contiguous().reshape(shape), mean, var, weight == null ? null : weight.repeat(b),
                bias == null ? null : bias.repeat(b), useInputStats, momentum, eps);
        try (var noGrad = dev.vgrad.autograd.GradMode.noGrad()) {
            if (runningMean != null) {
                runningMean.copy_(mean.reshape(b, c).mean(0, false));
            }
            if (runningVar != null) {
                runningVar.copy_(var.reshape(b, c).mean(0, false));
            }
        }
        return out.reshape(input.shape());
    }

    /**
     * Max pooling of [N, C, H, W] (or [C, H, W]) to [.., h, w] over adaptive windows: cell (i, j) covers rows
     * floor(i H / h) to ceil((i + 1) H / h), columns likewise (F.adaptive_max_pool2d); the gradient goes to each
     * window's maximum.
     */
    public static Tensor adaptiveMaxPool2d(Tensor input, int[] outputSize) {
        return Pooling.adaptiveMaxPool2d(input, outputSize);
    }

    /** {@link #adaptiveMaxPool2d} of [N, C, L] (or [C, L]) over a height of 1 (F.adaptive_max_pool1d). */
    public static Tensor adaptiveMaxPool1d(Tensor input, int outputSize) {
        return Pooling.adaptiveMaxPool1d(input, outputSize);
    }

    /**
     * {@code y[.., o] = x1 weight[o] x2 + bias[o]} for x1 [*, in1], x2 [*, in2] with the same leading dimensions,
     * weight [out, in1, in2] and bias [out] or null (F.bilinear).
     */
    public static Tensor bilinear(Tensor x1, Tensor x2, Tensor weight, Tensor bias) {
        if (weight.dim() != 3 || x1.dim() < 1 || x1.size(-1) != weight.size(1) || x2.size(-1) != weight.size(2)
                || !java.util.Arrays.equals(java.util.Arrays.copyOf(x1.shape(), x1.dim() - 1),
                        java.util.Arrays.copyOf(x2.shape(), Math.max(0, x2.dim() - 1)))) {
            throw new IllegalArgumentException("bilinear: expected x1 [*, in1], x2 [*, in2] with the same leading "
                    + "dimensions and weight [out, in1, in2], got " + java.util.Arrays.toString(x1.shape()) + ", "
                    + java.util.Arrays.toString(x2.shape()) + " and " + java.util.Arrays.toString(weight.shape()));
        }
        int in1 = weight.size(1), in2 = weight.size(2);
        Tensor y = Tensor.einsum("bi,oij,bj->bo", x1.reshape(-1, in1), weight, x2.reshape(-1, in2));
        if (bias != null) {
            y = y.add(bias);
        }
        int[] shape = x1.shape();
        shape[shape.length - 1] = weight.size(0);
        return y.reshape(shape);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Loss;
import dev.vgrad.Tensor;

/** The functional forms of the layers and losses ({@code torch.nn.functional}). Losses reduce by mean. */
public final class Functional {
    private Functional() {}

    /** {@code x W^T + b}: one fused GEMM for a 2-D input, matmul and add otherwise. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (x.dim() == 2 && weight.dim() == 2) {
            return Tensor.linear(x, weight, bias);
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
}

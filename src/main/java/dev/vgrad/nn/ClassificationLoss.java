package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Cross entropy with ignored targets and label smoothing, and the reductions the composed losses share. */
final class ClassificationLoss {
    private ClassificationLoss() {}

    static Tensor crossEntropy(Tensor logits, Tensor target, String reduction, int ignoreIndex, float labelSmoothing) {
        if (logits.dim() != 2 || target.dim() != 1 || target.size(0) != logits.size(0)) {
            throw new IllegalArgumentException("cross_entropy: expected logits [N, C] and class indices [N], got "
                    + java.util.Arrays.toString(logits.shape()) + " and " + java.util.Arrays.toString(target.shape()));
        }
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
        }
        int classes = logits.size(1);
        float[] t = target.toArray();
        for (int i = 0; i < t.length; i++) {
            if (t[i] != ignoreIndex && (t[i] != Math.rint(t[i]) || t[i] < 0 || t[i] >= classes)) {
                throw new IllegalArgumentException("cross_entropy: target " + t[i] + " at position " + i
                        + " is not a class index in [0, " + classes + ") nor the ignore_index " + ignoreIndex);
            }
        }
        Tensor valid = target.ne((float) ignoreIndex);
        Tensor safe = Tensor.where(valid, target, Tensor.zeros());
        Tensor logp = logits.logSoftmax(1);
        Tensor loss = logp.gather(1, safe.unsqueeze(1)).squeeze(1).neg();
        if (labelSmoothing > 0f) {
            loss = loss.mul(1f - labelSmoothing).add(logp.mean(1, false).neg().mul(labelSmoothing));
        }
        loss = Tensor.where(valid, loss, Tensor.zeros());
        if (Criterion.parse(reduction) == dev.vgrad.Loss.Reduction.MEAN) {
            return loss.sum().div(valid.sum());   // the mean over the targets not ignored
        }
        return reduce(loss, reduction);
    }

    /** PyTorch's reduction keyword applied, checked by the one parser every loss uses ({@link Criterion#parse}). */
    static Tensor reduce(Tensor loss, String reduction) {
        return switch (Criterion.parse(reduction)) {
            case MEAN -> loss.mean();
            case SUM -> loss.sum();
            case NONE -> loss;
        };
    }
}

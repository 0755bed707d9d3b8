package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Cross entropy with ignored targets and label smoothing, and the reductions the composed losses share. */
final class ClassificationLoss {
    private ClassificationLoss() {}

    static Tensor crossEntropy(Tensor logits, Tensor target, String reduction, int ignoreIndex, float labelSmoothing) {
        return crossEntropy(logits, target, null, reduction, ignoreIndex, labelSmoothing);
    }

    /**
     * Cross entropy with optional class weights, as PyTorch 1.13 computes it: each sample's term scaled by its class's
     * weight (the smoothing term by every class's), and the mean divided by the weights of the targets not ignored.
     */
    static Tensor crossEntropy(Tensor logits, Tensor target, Tensor weight, String reduction, int ignoreIndex,
                               float labelSmoothing) {
        if (logits.dim() >= 1 && java.util.Arrays.equals(logits.shape(), target.shape())) {
            return probabilityTargets(logits, target, weight, reduction, labelSmoothing);
        }
        if (logits.dim() > 2) {   // [N, C, d1, ...] against [N, d1, ...]: each position a row
            int[] expected = new int[logits.dim() - 1];
            expected[0] = logits.size(0);
            System.arraycopy(logits.shape(), 2, expected, 1, expected.length - 1);
            if (!java.util.Arrays.equals(target.shape(), expected)) {
                throw new IllegalArgumentException("cross_entropy: expected class indices "
                        + java.util.Arrays.toString(expected) + " for logits " + java.util.Arrays.toString(
                        logits.shape()) + ", got " + java.util.Arrays.toString(target.shape()));
            }
            Tensor loss = crossEntropy(logits.movedim(1, -1).reshape(-1, logits.size(1)), target.reshape(-1), weight,
                    reduction, ignoreIndex, labelSmoothing);
            return Criterion.parse(reduction) == dev.vgrad.Loss.Reduction.NONE ? loss.reshape(target.shape()) : loss;
        }
        if (logits.dim() != 2 || target.dim() != 1 || target.size(0) != logits.size(0)) {
            throw new IllegalArgumentException("cross_entropy: expected logits [N, C] and class indices [N], got "
                    + java.util.Arrays.toString(logits.shape()) + " and " + java.util.Arrays.toString(target.shape()));
        }
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
        }
        int classes = logits.size(1);
        if (weight != null && (weight.dim() != 1 || weight.size(0) != classes)) {
            throw new IllegalArgumentException("weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight tensor of shape: "
                    + java.util.Arrays.toString(weight.shape()));
        }
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
        Tensor targetWeight = weight == null ? null : weight.indexSelect(0, safe);
        if (weight != null) {
            loss = loss.mul(targetWeight);
        }
        if (labelSmoothing > 0f) {
            Tensor smooth = weight == null ? logp.mean(1, false).neg()
                    : logp.mul(weight).sum(1, false).neg().div(classes);
            loss = loss.mul(1f - labelSmoothing).add(smooth.mul(labelSmoothing));
        }
        loss = Tensor.where(valid, loss, Tensor.zeros());
        if (Criterion.parse(reduction) == dev.vgrad.Loss.Reduction.MEAN) {
            // the mean over the targets not ignored, each counted with its class's weight
            Tensor counted = weight == null ? valid : Tensor.where(valid, targetWeight, Tensor.zeros());
            return loss.sum().div(counted.sum());
        }
        return reduce(loss, reduction);
    }

    /** PyTorch's reduction keyword applied, checked by the one parser every loss uses ({@link Criterion#parse}). */
    /**
     * Cross entropy against class probabilities of the input's shape, as PyTorch 1.13: the target smoothed toward
     * uniform by labelSmoothing, each class's term scaled by its weight, and "mean" over the positions (the weights
     * do not divide it). ignore_index has no meaning here.
     */
    private static Tensor probabilityTargets(Tensor logits, Tensor target, Tensor weight, String reduction,
                                             float labelSmoothing) {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
        }
        int classDim = logits.dim() == 1 ? 0 : 1, classes = logits.size(classDim);
        if (weight != null && (weight.dim() != 1 || weight.size(0) != classes)) {
            throw new IllegalArgumentException("weight tensor should be defined either for all " + classes
                    + " classes or no classes but got weight tensor of shape: "
                    + java.util.Arrays.toString(weight.shape()));
        }
        Tensor t = labelSmoothing > 0f ? target.mul(1f - labelSmoothing).add(labelSmoothing / classes) : target;
        Tensor terms = t.mul(logits.logSoftmax(classDim));
        if (weight != null) {
            int[] along = new int[logits.dim()];
            java.util.Arrays.fill(along, 1);
            along[classDim] = classes;
            terms = terms.mul(weight.reshape(along));
        }
        return reduce(terms.sum(classDim, false).neg(), reduction);
    }

    static Tensor reduce(Tensor loss, String reduction) {
        return switch (Criterion.parse(reduction)) {
            case MEAN -> loss.mean();
            case SUM -> loss.sum();
            case NONE -> loss;
        };
    }

    /**
     * Binary cross entropy of logits with optional per-element weights and per-class positive weights (broadcast
     * against the input), in PyTorch's stable form: {@code (1 - t) x + (1 + (pw - 1) t)(log(e^-m + e^(-x-m)) + m)}
     * with {@code m = max(-x, 0)}, times weight.
     */
    static Tensor binaryCrossEntropyWithLogits(Tensor x, Tensor t, Tensor weight, Tensor posWeight, String reduction) {
        if (!java.util.Arrays.equals(x.shape(), t.shape())) {
            throw new IllegalArgumentException("Target size (" + java.util.Arrays.toString(t.shape())
                    + ") must be the same as input size (" + java.util.Arrays.toString(x.shape()) + ")");
        }
        if (weight != null) {
            Tensor.broadcastShapes("binary_cross_entropy_with_logits (weight)", weight.shape(), x.shape());
        }
        if (posWeight != null) {
            Tensor.broadcastShapes("binary_cross_entropy_with_logits (pos_weight)", posWeight.shape(), x.shape());
        }
        Tensor m = x.neg().clampMin(0f);
        Tensor softplusOfMinusX = m.neg().exp().add(x.neg().sub(m).exp()).log().add(m);
        Tensor scale = posWeight == null ? null : posWeight.sub(1f).mul(t).add(1f);
        Tensor loss = t.rsub(1f).mul(x).add(scale == null ? softplusOfMinusX : scale.mul(softplusOfMinusX));
        return reduce(weight == null ? loss : loss.mul(weight), reduction);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The margin losses of a two-class or many-class target given as +-1 or class indices: soft margin, multi-label soft
 * margin, hinge embedding and multi-class margin, each composed of recorded ops as PyTorch 1.13 composes or defines
 * it, so every gradient (and higher ones) comes from autograd.
 */
final class MarginLosses {
    private MarginLosses() {}

    /** {@code log(1 + e^(-y x))} (F.soft_margin_loss), through softplus so a large {@code -y x} does not overflow. */
    static Tensor softMargin(Tensor input, Tensor target, String reduction) {
        Tensor.broadcastShapes("soft_margin_loss", input.shape(), target.shape());
        return ClassificationLoss.reduce(Functional.softplus(input.mul(target).neg()), reduction);
    }

    /**
     * {@code -(y logsigmoid(x) + (1 - y) logsigmoid(-x))} times the class weights if any, averaged over the classes
     * (the last dimension), then reduced over the samples (F.multilabel_soft_margin_loss).
     */
    static Tensor multilabelSoftMargin(Tensor input, Tensor target, Tensor weight, String reduction) {
        if (input.dim() == 0 || !java.util.Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("multilabel_soft_margin_loss: expected input and target of one shape "
                    + "[N, C] or [C], got " + java.util.Arrays.toString(input.shape()) + " and "
                    + java.util.Arrays.toString(target.shape()));
        }
        Tensor loss = target.mul(Functional.logsigmoid(input)).add(target.rsub(1f).mul(Functional.logsigmoid(input.neg())))
                .neg();
        if (weight != null) {
            loss = loss.mul(weight);
        }
        int classes = input.size(-1);
        return ClassificationLoss.reduce(loss.sum(-1, false).div(classes), reduction);
    }

    /**
     * x where y is 1, {@code max(0, margin - x)} where y is -1 (both where y is neither, as PyTorch's formula adds the
     * two masked terms) (F.hinge_embedding_loss).
     */
    static Tensor hingeEmbedding(Tensor input, Tensor target, float margin, String reduction) {
        Tensor.broadcastShapes("hinge_embedding_loss", input.shape(), target.shape());
        Tensor zeros = Tensor.zeros();
        Tensor belowMargin = Tensor.where(target.ne(1f), input.rsub(margin).clampMin(0f), zeros);
        Tensor self = Tensor.where(target.ne(-1f), input, zeros);
        return ClassificationLoss.reduce(belowMargin.add(self), reduction);
    }

    /**
     * {@code sum over i != y of max(0, margin - x[y] + x[i])^p / C} per sample, each term times {@code weight[y]} if
     * given (F.multi_margin_loss, p 1 or 2). A term exactly at 0 passes no gradient, as PyTorch's kernel (z > 0).
     */
    static Tensor multiMargin(Tensor input, Tensor target, int p, float margin, Tensor weight, String reduction) {
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("multi_margin_loss: only p == 1 and p == 2 supported, got " + p);
        }
        boolean single = input.dim() == 1;
        Tensor x = single ? input.unsqueeze(0) : input;
        Tensor y = single && target.dim() == 0 ? target.unsqueeze(0) : target;
        if (x.dim() != 2 || y.dim() != 1 || y.size(0) != x.size(0)) {
            throw new IllegalArgumentException("multi_margin_loss: expected input [N, C] (or [C]) and class indices [N], "
                    + "got " + java.util.Arrays.toString(input.shape()) + " and "
                    + java.util.Arrays.toString(target.shape()));
        }
        int classes = x.size(1);
        Tensor picked = y.unsqueeze(1);
        Tensor z = x.sub(x.gather(1, picked)).add(margin).relu();
        if (p == 2) {
            z = z.mul(z);
        }
        if (weight != null) {
            z = z.mul(weight.indexSelect(0, y).unsqueeze(1));
        }
        Tensor others = Functional.oneHot(y, classes).rsub(1f);
        Tensor loss = z.mul(others).sum(1, false).div(classes);
        return ClassificationLoss.reduce(single && target.dim() == 0 ? loss.squeeze(0) : loss, reduction);
    }

    /**
     * F.multilabel_margin_loss: for each sample, target holds its classes (indices) up to the first -1; every such
     * class j against every class i not among them adds {@code max(0, 1 - (x[j] - x[i]))}, divided by C (a class
     * listed twice counts twice, as in PyTorch's kernel).
     */
    static Tensor multilabelMargin(Tensor input, Tensor target, String reduction) {
        boolean single = input.dim() <= 1;
        Tensor x = input.dim() == 0 ? input.reshape(1, 1) : single ? input.unsqueeze(0) : input;
        Tensor t = target.dim() == 0 ? target.reshape(1, 1) : single ? target.unsqueeze(0) : target;
        if (x.dim() != 2 || !java.util.Arrays.equals(x.shape(), t.shape())) {
            throw new IllegalArgumentException("multilabel_margin_loss: expected input [N, C] (or [C]) and a target of "
                    + "its shape, got " + java.util.Arrays.toString(input.shape()) + " and "
                    + java.util.Arrays.toString(target.shape()));
        }
        int n = x.size(0), classes = x.size(1);
        float[] labels = t.contiguous().toArray();
        float[] slot = new float[n * classes], listed = new float[n * classes], isTarget = new float[n * classes];
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < classes; k++) {
                float v = labels[b * classes + k];
                if (v == -1) {
                    break;
                }
                if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                    throw new IllegalArgumentException("multilabel_margin_loss: target " + v + " at position [" + b
                            + ", " + k + "] is neither a class in [0, " + (classes - 1) + "] nor the -1 that ends "
                            + "the list");
                }
                slot[b * classes + k] = v;
                listed[b * classes + k] = 1f;
                isTarget[b * classes + (int) v] = 1f;
            }
        }
        Tensor picked = x.gather(1, Tensor.of(slot, n, classes));            // [N, C]: x at each listed class
        Tensor hinge = x.unsqueeze(1).sub(picked.unsqueeze(2)).add(1f).relu(); // [N, slot, class]
        Tensor counted = Tensor.of(listed, n, classes, 1).mul(Tensor.of(isTarget, n, 1, classes).rsub(1f));
        Tensor loss = hinge.mul(counted).sum(new int[] {1, 2}, false).div(classes);
        return ClassificationLoss.reduce(input.dim() <= 1 ? loss.squeeze(0) : loss, reduction);
    }
}

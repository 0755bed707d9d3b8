package dev.vgrad.nn;

import dev.vgrad.CtcAlignment;
import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * {@code torch.nn.functional.ctc_loss}'s arguments checked and read (the labels of each sequence from padded or
 * one-after-another targets), the per-sequence loss from {@link CtcAlignment}, and PyTorch's reductions.
 */
final class Ctc {
    private Ctc() {}

    static Tensor loss(Tensor logProbs, Tensor targets, int[] inputLengths, int[] targetLengths, int blank,
                       String reduction, boolean zeroInfinity) {
        dev.vgrad.Loss.Reduction how = Criterion.parse(reduction);
        boolean batched = logProbs.dim() == 3;
        if (!batched && logProbs.dim() != 2) {
            throw new IllegalArgumentException("ctc_loss: log_probs must be [T, N, C] or unbatched [T, C], got "
                    + Arrays.toString(logProbs.shape()));
        }
        if (!batched && targets.dim() != 1) {
            throw new IllegalArgumentException("ctc_loss: unbatched log_probs " + Arrays.toString(logProbs.shape())
                    + " take a 1-D target, got " + Arrays.toString(targets.shape()));
        }
        Tensor lp = batched ? logProbs : logProbs.unsqueeze(1);
        int frames = lp.size(0), n = lp.size(1), classes = lp.size(2);
        if (blank < 0 || blank >= classes) {
            throw new IllegalArgumentException("ctc_loss: blank " + blank + " must be a class of log_probs "
                    + Arrays.toString(logProbs.shape()) + " (0 to " + (classes - 1) + ")");
        }
        checkLengths("input_lengths", inputLengths, n, 1, frames, logProbs);
        checkLengths("target_lengths", targetLengths, n, 0, Integer.MAX_VALUE, logProbs);
        int[][] labels = labels(targets, batched, targetLengths, n, classes, blank);
        Tensor loss = CtcAlignment.negativeLogLikelihood(lp, labels, inputLengths, blank, zeroInfinity);
        return switch (how) {
            case MEAN -> {
                float[] lengths = new float[n];
                for (int b = 0; b < n; b++) {
                    lengths[b] = Math.max(targetLengths[b], 1);
                }
                yield loss.div(Tensor.of(lengths)).mean();
            }
            case SUM -> loss.sum();
            case NONE -> batched ? loss : loss.squeeze(0);
        };
    }

    private static void checkLengths(String what, int[] lengths, int n, int min, int max, Tensor logProbs) {
        if (lengths.length != n) {
            throw new IllegalArgumentException("ctc_loss: " + what + " must have one length per sequence (" + n
                    + " for log_probs " + Arrays.toString(logProbs.shape()) + "), got " + lengths.length);
        }
        for (int b = 0; b < n; b++) {
            if (lengths[b] < min || lengths[b] > max) {
                throw new IllegalArgumentException("ctc_loss: " + what + "[" + b + "] = " + lengths[b]
                        + " is out of range [" + min + ", " + (max == Integer.MAX_VALUE ? "inf" : max)
                        + "] for log_probs " + Arrays.toString(logProbs.shape()));
            }
        }
    }

    /**
     * Each sequence's labels: from a padded [N, S] target (the first target_lengths[n] of row n) or from one 1-D
     * target holding the sequences one after another. Every label is an integer class other than the blank.
     */
    private static int[][] labels(Tensor targets, boolean batched, int[] targetLengths, int n, int classes,
                                  int blank) {
        float[] values = targets.contiguous().toArray();
        boolean padded = batched && targets.dim() == 2;
        if (batched && !padded && targets.dim() != 1) {
            throw new IllegalArgumentException("ctc_loss: targets must be [N, S] or the sequences one after another "
                    + "in 1-D, got " + Arrays.toString(targets.shape()));
        }
        if (padded && targets.size(0) != n) {
            throw new IllegalArgumentException("ctc_loss: targets " + Arrays.toString(targets.shape()) + " must have "
                    + n + " rows, one per sequence");
        }
        long total = 0;
        for (int length : targetLengths) {
            total += length;
        }
        int width = padded ? targets.size(1) : 0;
        if (!padded && total != values.length) {
            throw new IllegalArgumentException("ctc_loss: target_lengths add up to " + total + " but the 1-D targets "
                    + "hold " + values.length);
        }
        int[][] labels = new int[n][];
        int offset = 0;
        for (int b = 0; b < n; b++) {
            if (padded && targetLengths[b] > width) {
                throw new IllegalArgumentException("ctc_loss: target_lengths[" + b + "] = " + targetLengths[b]
                        + " is longer than the targets' rows " + Arrays.toString(targets.shape()));
            }
            labels[b] = new int[targetLengths[b]];
            int base = padded ? b * width : offset;
            for (int k = 0; k < targetLengths[b]; k++) {
                float v = values[base + k];
                if (!(v >= 0 && v < classes && v == Math.rint(v)) || v == blank) {
                    throw new IllegalArgumentException("ctc_loss: target " + v + " at position "
                            + (padded ? "[" + b + ", " + k + "]" : "[" + (base + k) + "]")
                            + " must be an integer class in [0, " + (classes - 1) + "] other than the blank " + blank);
                }
                labels[b][k] = (int) v;
            }
            offset += targetLengths[b];
        }
        return labels;
    }
}

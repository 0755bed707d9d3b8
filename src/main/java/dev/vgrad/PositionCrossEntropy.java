package dev.vgrad;

import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.SoftmaxRows;
import dev.vgrad.kernels.UnaryOp;

/**
 * Cross entropy of logits, or NLL of log-probabilities, [N, C, d1, ...] against class indices [N, d1, ...] (a loss per
 * position, as segmentation trains) computed where the input lies: a position's classes are C floats d1 * ... apart,
 * and a vector's width of positions lie side by side ({@link SoftmaxRows#columns}); cross entropy for fewer than
 * {@link SoftmaxRows#SHORT_ROW} classes, with vectors, NLL for any. Moving the class dimension last first (a copy),
 * taking rows and moving the gradient back (a second copy) made [16, 10, 64, 64] cost 4.3 ms forward against PyTorch
 * 1.13's 0.86 (one Intel Xeon thread). Each position's loss and gradient are the bits {@link Loss#crossEntropy} and
 * {@link Loss#nllLoss} give the same classes as a row of [N * d1 * ..., C].
 */
final class PositionCrossEntropy {
    private PositionCrossEntropy() {}

    /**
     * Whether {@link #forward} takes an input of this shape: NLL any, cross entropy C below the short-row length,
     * with vectors.
     */
    static boolean takes(int[] shape, boolean fromLogits) {
        return shape.length > 2 && (!fromLogits || SoftmaxRows.takesColumns(shape[1]));
    }

    /**
     * Cross entropy ({@code fromLogits}) or NLL of {@code input} [N, C, d1, ...] against {@code target} [N, d1, ...]
     * (its shape checked by the caller), with grad_fn NllLossBackward0. Nothing is computed when a target is not a
     * class index.
     */
    static Tensor forward(Tensor input, Tensor target, Loss.Reduction reduction, boolean fromLogits, String op) {
        int n = input.shape[0], c = input.shape[1], positions = Shapes.sizeAfter(input.shape, 1);
        int count = n * positions;
        Tensor t = Loss.wholeClassIndices(target, count, c, op);
        float[] ta = t.array();
        Tensor x = Compute.dense(input);
        Tensor perPosition = reduction == Loss.Reduction.NONE ? Tensor.empty(target.shape, "nll_loss") : null;
        if (!fromLogits) {
            return nll(input, x, t, perPosition, reduction, n, c, positions);
        }
        Tensor probs = Tensor.empty(input.shape, "cross_entropy");
        float[] xa = x.array(), pa = probs.array();
        int xo = x.offset, po = probs.offset, to = t.offset;
        // Split by images: each position's loss comes from one part, then the sum runs in position order here, so
        // the bits are the same on any number of threads.
        // a position's work as a short row's
        int parts = Math.min(n, Parallel.partsFor((long) count * (c + Loss.SHORT_ROW_WORK)));
        double total = 0;
        if (parts > 1) {
            Tensor losses = perPosition != null ? perPosition : Tensor.empty(Shapes.of(count), "nll_loss");
            float[] la = losses.array();
            int lo = losses.offset;
            Parallel.forRanges(n, parts, (from, until) -> SoftmaxRows.crossEntropyColumns(from, until, c, positions,
                    xa, xo, ta, to, pa, po, la, lo));
            if (perPosition == null) {
                for (int i = 0; i < count; i++) {
                    total += la[lo + i];
                }
            }
        } else {
            total = SoftmaxRows.crossEntropyColumns(0, n, c, positions, xa, xo, ta, to, pa, po,
                    perPosition != null ? perPosition.array() : null, perPosition != null ? perPosition.offset : 0);
        }
        return output(input, t, perPosition, total, reduction, probs);
    }

    /**
     * The loss's output from its per-position losses or their total, with its backward node where the input
     * records: cross entropy's gradient from the softmax {@code probs}, or NLL's where probs is null.
     */
    private static Tensor output(Tensor input, Tensor t, Tensor perPosition, double total, Loss.Reduction reduction,
                                 Tensor probs) {
        int n = input.shape[0], c = input.shape[1], positions = Shapes.sizeAfter(input.shape, 1);
        Tensor out = ClassificationNode.output(perPosition, total, n * positions, reduction);
        if (Graph.recording(input)) {
            out.setGradFn(new ClassificationNode(input, t, n * positions, c) {
                @Override
                Tensor recorded(Tensor x, Tensor targets, Tensor g) {
                    return composedGrad(x, targets, g, reduction, probs != null);
                }

                @Override
                Tensor gradient(Tensor targets, Tensor g) {
                    return probs != null ? PositionCrossEntropy.gradient(probs, targets, g, reduction, n, c, positions)
                            : nllGradient(input.shape, targets, g, reduction, n, c, positions);
                }
            });
        }
        return out;
    }

    /**
     * {@code (softmax - onehot) * s} in the logits' layout, s the incoming gradient scaled by the reduction (one value,
     * or one a position for none): each element {@code p * s}, the target's {@code (p - 1) * s}, as the rows' rule.
     */
    private static Tensor gradient(Tensor probs, Tensor targets, Tensor g, Loss.Reduction reduction, int n, int c,
                                   int positions) {
        Tensor grad = Tensor.empty(probs.shape, "nll_loss_backward");
        float[] pa = probs.array(), ga = grad.array(), ta = targets.array();
        int po = probs.offset, go = grad.offset, to = targets.offset;
        Tensor gc = Compute.dense(g);
        float[] gs = gc.array();
        if (reduction != Loss.Reduction.NONE) {
            float scale = reduction == Loss.Reduction.MEAN ? gs[gc.offset] / (n * positions) : gs[gc.offset];
            Elementwise.unary(UnaryOp.MUL_SCALAR, scale, 0f, n * c * positions, pa, po, 1, ga, go, 1);
            for (int b = 0; b < n; b++) {
                for (int q = 0; q < positions; q++) {
                    int at = (b * c + (int) ta[to + b * positions + q]) * positions + q;
                    ga[go + at] = (pa[po + at] - 1f) * scale;
                }
            }
            return grad;
        }
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < positions; q++) {
                float s = gs[gc.offset + b * positions + q];
                int target = (int) ta[to + b * positions + q];
                for (int k = 0; k < c; k++) {
                    int at = (b * c + k) * positions + q;
                    ga[go + at] = (k == target ? pa[po + at] - 1f : pa[po + at]) * s;
                }
            }
        }
        return grad;
    }

    /**
     * NLL: each position's loss {@code -x[target]}, summed in position order or kept ({@code perPosition}); its
     * gradient {@code -s} at the target and zero elsewhere, as the rows' rule.
     */
    private static Tensor nll(Tensor input, Tensor x, Tensor t, Tensor perPosition, Loss.Reduction reduction, int n,
                              int c, int positions) {
        float[] xa = x.array(), ta = t.array();
        double total = 0;
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < positions; q++) {
                int at = b * positions + q;
                float loss = -xa[x.offset + (b * c + (int) ta[t.offset + at]) * positions + q];
                if (perPosition != null) {
                    perPosition.array()[perPosition.offset + at] = loss;
                } else {
                    total += loss;
                }
            }
        }
        return output(input, t, perPosition, total, reduction, null);
    }

    /** NLL's gradient: {@code -s} at each position's target, zero elsewhere, s as in {@link #gradient}. */
    private static Tensor nllGradient(int[] shape, Tensor targets, Tensor g, Loss.Reduction reduction, int n, int c,
                                      int positions) {
        Tensor grad = Tensor.zerosOf(shape, "nll_loss_backward");
        float[] ga = grad.array(), tg = targets.array();
        Tensor gc = Compute.dense(g);
        float[] gs = gc.array();
        float scale = reduction == Loss.Reduction.MEAN ? gs[gc.offset] / (n * positions) : gs[gc.offset];
        for (int b = 0; b < n; b++) {
            for (int q = 0; q < positions; q++) {
                int at = b * positions + q;
                float s = reduction == Loss.Reduction.NONE ? gs[gc.offset + at] : scale;
                ga[grad.offset + (b * c + (int) tg[targets.offset + at]) * positions + q] = -s;
            }
        }
        return grad;
    }

    /** The gradient as recorded ops (createGraph): the rows' rule on the classes moved last, moved back. */
    private static Tensor composedGrad(Tensor input, Tensor targets, Tensor g, Loss.Reduction reduction,
                                       boolean fromLogits) {
        Tensor moved = input.movedim(1, -1);
        int c = input.shape[1];
        Tensor rows = moved.reshape(-1, c);
        Tensor perRow = reduction == Loss.Reduction.NONE ? g.reshape(-1) : g;
        return Loss.composedGrad(rows, targets.reshape(-1), perRow, reduction, fromLogits).reshape(moved.shape)
                .movedim(-1, 1);
    }
}

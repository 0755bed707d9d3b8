package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.SoftmaxRows;
import dev.vgrad.kernels.UnaryOp;
import java.util.Arrays;

/**
 * Loss functions fused into one forward pass and one backward node each, as PyTorch's own kernels are:
 * cross entropy is log-softmax and NLL in one pass over each row, BCE-with-logits is the stable
 * {@code max(x,0) - x*t + log(1 + e^-|x|)}. {@code dev.vgrad.nn} wraps these as modules and functions.
 * Class indices are given as a float tensor holding whole numbers (or as an int array).
 */
public final class Loss {
    /** How per-element losses are combined, as PyTorch's {@code reduction=} argument. */
    public enum Reduction {
        /** one loss per element (or per sample) */
        NONE,
        /** their mean */
        MEAN,
        /** their sum */
        SUM
    }

    private Loss() {}

    /**
     * Cross entropy of {@code logits} ([N, C], or [C] for one sample) against class indices {@code target} ([N],
     * or 0-d): {@code logsumexp(x_i) - x_i[t_i]}, with grad_fn NllLossBackward0. Also, as PyTorch: [N, C, d1, ...]
     * against indices [N, d1, ...] (a loss per position), and a target of the input's own shape read as class
     * probabilities.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Reduction reduction) {
        if (logits.dim() >= 1 && Arrays.equals(logits.shape, target.shape)) {
            return probabilityTargets(logits, target, reduction);
        }
        if (logits.dim() > 2) {
            return perPosition(logits, target, reduction, true, "cross_entropy");
        }
        return classification(logits, classIndices(logits, target, "cross_entropy"), reduction, true);
    }

    /**
     * Cross entropy against class probabilities (a target of the input's shape, as PyTorch reads a floating target):
     * {@code -sum over C of target * log_softmax(logits)} at each position; "mean" averages over the positions.
     */
    private static Tensor probabilityTargets(Tensor logits, Tensor target, Reduction reduction) {
        int classDim = logits.dim() == 1 ? 0 : 1;
        Tensor loss = target.mul(logits.logSoftmax(classDim)).sum(classDim, false).neg();
        return switch (reduction) {
            case MEAN -> loss.mean();
            case SUM -> loss.sum();
            case NONE -> loss;
        };
    }

    /**
     * Cross entropy or NLL of [N, C, d1, ..., dk] against class indices [N, d1, ..., dk] (segmentation, a loss per
     * token): the classes moved last and the positions taken as rows, "none" giving the targets' shape back.
     */
    private static Tensor perPosition(Tensor input, Tensor target, Reduction reduction, boolean fromLogits, String op) {
        int[] expected = new int[input.dim() - 1];
        expected[0] = input.shape[0];
        System.arraycopy(input.shape, 2, expected, 1, expected.length - 1);
        if (!Arrays.equals(target.shape, expected)) {
            throw new IllegalArgumentException(op + ": expected target of shape " + Shapes.str(expected)
                    + " (class indices) for input of shape " + Shapes.str(input.shape) + ", got target of shape "
                    + Shapes.str(target.shape));
        }
        if (PositionCrossEntropy.takes(input.shape, fromLogits)) {
            return PositionCrossEntropy.forward(input, target, reduction, fromLogits, op);
        }
        Tensor rows = input.movedim(1, -1).reshape(-1, input.shape[1]);
        Tensor flat = target.reshape(-1);
        Tensor loss = classification(rows, classIndices(rows, flat, op), reduction, fromLogits);
        return reduction == Reduction.NONE ? loss.reshape(target.shape) : loss;
    }

    /** {@link #crossEntropy(Tensor, Tensor, Reduction)} with the class indices as ints. */
    public static Tensor crossEntropy(Tensor logits, int[] target, Reduction reduction) {
        return crossEntropy(logits, indexTensor(logits, target), reduction);
    }

    /**
     * Negative log likelihood of log-probabilities ([N, C] or [C], or [N, C, d1, ...] against [N, d1, ...]) at class
     * indices: {@code -x_i[t_i]}.
     */
    public static Tensor nllLoss(Tensor logProbs, Tensor target, Reduction reduction) {
        if (logProbs.dim() > 2) {
            return perPosition(logProbs, target, reduction, false, "nll_loss");
        }
        return classification(logProbs, classIndices(logProbs, target, "nll_loss"), reduction, false);
    }

    private static Tensor indexTensor(Tensor logits, int[] target) {
        float[] t = new float[target.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = target[i];
        }
        return logits.dim() == 1 && t.length == 1 ? Tensor.scalar(t[0]) : Tensor.of(t);
    }

    /**
     * Validates target against input ([N, C] or [C]) and returns it as a contiguous tensor of whole class indices;
     * nothing is computed on error.
     */
    private static Tensor classIndices(Tensor input, Tensor target, String op) {
        if (input.dim() != 1 && input.dim() != 2) {
            throw new IllegalArgumentException(op + ": expected input of shape [N, C], [C] or [N, C, d1, ...], got "
                    + Shapes.str(input.shape));
        }
        int n = input.dim() == 2 ? input.shape[0] : 1;
        int c = input.shape[input.dim() - 1];
        int[] expected = input.dim() == 2 ? Shapes.of(n) : Shapes.SCALAR;
        if (!Arrays.equals(target.shape, expected)) {
            throw new IllegalArgumentException(op + ": expected target of shape " + Shapes.str(expected)
                    + " (class indices) for input of shape " + Shapes.str(input.shape) + ", got target of shape "
                    + Shapes.str(target.shape));
        }
        return wholeClassIndices(target, n, c, op);
    }

    /**
     * The {@code count} targets as a contiguous tensor, each checked to be a whole class index in [0, c): an
     * IllegalArgumentException naming the first that is not, and its sample, before anything is computed.
     */
    static Tensor wholeClassIndices(Tensor target, int count, int c, String op) {
        Tensor t = Compute.dense(target);
        float[] ta = t.array();
        for (int i = 0; i < count; i++) {
            float v = ta[t.offset + i];
            if (v != Math.rint(v) || v < 0 || v >= c) {
                throw new IllegalArgumentException(op + ": Target " + v + " is out of bounds: class indices must be "
                        + "whole numbers in [0, " + c + ") (sample " + i + ")");
            }
        }
        return t;
    }

    /**
     * In a backward rule, the saved contiguous targets checked again: they were class indices when the loss ran, so
     * only a write that bypassed the version counter (through sharedArray) fails here, with an IllegalStateException
     * naming the target and its sample rather than an index out of bounds.
     */
    static void recheckClassIndices(Tensor t, int count, int c) {
        float[] ta = t.array();
        for (int i = 0; i < count; i++) {
            int target = (int) ta[t.offset + i];
            if (target < 0 || target >= c) {
                throw new IllegalStateException("nll_loss backward: target " + ta[t.offset + i] + " of sample " + i
                        + " is no longer a class index in [0, " + c + ")");
            }
        }
    }

    /**
     * Cross entropy (fromLogits) or NLL over the rows of input, one pass per row. Per-sample values go straight into
     * the output (reduction none) or into a double accumulator; nothing of size N is allocated besides tensors,
     * which an arena recycles.
     */
    private static Tensor classification(Tensor input, Tensor targets, Reduction reduction, boolean fromLogits) {
        int n = targets.numel(), c = input.shape[input.dim() - 1];
        float[] ta = targets.array();
        int to = targets.offset;
        Tensor x = Compute.dense(input);
        float[] xa = x.array();
        Tensor probs = fromLogits ? Tensor.empty(Shapes.of(n, c), "cross_entropy") : null;
        Tensor perSample = reduction == Reduction.NONE
                ? Tensor.empty(input.dim() == 2 ? Shapes.of(n) : Shapes.SCALAR, "nll_loss") : null;
        // Split over rows above the grain: each row's loss is computed by one part into a per-row buffer (the output
        // itself for reduction none), then summed in row order on the caller, so the bits are the same on any
        // number of threads. Below it the rows run here, with nothing allocated per call.
        int parts = Parallel.partsFor((long) n * (c + (c < SoftmaxRows.SHORT_ROW ? SHORT_ROW_WORK : ROW_WORK)));
        float[] p = fromLogits ? probs.array() : null;
        int po = fromLogits ? probs.offset : 0;
        double total = 0;
        if (parts > 1) {
            Tensor losses = perSample != null ? perSample : Tensor.empty(Shapes.of(n), "nll_loss");
            float[] la = losses.array();
            int lo = losses.offset;
            Parallel.forRanges(n, parts, (from, until) -> rowLosses(from, until, xa, x.offset, c, ta, to, p, po, la,
                    lo));
            if (perSample == null) {
                for (int i = 0; i < n; i++) {
                    total += la[lo + i];
                }
            }
        } else {
            total = rowLosses(0, n, xa, x.offset, c, ta, to, p, po, perSample != null ? perSample.array() : null,
                    perSample != null ? perSample.offset : 0);
        }
        Tensor out = ClassificationNode.output(perSample, total, n, reduction);
        if (!Graph.recording(input)) {
            return out;
        }
        out.setGradFn(new ClassificationNode(input, targets, n, c) {
            @Override
            Tensor recorded(Tensor x, Tensor t, Tensor g) {
                return composedGrad(x, t, g, reduction, fromLogits);
            }

            @Override
            Tensor gradient(Tensor t, Tensor g) {
                float[] ta = t.array();   // classIndices made the target contiguous
                Tensor gc = Compute.dense(g);
                float[] gs = gc.array();
                float scale = reduction == Reduction.NONE ? 0f
                        : reduction == Reduction.MEAN ? gs[gc.offset] / n : gs[gc.offset];
                if (fromLogits && reduction != Reduction.NONE) {
                    return scaledSoftmaxGrad(probs, ta, t.offset, n, c, scale).reshape(input.shape);
                }
                Tensor grad = fromLogits ? Compute.copy(probs) : Tensor.zerosOf(Shapes.of(n, c), "nll_loss_backward");
                float[] ga = grad.array();
                int parts = Parallel.partsFor((long) n * c);
                if (parts > 1) {
                    Parallel.forRanges(n, parts, (from, until) -> {
                        for (int i = from; i < until; i++) {
                            rowGrad(ga, i, c, (int) ta[t.offset + i],
                                    reduction == Reduction.NONE ? gs[gc.offset + i] : scale, fromLogits);
                        }
                    });
                } else {
                    for (int i = 0; i < n; i++) {
                        rowGrad(ga, i, c, (int) ta[t.offset + i],
                                reduction == Reduction.NONE ? gs[gc.offset + i] : scale, fromLogits);
                    }
                }
                return grad.reshape(input.shape);
            }
        });
        return out;
    }

    /**
     * Work, in elements of an elementwise kernel (what {@link Parallel#partsFor} counts), that one row of a
     * classification loss costs beyond its classes: a max, an exp a class, a sum and a log. Rows of fewer than
     * {@link SoftmaxRows#SHORT_ROW} classes go a vector's width of rows at a time ({@link #SHORT_ROW_WORK}); longer
     * ones one at a time, ~120 ns a row of 10 classes on an Intel Xeon (2026-12-03), what an elementwise kernel takes
     * for a few hundred elements. Counted as its classes alone, batch 512 of 10 classes one row at a time stayed on one
     * thread and took a sixth of the MLP step's time on two.
     */
    private static final int ROW_WORK = 256;
    /**
     * {@link #ROW_WORK} for short rows, taken a vector's width at a time: ~34 ns a row of 10 classes on the same Xeon
     * (2026-12-06), what an elementwise kernel takes for ~160 elements. So batch 512 splits over two threads (its
     * forward 18.4-18.9 us on the caller alone, 11.1-14.0 split) and 256 rows (9 us) stay on the caller.
     */
    static final int SHORT_ROW_WORK = 160;

    /**
     * Losses of rows [from, until): cross entropy of the logits (softmax into p from {@code po}) when p is given, else
     * the negative log-probability of each target; into {@code losses} from {@code lo} (row i at lo + i), or, where
     * that is null, summed in row order into the double returned.
     */
    private static double rowLosses(int from, int until, float[] xa, int xo, int c, float[] ta, int to, float[] p,
                                    int po, float[] losses, int lo) {
        if (p != null) {
            return SoftmaxRows.crossEntropy(until - from, c, xa, xo + from * c, ta, to + from, p, po + from * c,
                    losses, lo + from);
        }
        double total = 0;
        for (int i = from; i < until; i++) {
            float loss = -xa[xo + i * c + (int) ta[to + i]];
            if (losses != null) {
                losses[lo + i] = loss;
            } else {
                total += loss;
            }
        }
        return total;
    }

    /**
     * Cross entropy's gradient when every row has the same incoming gradient {@code scale} (a mean or sum):
     * {@code (softmax - onehot) * scale} as one scaling of the whole softmax, then each target's element from its
     * own {@code (p - 1) * scale}; the same operations as {@link #rowGrad} a row at a time, which cost a kernel call a
     * row (512 rows of 10 classes: 14 us on one Intel Xeon core).
     */
    private static Tensor scaledSoftmaxGrad(Tensor probs, float[] ta, int to, int n, int c, float scale) {
        Tensor grad = Tensor.empty(Shapes.of(n, c), "nll_loss_backward");
        float[] pa = probs.array(), ga = grad.array();
        int po = probs.offset, go = grad.offset;
        Elementwise.unary(UnaryOp.MUL_SCALAR, scale, 0f, n * c, pa, po, 1, ga, go, 1);
        for (int i = 0; i < n; i++) {
            int k = i * c + (int) ta[to + i];
            ga[go + k] = (pa[po + k] - 1f) * scale;
        }
        return grad;
    }

    /**
     * Row i of the classification gradient in {@code ga}: the softmax already there minus the one-hot target, times
     * the row's incoming gradient {@code gi} (cross entropy), or {@code -gi} at the target (NLL, on zeros).
     */
    private static void rowGrad(float[] ga, int i, int c, int target, float gi, boolean fromLogits) {
        if (fromLogits) {
            ga[i * c + target] -= 1f;
            Elementwise.unary(UnaryOp.MUL_SCALAR, gi, 0f, c, ga, i * c, 1, ga, i * c, 1);
        } else {
            ga[i * c + target] = -gi;
        }
    }

    /**
     * The classification gradient as recorded ops (createGraph): {@code (softmax(x) - onehot(t)) * g} for cross
     * entropy, {@code -onehot(t) * g} for NLL, with g scaled by the reduction and broadcast over each row.
     */
    static Tensor composedGrad(Tensor x, Tensor target, Tensor g, Reduction reduction, boolean fromLogits) {
        int c = x.shape[x.dim() - 1];
        Tensor oneHot = Tensor.zeros(x.shape);
        float[] t = target.toArray(), h = oneHot.array();
        for (int i = 0; i < t.length; i++) {
            h[i * c + (int) t[i]] = 1f;
        }
        Tensor perRow = switch (reduction) {
            case NONE -> x.dim() == 2 ? g.unsqueeze(1) : g;
            case MEAN -> g.div(t.length);
            case SUM -> g;
        };
        return fromLogits ? x.softmax(-1).sub(oneHot).mul(perRow) : oneHot.mul(perRow).neg();
    }

    /**
     * Binary cross entropy on logits, computed stably as PyTorch does: {@code (1 - t) x + m + log(e^-m + e^(-x-m))}
     * with {@code m = max(-x, 0)}, so that {@code +inf} logits give an infinite loss, not NaN; target has the
     * input's shape and holds probabilities.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction) {
        sameShape(logits, target, "binary_cross_entropy_with_logits");
        float[] x = logits.toArray(), t = target.toArray();
        float[] losses = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            double m = Math.max(-x[i], 0.0);
            losses[i] = (float) ((1.0 - t[i]) * x[i] + m + StrictMath.log(StrictMath.exp(-m) + StrictMath.exp(-x[i] - m)));
        }
        Tensor out = reduce(losses, logits.shape, reduction);
        if (!Graph.recording(logits, target)) {
            return out;
        }
        int n = x.length;
        out.setGradFn(new Node("BinaryCrossEntropyWithLogitsBackward0", logits, target) {
            private final SavedTensor savedLogits = save(logits);
            private final SavedTensor savedTarget = save(target);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor xv = savedLogits.get(), gs = perElement(g, n, reduction);
                return grads(needsGrad(0) ? xv.sigmoid().sub(savedTarget.get()).mul(gs) : null,
                        needsGrad(1) ? xv.neg().mul(gs) : null);
            }
        });
        return out;
    }

    /** Binary cross entropy on probabilities in [0, 1], with each log clamped at -100 as PyTorch does. */
    public static Tensor binaryCrossEntropy(Tensor probs, Tensor target, Reduction reduction) {
        sameShape(probs, target, "binary_cross_entropy");
        float[] p = probs.toArray(), t = target.toArray();
        for (float v : p) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("binary_cross_entropy: all elements of input should be between 0 "
                        + "and 1, found " + v);
            }
        }
        float[] losses = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            double logP = Math.max(StrictMath.log(p[i]), -100), log1mP = Math.max(StrictMath.log1p(-p[i]), -100);
            losses[i] = (float) -(t[i] * logP + (1 - t[i]) * log1mP);
        }
        Tensor out = reduce(losses, probs.shape, reduction);
        if (!Graph.recording(probs, target)) {
            return out;
        }
        int n = p.length;
        out.setGradFn(new Node("BinaryCrossEntropyBackward0", probs, target) {
            private final SavedTensor savedProbs = save(probs);
            private final SavedTensor savedTarget = save(target);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor pv = savedProbs.get(), gs = perElement(g, n, reduction);
                Tensor gp = null, gt = null;
                if (needsGrad(0)) {
                    // g (p - t) / max((1 - p) p, 1e-12), PyTorch's binary_cross_entropy_backward.
                    Tensor denominator = pv.rsub(1f).mul(pv).clamp(1e-12f, Float.POSITIVE_INFINITY);
                    gp = gs.mul(pv.sub(savedTarget.get())).div(denominator);
                }
                if (needsGrad(1)) {
                    // -logit(p) g, PyTorch's binary_cross_entropy_target_backward.
                    gt = pv.rsub(1f).log().sub(pv.log()).mul(gs);
                }
                return grads(gp, gt);
            }
        });
        return out;
    }

    /** Mean squared error {@code (x - t)^2}, with grad_fn MseLossBackward0. */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        sameShape(input, target, "mse_loss");
        Tensor d;
        try (var off = GradMode.noGrad()) {
            // on the vector kernels, where a loop over two heap copies (toArray) took 4x PyTorch's time
            d = input.sub(target);
        }
        int n = d.numel();
        Tensor out;
        if (reduction == Reduction.NONE) {
            try (var off = GradMode.noGrad()) {
                out = d.mul(d);
            }
        } else {
            // the squares summed as they are made: the bits of the sum over a tensor of them, without that tensor
            float sum = Reductions.sumSquares(n, d.array(), d.offset, 1);
            out = Tensor.scalar(reduction == Reduction.MEAN ? sum / n : sum);
        }
        if (!Graph.recording(input, target)) {
            return out;
        }
        out.setGradFn(new Node("MseLossBackward0", input, target) {
            private final SavedTensor savedInput = save(input);
            private final SavedTensor savedTarget = save(target);
            // the forward's x - t, so that backward is one pass; x and t are saved too, for their version checks
            // and for a backward that records (createGraph), which must differentiate through x - t
            private final SavedTensor savedDifference = save(d);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor x = savedInput.get(), t = savedTarget.get();
                Tensor difference = GradMode.isEnabled() ? x.sub(t) : savedDifference.get();
                // (x - t) * (2 s) is (x - t) * 2 * s to the bit (doubling is exact): one pass over the elements less
                Tensor gradX = difference.mul(perElement(g, n, reduction).mul(2f));
                return grads(needsGrad(0) ? gradX : null, needsGrad(1) ? gradX.neg() : null);
            }
        });
        return out;
    }

    /**
     * Mean absolute error {@code |x - t|}, composed of sub, abs and the reduction as torch 1.13's l1_loss is (so
     * its grad_fn is MeanBackward0, SumBackward0 or AbsBackward0).
     */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        sameShape(input, target, "l1_loss");
        Tensor losses = input.sub(target).abs();
        return switch (reduction) {
            case NONE -> losses;
            case SUM -> losses.sum();
            case MEAN -> losses.mean();
        };
    }

    /**
     * The elementwise regression losses' check (mse, l1, smooth l1, huber): a target of another size than the input
     * is refused, naming both, where PyTorch broadcasts it after a warning that this "will likely lead to incorrect
     * results" (an [N, 1] prediction against an [N] target gives an N x N loss).
     *
     * @throws IllegalArgumentException when the shapes differ
     */
    public static void sameShape(Tensor input, Tensor target, String op) {
        if (!Arrays.equals(input.shape, target.shape)) {
            throw new IllegalArgumentException(op + ": Target size " + Shapes.str(target.shape)
                    + " must be the same as input size " + Shapes.str(input.shape));
        }
    }

    private static Tensor reduce(float[] losses, int[] noneShape, Reduction reduction) {
        return reduction == Reduction.NONE ? Tensor.of(losses, noneShape) : total(losses, 0, losses.length, reduction);
    }

    /** The SUM or MEAN reduction of the n losses from {@code off}: their canonical sum, divided by n for MEAN. */
    private static Tensor total(float[] losses, int off, int n, Reduction reduction) {
        float sum = Reductions.sum(n, losses, off, 1);
        return Tensor.scalar(reduction == Reduction.MEAN ? sum / n : sum);
    }

    /** d(reduced loss)/d(element): g itself (none), or g / n (mean) or g (sum) to broadcast over the elements. */
    private static Tensor perElement(Tensor g, int n, Reduction reduction) {
        return reduction == Reduction.MEAN ? g.div(n) : g;
    }
}

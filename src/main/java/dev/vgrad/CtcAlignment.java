package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.kernels.Parallel;

/**
 * The connectionist temporal classification likelihood as one op: for each sequence, the negative log of the summed
 * probability of every alignment of its labels to its frames (blanks around and between labels, repeats merged), from
 * the forward variable alpha; the backward runs the backward variable beta and gives each frame and class
 * {@code -exp(log(alpha beta) - log_prob + nll)}, the derivative with respect to the log-probabilities (PyTorch 1.13
 * returns {@code exp(log_prob)} plus this, the gradient of the logits under a log_softmax; through a log_softmax the
 * two agree). Both passes run per sequence in double, in log space.
 *
 * <p>Under createGraph the backward is {@link CtcGraph}'s: the same recursions as tensor ops, so gradients of the
 * gradient exist (PyTorch has none).
 */
public final class CtcAlignment {
    /** Sums below this leave the scaled passes to the log-space ones: far above double's subnormals. */
    private static final double SMALLEST_SCALE = 1e-280;

    private CtcAlignment() {}

    /**
     * Each sequence's negative log-likelihood, [N], from log-probabilities [T, N, C], the labels of each sequence
     * (classes other than the blank) and its frame count (1 to T). A sequence no alignment fits gets +infinity and a
     * NaN gradient over its frames, as PyTorch's, or with zeroInfinity 0 and a zero gradient.
     */
    public static Tensor negativeLogLikelihood(Tensor logProbs, int[][] labels, int[] inputLengths, int blank,
                                               boolean zeroInfinity) {
        int frames = logProbs.size(0), n = logProbs.size(1), classes = logProbs.size(2);
        // read in place (a copy only of a non-contiguous input): the log-probabilities of a call are T x N x C floats
        Tensor dense = Compute.dense(logProbs);
        float[] lp = dense.array();
        int lpOff = dense.offset;
        Tensor out = Tensor.empty(Shapes.of(n), "ctc_loss");
        float[] nll = out.array();
        int nllOff = out.offset;
        // the sequences are independent: split among the threads, each computed as on one, so any count gives the
        // same bits
        Parallel.forRanges(n, parts(labels, frames, classes), (from, to) -> {
            Workspace w = Workspace.MINE.get();
            for (int b = from; b < to; b++) {
                int states = w.extend(labels[b], blank, classes, 0);
                int[] ext = w.ext;
                double ll = scaledLogLikelihood(lp, lpOff, n, classes, b, ext, states, inputLengths[b], null, w);
                if (Double.isNaN(ll) && !hasNaN(lp, lpOff, n, classes, b, inputLengths[b])) {
                    ll = endOf(alpha(lp, lpOff, n, classes, b, ext, states, inputLengths[b]), states,
                            inputLengths[b]);
                }
                double loss = -ll;
                nll[nllOff + b] = zeroInfinity && loss == Double.POSITIVE_INFINITY ? 0f : (float) loss;
            }
        });
        if (Graph.recording(logProbs)) {
            Graph.record(out, "CtcLossBackward0", logProbs, logProbs, (g, saved) -> GradMode.isEnabled()
                    ? CtcGraph.gradient(saved, labels, inputLengths, blank, zeroInfinity, g)
                    : gradient(saved, labels, inputLengths, blank, zeroInfinity, g, frames));
        }
        return out;
    }

    /** The gradient of the log-probabilities from alpha and beta, each sequence scaled by its output gradient. */
    private static Tensor gradient(Tensor logProbs, int[][] labels, int[] inputLengths, int blank,
                                   boolean zeroInfinity, Tensor g, int frames) {
        int n = logProbs.size(1), classes = logProbs.size(2);
        Tensor dense = Compute.dense(logProbs), scales = Compute.dense(g);
        float[] lp = dense.array(), scale = scales.array();
        int lpOff = dense.offset, scaleOff = scales.offset;
        // zeros: the frames past a sequence's length get no gradient
        Tensor out = Tensor.zerosOf(Shapes.of(frames, n, classes), "ctc_loss_backward");
        float[] grad = out.array();
        int gradOff = out.offset;
        Parallel.forRanges(n, parts(labels, frames, classes), (from, to) -> {
            Workspace w = Workspace.MINE.get();
            for (int b = from; b < to; b++) {
                sequenceGradient(lp, lpOff, n, classes, b, labels[b], blank, inputLengths[b], zeroInfinity,
                        scale[scaleOff + b], grad, gradOff, w);
            }
        });
        return out;
    }

    /** How many parts the sequences split into: their alphas' and betas' work, a few operations a state. */
    private static int parts(int[][] labels, int frames, int classes) {
        long work = 0;
        for (int[] l : labels) {
            work += 4L * frames * (classes + 2 * l.length + 1);
        }
        return Parallel.partsFor(work);
    }

    /**
     * Sequence b's rows of the gradient (zeros in {@code grad} on entry): by the scaled passes, or in log space where
     * they cannot go. Every row the scaled passes wrote before giving up is written again by the log-space one.
     */
    private static void sequenceGradient(float[] lp, int lpOff, int n, int classes, int b, int[] labels, int blank,
                                         int length, boolean zeroInfinity, float scale, float[] grad, int gradOff,
                                         Workspace w) {
        int states = w.extend(labels, blank, classes, length);
        int[] ext = w.ext;
        if (scaledGradient(lp, lpOff, n, classes, b, ext, states, length, scale, grad, gradOff, w)) {
            return;
        }
        double[] alpha = alpha(lp, lpOff, n, classes, b, ext, states, length);
        double nll = -endOf(alpha, states, length);
        if (nll == Double.POSITIVE_INFINITY) {
            // no alignment: PyTorch's NaN over the sequence's frames, or zeros (the scaled pass may have begun)
            float value = zeroInfinity ? 0f : Float.NaN;
            for (int t = 0; t < length; t++) {
                int row = gradOff + (t * n + b) * classes;
                java.util.Arrays.fill(grad, row, row + classes, value);
            }
            return;
        }
        double[] beta = beta(lp, lpOff, n, classes, b, ext, states, length);
        double[] lcab = new double[classes];
        for (int t = 0; t < length; t++) {
            java.util.Arrays.fill(lcab, Double.NEGATIVE_INFINITY);
            for (int s = 0; s < states; s++) {
                lcab[ext[s]] = logAdd(lcab[ext[s]], alpha[t * states + s] + beta[t * states + s]);
            }
            int row = (t * n + b) * classes;
            for (int c = 0; c < classes; c++) {
                // alpha and beta both hold frame t's emission: divide one out
                grad[gradOff + row + c] = lcab[c] == Double.NEGATIVE_INFINITY ? 0f
                        : (float) (-Math.exp(lcab[c] - lp[lpOff + row + c] + nll) * scale);
            }
        }
    }

    /**
     * The log-likelihood by the forward pass in probability space, each frame's alphas divided by their sum (which
     * goes into the log-likelihood): a few multiply-adds a state and one exp a class a frame, instead of a logAdd
     * (an exp and a log) per transition. With {@code pre} given, it receives each frame's alphas before the
     * emission, in that frame's scale. NaN where a frame's sum fell below what scaling keeps exact (a sequence no
     * alignment fits, or probabilities past double's range): the log-space pass then decides.
     */
    private static double scaledLogLikelihood(float[] lp, int lpOff, int n, int classes, int b, int[] ext, int states,
                                              int frames, double[] pre, Workspace w) {
        double[] alpha = w.first, next = w.second, y = w.y;
        double logLikelihood = 0;
        for (int t = 0; t < frames; t++) {
            emissions(lp, lpOff, n, classes, b, t, y);
            double sum = 0;
            for (int s = 0; s < states; s++) {
                double into;
                if (t == 0) {
                    into = s < 2 ? 1 : 0;
                } else {
                    into = alpha[s];
                    if (s > 0) {
                        into += alpha[s - 1];
                    }
                    if (skips(ext, s)) {
                        into += alpha[s - 2];
                    }
                }
                if (pre != null) {
                    pre[t * states + s] = into;
                }
                next[s] = into * y[ext[s]];
                sum += next[s];
            }
            if (!(sum >= SMALLEST_SCALE) || sum == Double.POSITIVE_INFINITY) {
                return Double.NaN;
            }
            for (int s = 0; s < states; s++) {
                alpha[s] = next[s] / sum;
            }
            logLikelihood += Math.log(sum);
        }
        double end = alpha[states - 1] + (states > 1 ? alpha[states - 2] : 0);
        return end >= SMALLEST_SCALE ? logLikelihood + Math.log(end) : Double.NaN;
    }

    /**
     * Sequence b's gradient into {@code grad} by the scaled passes: each frame's state posteriors are the alphas
     * before the emission times the betas, normalized over the frame (every alignment passes one state a frame).
     * False where a frame's sum leaves the range scaling keeps exact, with the rows of the frames after it written.
     */
    private static boolean scaledGradient(float[] lp, int lpOff, int n, int classes, int b, int[] ext, int states,
                                          int frames, float scale, float[] grad, int gradOff, Workspace w) {
        double[] pre = w.pre;
        if (Double.isNaN(scaledLogLikelihood(lp, lpOff, n, classes, b, ext, states, frames, pre, w))) {
            return false;
        }
        double[] beta = w.first, next = w.second, y = w.y, posterior = w.posterior, perClass = w.perClass;
        for (int t = frames - 1; t >= 0; t--) {
            emissions(lp, lpOff, n, classes, b, t, y);
            double sum = 0;
            for (int s = 0; s < states; s++) {
                double from;
                if (t == frames - 1) {
                    from = s >= states - 2 ? 1 : 0;
                } else {
                    from = beta[s];
                    if (s + 1 < states) {
                        from += beta[s + 1];
                    }
                    if (s + 2 < states && skips(ext, s + 2)) {
                        from += beta[s + 2];
                    }
                }
                next[s] = from * y[ext[s]];
                sum += next[s];
            }
            if (!(sum >= SMALLEST_SCALE) || sum == Double.POSITIVE_INFINITY) {
                return false;
            }
            double frameSum = 0;
            for (int s = 0; s < states; s++) {
                beta[s] = next[s] / sum;
                posterior[s] = pre[t * states + s] * beta[s];
                frameSum += posterior[s];
            }
            if (!(frameSum >= SMALLEST_SCALE)) {
                return false;
            }
            java.util.Arrays.fill(perClass, 0, classes, 0);
            for (int s = 0; s < states; s++) {
                perClass[ext[s]] += posterior[s];
            }
            int row = gradOff + (t * n + b) * classes;
            for (int c = 0; c < classes; c++) {
                grad[row + c] = (float) (-perClass[c] / frameSum * scale);
            }
        }
        return true;
    }

    /** Frame t's class probabilities for sequence b. */
    private static void emissions(float[] lp, int lpOff, int n, int classes, int b, int t, double[] y) {
        int row = lpOff + (t * n + b) * classes;
        for (int c = 0; c < classes; c++) {
            y[c] = Math.exp(lp[row + c]);
        }
    }

    private static boolean hasNaN(float[] lp, int lpOff, int n, int classes, int b, int frames) {
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < classes; c++) {
                if (Float.isNaN(lp[lpOff + (t * n + b) * classes + c])) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One thread's buffers for the scaled passes, grown as a call needs and kept for the next: per sequence they were
     * a dozen arrays (the gradient's rows among them, frames x classes floats), 2.1 MB a call of the CTC benchmark
     * with the copies of the log-probabilities.
     */
    private static final class Workspace {
        static final ThreadLocal<Workspace> MINE = ThreadLocal.withInitial(Workspace::new);
        /** The extended labels; the passes' two state vectors; a frame's class probabilities and per-class sums. */
        int[] ext = new int[0];
        double[] first = new double[0], second = new double[0], posterior = new double[0], y = new double[0];
        double[] perClass = new double[0];
        /** Each frame's alphas before the emission, frames x states (the gradient's pass only). */
        double[] pre = new double[0];

        /**
         * {@link #extended} into {@link #ext}, the buffers sized for its states, {@code classes} and {@code frames}
         * frames of {@link #pre}; returns the number of states.
         */
        int extend(int[] labels, int blank, int classes, int frames) {
            int states = 2 * labels.length + 1;
            if (ext.length < states) {
                ext = new int[states];
                first = new double[states];
                second = new double[states];
                posterior = new double[states];
            }
            if (y.length < classes) {
                y = new double[classes];
                perClass = new double[classes];
            }
            if (pre.length < (long) frames * states) {
                pre = new double[frames * states];
            }
            extendInto(labels, blank, ext);
            return states;
        }
    }

    /** The labels with a blank before, between and after them: 2S + 1 states. */
    static int[] extended(int[] labels, int blank) {
        int[] ext = new int[2 * labels.length + 1];
        extendInto(labels, blank, ext);
        return ext;
    }

    /** {@link #extended} written into the first 2S + 1 entries of {@code ext}. */
    private static void extendInto(int[] labels, int blank, int[] ext) {
        java.util.Arrays.fill(ext, 0, 2 * labels.length + 1, blank);
        for (int k = 0; k < labels.length; k++) {
            ext[2 * k + 1] = labels[k];
        }
    }

    /** Whether state s may be reached from s - 2, skipping the blank between two labels: only if they differ. */
    static boolean skips(int[] ext, int s) {
        return s >= 2 && s % 2 == 1 && ext[s] != ext[s - 2];
    }

    /** log alpha of sequence b, [frames x states]: the log-probability of the prefixes ending in each state. */
    private static double[] alpha(float[] lp, int lpOff, int n, int classes, int b, int[] ext, int states,
                                  int frames) {
        double[] alpha = new double[frames * states];
        java.util.Arrays.fill(alpha, Double.NEGATIVE_INFINITY);
        alpha[0] = lp[lpOff + b * classes + ext[0]];
        if (states > 1) {
            alpha[1] = lp[lpOff + b * classes + ext[1]];
        }
        for (int t = 1; t < frames; t++) {
            int row = lpOff + (t * n + b) * classes, at = t * states, before = at - states;
            for (int s = 0; s < states; s++) {
                double a = alpha[before + s];
                if (s > 0) {
                    a = logAdd(a, alpha[before + s - 1]);
                }
                if (skips(ext, s)) {
                    a = logAdd(a, alpha[before + s - 2]);
                }
                alpha[at + s] = a + lp[row + ext[s]];
            }
        }
        return alpha;
    }

    /** log beta of sequence b, [frames x states]: the log-probability of the suffixes starting in each state. */
    private static double[] beta(float[] lp, int lpOff, int n, int classes, int b, int[] ext, int states,
                                 int frames) {
        double[] beta = new double[frames * states];
        java.util.Arrays.fill(beta, Double.NEGATIVE_INFINITY);
        int lastRow = lpOff + ((frames - 1) * n + b) * classes, last = (frames - 1) * states;
        beta[last + states - 1] = lp[lastRow + ext[states - 1]];
        if (states > 1) {
            beta[last + states - 2] = lp[lastRow + ext[states - 2]];
        }
        for (int t = frames - 2; t >= 0; t--) {
            int row = lpOff + (t * n + b) * classes, at = t * states, after = at + states;
            for (int s = 0; s < states; s++) {
                double v = beta[after + s];
                if (s + 1 < states) {
                    v = logAdd(v, beta[after + s + 1]);
                }
                if (s + 2 < states && skips(ext, s + 2)) {
                    v = logAdd(v, beta[after + s + 2]);
                }
                beta[at + s] = v + lp[row + ext[s]];
            }
        }
        return beta;
    }

    /** The log-likelihood: alpha at the last frame, in the last label or the blank after it. */
    private static double endOf(double[] alpha, int states, int frames) {
        int last = (frames - 1) * states;
        double end = alpha[last + states - 1];
        return states > 1 ? logAdd(end, alpha[last + states - 2]) : end;
    }

    private static double logAdd(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}

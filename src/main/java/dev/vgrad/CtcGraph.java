package dev.vgrad;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link CtcAlignment}'s gradient as tensor ops, for createGraph: alpha and beta run frame by frame over all sequences
 * at once ([N, 2S + 1] per frame), and the posterior of each state goes back to its class by a scatter-add, so the
 * gradient is itself differentiable. Log 0 is {@link #NEVER}, a large finite number: with -infinity, logsumexp's
 * gradient would be NaN on states that no alignment reaches. It records a few ops per frame and each frame's select
 * backs into a whole [T, N, C] zero tensor, so a second derivative costs O(T^2): it is the path for createGraph only.
 */
final class CtcGraph {
    private static final float NEVER = -1e30f;

    private CtcGraph() {}

    /** d(sum_n g[n] nll[n]) / d logProbs, [T, N, C], recorded. */
    static Tensor gradient(Tensor logProbs, int[][] labels, int[] inputLengths, int blank, boolean zeroInfinity,
                           Tensor g) {
        int frames = logProbs.size(0), n = logProbs.size(1), classes = logProbs.size(2);
        int longest = 0;
        for (int[] l : labels) {
            longest = Math.max(longest, l.length);
        }
        int states = 2 * longest + 1;
        float[] ext = new float[n * states], skip = new float[n * states], skipBack = new float[n * states];
        float[] start = new float[n * states], end = new float[n * states];
        java.util.Arrays.fill(skip, NEVER);
        java.util.Arrays.fill(skipBack, NEVER);
        java.util.Arrays.fill(start, NEVER);
        java.util.Arrays.fill(end, NEVER);
        for (int b = 0; b < n; b++) {
            int[] e = CtcAlignment.extended(labels[b], blank);
            int row = b * states;
            java.util.Arrays.fill(ext, row, row + states, blank);
            for (int s = 0; s < e.length; s++) {
                ext[row + s] = e[s];
                if (CtcAlignment.skips(e, s)) {
                    skip[row + s] = 0f;
                    skipBack[row + s - 2] = 0f;
                }
            }
            start[row] = 0f;
            if (e.length > 1) {
                start[row + 1] = 0f;
                end[row + e.length - 2] = 0f;
            }
            end[row + e.length - 1] = 0f;
        }
        Tensor index = Tensor.of(ext, 1, n, states).expand(frames, n, states);
        // a log-probability of exactly -infinity (log 0) is NEVER too: a state it empties is one no alignment reaches
        List<Tensor> emissions = logProbs.gather(2, index).clampMin(NEVER).unbind(0);
        Tensor skipOpen = Tensor.of(skip, n, states), skipBackOpen = Tensor.of(skipBack, n, states);
        Tensor endOpen = Tensor.of(end, n, states);
        List<Tensor> alphas = new ArrayList<>(frames);
        Tensor alpha = emissions.get(0).add(Tensor.of(start, n, states));
        alphas.add(alpha);
        for (int t = 1; t < frames; t++) {
            List<Tensor> from = new ArrayList<>(List.of(alpha, shift(alpha, 1)));
            if (states > 2) {
                from.add(shift(alpha, 2).add(skipOpen));
            }
            Tensor next = Tensor.stack(from, 0).logsumexp(0, false).add(emissions.get(t));
            int at = t;
            alpha = Tensor.where(perSequence(inputLengths, l -> at < l), next, alpha);
            alphas.add(alpha);
        }
        Tensor[] betas = new Tensor[frames];
        Tensor beta = Tensor.full(NEVER, n, states);
        for (int t = frames - 1; t >= 0; t--) {
            List<Tensor> from = new ArrayList<>(List.of(beta, shift(beta, -1)));
            if (states > 2) {
                from.add(shift(beta, -2).add(skipBackOpen));
            }
            Tensor next = Tensor.stack(from, 0).logsumexp(0, false).add(emissions.get(t));
            int at = t;
            beta = Tensor.where(perSequence(inputLengths, l -> l - 1 == at), emissions.get(t).add(endOpen), next);
            betas[t] = beta;
        }
        // alpha stopped changing at each sequence's last frame: its log-likelihood is the last alpha's end states
        Tensor nll = alpha.add(endOpen).logsumexp(1, false).neg();
        Tensor a = Tensor.stack(alphas, 0), bb = Tensor.stack(List.of(betas), 0);
        // kept: the frames of sequences some alignment fits; the others get 0, or NaN over the frames of a sequence
        // that none fits (PyTorch's gradient there), unless zeroInfinity
        float[] keep = new float[frames * n], fill = new float[frames * n];
        float[] values = nll.detach().toArray();
        for (int b = 0; b < n; b++) {
            boolean none = values[b] >= -NEVER / 10;
            for (int t = 0; t < inputLengths[b]; t++) {
                keep[t * n + b] = none ? 0f : 1f;
                fill[t * n + b] = none && !zeroInfinity ? Float.NaN : 0f;
            }
        }
        // a posterior is at most 1: the clamp only keeps exp finite where NEVER's rounding would overflow it
        Tensor logPosterior = a.add(bb).sub(Tensor.stack(emissions, 0)).add(nll.view(1, n, 1)).clampMax(1f);
        Tensor weighted = Tensor.where(Tensor.of(keep, frames, n, 1),
                logPosterior.exp().mul(g.view(1, n, 1)).neg(), Tensor.of(fill, frames, n, 1));
        return Tensor.zeros(frames, n, classes).scatterAdd(2, index, weighted);
    }

    /** alpha moved {@code by} states along (back with a negative by), log 0 coming in at the edge. */
    private static Tensor shift(Tensor x, int by) {
        int n = x.size(0), states = x.size(1), k = Math.abs(by);
        Tensor never = Tensor.full(NEVER, n, Math.min(k, states));
        if (k >= states) {
            return never.expand(n, states);
        }
        return by > 0 ? Tensor.cat(List.of(never, x.narrow(1, 0, states - k)), 1)
                : Tensor.cat(List.of(x.narrow(1, k, states - k), never), 1);
    }

    /** A [N, 1] mask: 1 for the sequences whose frame count passes {@code test}. */
    private static Tensor perSequence(int[] inputLengths, java.util.function.IntPredicate test) {
        float[] m = new float[inputLengths.length];
        for (int b = 0; b < m.length; b++) {
            m[b] = test.test(inputLengths[b]) ? 1f : 0f;
        }
        return Tensor.of(m, m.length, 1);
    }
}

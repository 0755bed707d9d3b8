package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * The binomial distribution of total_count trials with success probability p, as
 * {@code torch.distributions.Binomial} (by probabilities): PyTorch's log-density through the clamped logits, its
 * entropy by enumerating the support (one total count for the whole batch, as PyTorch requires). {@code sample} draws
 * through {@link Tensor#binomial}, so a seed gives PyTorch's counts.
 */
public final class Binomial extends Distribution {
    private final Tensor totalCount;
    private final Tensor probs;
    private final Tensor logits;

    /**
     * Binomials of the given trial counts (non-negative integers) and probabilities (in [0, 1]), broadcast together.
     *
     * @throws IllegalArgumentException if a count or probability is out of range, naming it and its position
     */
    public Binomial(Tensor totalCount, Tensor probs) {
        this(broadcastAll("Binomial", totalCount, probs));
    }

    private Binomial(Tensor[] params) {
        super(params[0].shape());
        float[] n = params[0].toArray(), p = params[1].toArray();
        require("Binomial", "parameter total_count", params[0].shape(), n, "IntegerGreaterThan(lower_bound=0)",
                i -> n[i] >= 0f && n[i] == Math.rint(n[i]));
        require("Binomial", "parameter probs", params[1].shape(), p, "Interval(lower_bound=0.0, upper_bound=1.0)",
                i -> p[i] >= 0f && p[i] <= 1f);
        this.totalCount = params[0];
        this.probs = params[1];
        this.logits = logitsOfProbs(probs);
    }

    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        int[] shape = extendedShape(sampleShape);
        return Tensor.binomial(totalCount.detach().expand(shape), probs.detach().expand(shape), g);
    }

    /**
     * PyTorch's {@code k logit - lgamma(k + 1) - lgamma(n - k + 1) - (n max(logit, 0) + n log1p(e^-|logit|) -
     * lgamma(n + 1))}.
     */
    @Override
    public Tensor logProb(Tensor value) {
        Tensor[] vn = broadcastAll("Binomial", value.detach(), totalCount.detach());
        float[] v = vn[0].contiguous().toArray(), n = vn[1].contiguous().toArray();
        require("Binomial", "value", vn[0].shape(), v, "IntegerInterval(lower_bound=0, upper_bound=total_count)",
                i -> v[i] >= 0f && v[i] <= n[i] && v[i] == Math.rint(v[i]));
        Tensor factorialN = totalCount.add(1f).lgamma(), factorialK = value.add(1f).lgamma();
        Tensor factorialNmk = totalCount.sub(value).add(1f).lgamma();
        Tensor clampedByZero = logits.clampMin(0f).add(logits).sub(logits.clampMax(0f)).div(2f);
        Tensor normalize = totalCount.mul(clampedByZero).add(totalCount.mul(logits.abs().neg().exp().log1p()))
                .sub(factorialN);
        return value.mul(logits).sub(factorialK).sub(factorialNmk).sub(normalize);
    }

    /**
     * PyTorch's {@code enumerate_support}: 0..n along a new first dimension, for one total count n across the batch.
     *
     * @throws UnsupportedOperationException where the batch's total counts differ, as PyTorch's
     */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        float max = totalCount.max().item();
        if (totalCount.min().item() != max) {
            throw new UnsupportedOperationException("Inhomogeneous total count not supported by `enumerate_support`.");
        }
        return enumerated(Tensor.arange(0f, max + 1, 1f), batchShape, expand);
    }

    @Override
    public boolean hasEnumerateSupport() {
        return true;
    }

    /**
     * {@code -sum over k of p(k) log p(k)}, k from 0 to the total count.
     *
     * @throws UnsupportedOperationException if the batch's total counts differ (PyTorch's NotImplementedError)
     */
    @Override
    public Tensor entropy() {
        float[] n = totalCount.toArray();
        for (float c : n) {
            if (c != n[0]) {
                throw new UnsupportedOperationException("Inhomogeneous total count not supported by `entropy`.");
            }
        }
        int count = n.length == 0 ? 0 : (int) n[0];
        int[] support = new int[batchShape.length + 1];
        java.util.Arrays.fill(support, 1);
        support[0] = count + 1;
        Tensor values = Tensor.arange(0f, count + 1f, 1f).reshape(support);
        Tensor lp = logProb(values.expand(withFirst(count + 1)));
        return lp.exp().mul(lp).sum(0, false).neg();
    }

    private int[] withFirst(int first) {
        int[] s = new int[batchShape.length + 1];
        s[0] = first;
        System.arraycopy(batchShape, 0, s, 1, batchShape.length);
        return s;
    }

    /** {@code n p}. */
    @Override
    public Tensor mean() {
        return totalCount.mul(probs);
    }

    /** {@code n p (1 - p)}. */
    @Override
    public Tensor variance() {
        return totalCount.mul(probs).mul(probs.neg().add(1f));
    }

    /** The trial counts. */
    public Tensor totalCount() {
        return totalCount;
    }

    /** The success probabilities. */
    public Tensor probs() {
        return probs;
    }

    /** The log-odds, from the probabilities clamped to [eps, 1 - eps] (PyTorch's). */
    public Tensor logits() {
        return logits;
    }

    @Override
    public Constraint support() {
        return Constraints.integerInterval(0, totalCount);
    }
}

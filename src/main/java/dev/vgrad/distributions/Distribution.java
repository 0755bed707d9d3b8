package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.distributions.constraints.Constraint;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The base of vgrad's distributions, as {@code torch.distributions.Distribution}: a batch of distributions of one
 * family (batch shape: the parameters' broadcast shape) over events (event shape: [] for the scalar ones, [k] for
 * {@link MultivariateNormal}'s vectors).
 * {@code sample} draws without recording gradients; {@code rsample}, where the family has it, draws through the
 * reparameterisation trick, so gradients flow to the parameters.
 */
public abstract class Distribution {
    /** The shape of the batch of distributions. */
    protected final int[] batchShape;

    /** A batch of distributions of shape {@code batchShape}. */
    protected Distribution(int[] batchShape) {
        this.batchShape = batchShape.clone();
    }

    /** The batch shape (PyTorch's {@code batch_shape}). */
    public int[] batchShape() {
        return batchShape.clone();
    }

    /** The event shape (PyTorch's {@code event_shape}): [] for the scalar families, which do not override it. */
    public int[] eventShape() {
        return new int[0];
    }

    /** Draws {@code sampleShape + batchShape} values from the default generator, no gradient recorded. */
    public final Tensor sample(int... sampleShape) {
        return sample(Generator.defaultGenerator(), sampleShape);
    }

    /** Draws {@code sampleShape + batchShape} values from {@code g}, no gradient recorded. */
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            return rsample(g, sampleShape);
        }
    }

    /** A reparameterised draw from the default generator (gradients flow to the parameters). */
    public final Tensor rsample(int... sampleShape) {
        return rsample(Generator.defaultGenerator(), sampleShape);
    }

    /**
     * A reparameterised draw from {@code g}: {@code sampleShape + batchShape} values through which gradients flow to
     * the parameters.
     *
     * @throws UnsupportedOperationException for a family without one (discrete ones), as PyTorch's NotImplementedError
     */
    public Tensor rsample(Generator g, int... sampleShape) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no rsample (not reparameterizable)");
    }

    /**
     * Whether {@link #rsample} draws through the reparameterisation trick here (PyTorch's {@code has_rsample}): false
     * for the discrete families and those PyTorch samples by rejection (von Mises, LKJ) or by mixture.
     */
    public boolean hasRsample() {
        FamilyConstraints.Row row = FamilyConstraints.of(getClass());
        return row != null && row.hasRsample();
    }

    /**
     * The log of the density (or mass) at {@code value}, broadcast against the batch.
     *
     * @throws IllegalArgumentException if a value is outside the support, naming it and its position
     */
    public abstract Tensor logProb(Tensor value);

    /** The entropy of each distribution of the batch, in nats. */
    public abstract Tensor entropy();

    /** The mean of each distribution. */
    public abstract Tensor mean();

    /** The variance of each distribution. */
    public abstract Tensor variance();

    /**
     * Where the values lie (PyTorch's {@code support}): what {@code logProb} accepts, and what
     * {@link ConstraintRegistry#BIJECT_TO} maps the real line onto.
     *
     * @throws UnsupportedOperationException for a family without one here (PyTorch's NotImplementedError)
     */
    public Constraint support() {
        FamilyConstraints.Row row = FamilyConstraints.of(getClass());
        if (row == null || row.support() == null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no support (PyTorch's raises "
                    + "NotImplementedError)");
        }
        return row.support();
    }

    /**
     * The constraint each parameter must satisfy, by PyTorch's parameter names and in its order (PyTorch's
     * {@code arg_constraints}, listing both {@code probs} and {@code logits} where a family takes either).
     *
     * @throws UnsupportedOperationException for a family without them here
     */
    public Map<String, Constraint> argConstraints() {
        FamilyConstraints.Row row = FamilyConstraints.of(getClass());
        if (row == null || row.argConstraints() == null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no arg_constraints (PyTorch's "
                    + "raises NotImplementedError)");
        }
        return row.argConstraints();
    }

    /** An unmodifiable map of names to constraints, in the order given: {@code "loc", REAL, "scale", POSITIVE}. */
    static Map<String, Constraint> argConstraints(Object... namesAndConstraints) {
        Map<String, Constraint> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndConstraints.length; i += 2) {
            m.put((String) namesAndConstraints[i], (Constraint) namesAndConstraints[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The cumulative distribution function at {@code value} (PyTorch's {@code cdf}).
     *
     * @throws UnsupportedOperationException for a family PyTorch gives no cdf (its NotImplementedError)
     */
    public Tensor cdf(Tensor value) {
        TransformedDistribution form = asTransformed();
        if (form == null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no cdf (PyTorch's raises "
                    + "NotImplementedError)");
        }
        return form.cdf(value);
    }

    /**
     * The inverse of the cdf at probabilities {@code value} (PyTorch's {@code icdf}).
     *
     * @throws UnsupportedOperationException for a family PyTorch gives no icdf
     */
    public Tensor icdf(Tensor value) {
        TransformedDistribution form = asTransformed();
        if (form == null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no icdf (PyTorch's raises "
                    + "NotImplementedError)");
        }
        return form.icdf(value);
    }

    /**
     * This family as PyTorch builds it, a base pushed through transforms, where it is one (what its cdf and icdf go
     * through); null where it is not.
     */
    TransformedDistribution asTransformed() {
        return null;
    }

    /**
     * The same family with its parameters expanded to {@code batchShape} (PyTorch's {@code expand}: views, no copies;
     * draws then come in the new batch's order, as torch's do).
     *
     * @throws IllegalArgumentException if a parameter cannot be expanded to that shape (as {@link Tensor#expand})
     * @throws UnsupportedOperationException for a family without it here
     */
    public Distribution expand(int... batchShape) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + ".expand is not implemented in vgrad");
    }

    /** {@code exp(entropy)} (PyTorch's {@code perplexity}). */
    public Tensor perplexity() {
        return entropy().exp();
    }

    /**
     * Every value of a discrete family's support along a new first dimension (PyTorch's {@code enumerate_support}):
     * shaped [n, 1, ..., 1] (event dimensions after), or with {@code expand} broadcast to [n] + batch shape + event
     * shape.
     *
     * @throws UnsupportedOperationException for a family PyTorch gives no enumeration (its NotImplementedError)
     */
    public Tensor enumerateSupport(boolean expand) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no enumerate_support (PyTorch's "
                + "raises NotImplementedError)");
    }

    /** Whether {@link #enumerateSupport} gives this family's support ({@code has_enumerate_support}). */
    public boolean hasEnumerateSupport() {
        return false;
    }

    /**
     * Values 0..n-1 along a new first dimension, one dimension of 1 for each batch dimension after it (and {@code event}
     * copies of the identity's rows for a one-hot family, event 0 for none), expanded to the batch if asked.
     */
    static Tensor enumerated(Tensor values, int[] batchShape, boolean expand) {
        int n = values.shape()[0];
        int event = values.dim() - 1;
        int[] shape = new int[1 + batchShape.length + event];
        java.util.Arrays.fill(shape, 1);
        shape[0] = n;
        if (event == 1) {
            shape[shape.length - 1] = values.shape()[1];
        }
        Tensor v = values.reshape(shape);
        if (!expand) {
            return v;
        }
        int[] full = shape.clone();
        System.arraycopy(batchShape, 0, full, 1, batchShape.length);
        return v.expand(full);
    }

    /** The standard deviation: the variance's square root. */
    public Tensor stddev() {
        return variance().sqrt();
    }

    /** {@code sampleShape} followed by the batch shape. */
    protected final int[] extendedShape(int[] sampleShape) {
        int[] out = Arrays.copyOf(sampleShape, sampleShape.length + batchShape.length);
        System.arraycopy(batchShape, 0, out, sampleShape.length, batchShape.length);
        return out;
    }

    /**
     * Refuses a parameter or value ({@code what}, of this shape and these row-major values) unless {@code okAt} holds
     * for every element index, naming the first that fails, its value and position, as PyTorch's argument validation.
     */
    static void require(String family, String what, int[] shape, float[] values, String constraint,
                        IntPredicate okAt) {
        for (int i = 0; i < values.length; i++) {
            if (!okAt.test(i)) {
                throw new IllegalArgumentException("Expected " + what + " of " + family + " (shape "
                        + Arrays.toString(shape) + ") to satisfy the constraint " + constraint + ", but found "
                        + values[i] + " at flat position " + i);
            }
        }
    }

    /** Both tensors expanded to their broadcast shape, as PyTorch's {@code broadcast_all}. */
    static Tensor[] broadcastAll(String op, Tensor a, Tensor b) {
        int[] shape = Tensor.broadcastShapes(op, a.shape(), b.shape());
        return new Tensor[] {a.expand(shape), b.expand(shape)};
    }

    /**
     * Refuses a value of a distribution on the simplex ({@code family}'s, of k categories) unless its last dimension is
     * the k categories and every row lies on the simplex: non-negative, summing to 1 within 1e-6 (PyTorch's Simplex()
     * constraint), naming the first element that does not.
     */
    static void requireSimplex(String family, Tensor value, int k) {
        if (value.dim() < 1 || value.shape()[value.dim() - 1] != k) {
            throw new IllegalArgumentException(family + ": a value's last dimension must be the " + k
                    + " categories, got shape " + Arrays.toString(value.shape()));
        }
        float[] v = value.contiguous().toArray();
        double[] sums = rowSums(v, k);
        require(family, "value", value.shape(), v, "Simplex()", i -> v[i] >= 0f && Math.abs(sums[i / k] - 1) < 1e-6);
    }

    /** The sums of each run of k consecutive values (a value's rows along its last dimension), in double. */
    static double[] rowSums(float[] values, int k) {
        double[] sums = new double[k == 0 ? 0 : values.length / k];
        for (int i = 0; i < values.length; i++) {
            sums[i / k] += values[i];
        }
        return sums;
    }

    /** {@code log(p) - log1p(-p)}: the log-odds of p, unclamped. */
    static Tensor logOdds(Tensor p) {
        return p.log().sub(p.neg().log1p());
    }

    /**
     * PyTorch's {@code probs_to_logits(probs, is_binary=True)}: the log-odds of the probabilities clamped to [eps, 1 -
     * eps], so that 0 and 1 give finite logits.
     */
    static Tensor logitsOfProbs(Tensor probs) {
        return logOdds(probs.clamp(EPS, 1f - EPS));
    }

    /** The smallest float probability kept away from 0 and 1 (PyTorch's {@code clamp_probs}: float32's epsilon). */
    static final float EPS = Math.ulp(1f);
}

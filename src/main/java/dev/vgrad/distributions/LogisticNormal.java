package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * The logistic-normal distribution on the simplex, as {@code torch.distributions.LogisticNormal(loc, scale)}: a
 * Normal(loc, scale) draw of K - 1 values sent onto K probabilities by PyTorch's stick-breaking transform, step for
 * step (its offsets, its sigmoid clipped to [tiny, 1 - eps]), so rsample is PyTorch's for a seed and logProb takes the
 * transform's inverse and log-Jacobian as PyTorch does. Event shape [K], batch shape loc's without its last dimension
 * (a 0-D loc and scale make one distribution over two categories). PyTorch defines no mean, variance or entropy for it;
 * neither does this.
 */
public final class LogisticNormal extends Distribution {
    private static final StickBreakingTransform STICK_BREAKING = new StickBreakingTransform();
    private final Normal base;
    /** The number of categories, K: one more than the base's last dimension. */
    private final int k;

    /**
     * Logistic-normal distributions whose base normals have means loc and standard deviations scale (broadcast
     * together; the last dimension holds the K - 1 values of one distribution).
     *
     * @throws IllegalArgumentException if a scale is not positive, naming it and its position (the base Normal's check)
     */
    public LogisticNormal(Tensor loc, Tensor scale) {
        this(baseOf(loc, scale));
    }

    private LogisticNormal(Normal base) {
        super(Arrays.copyOf(base.batchShape(), base.batchShape().length - 1));
        this.base = base;
        this.k = base.batchShape()[base.batchShape().length - 1] + 1;
    }

    /** PyTorch's base: Normal(loc, scale), expanded to one value where both are 0-D. */
    private static Normal baseOf(Tensor loc, Tensor scale) {
        Normal normal = new Normal(loc, scale);
        return normal.batchShape().length > 0 ? normal : new Normal(loc.reshape(1), scale.reshape(1));
    }

    @Override
    public int[] eventShape() {
        return new int[] {k};
    }

    /** The base normal's draw (PyTorch's) sent through the stick-breaking transform. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return STICK_BREAKING.call(base.rsample(g, sampleShape));
    }

    /**
     * The base normal's log-density at the transform's inverse of value, summed over the K - 1 values, less the
     * transform's log-Jacobian there, as PyTorch's TransformedDistribution computes it.
     */
    @Override
    public Tensor logProb(Tensor value) {
        requireSimplex("LogisticNormal", value, k);
        Tensor x = STICK_BREAKING.inv(value);
        return base.logProb(x).sum(-1, false).sub(STICK_BREAKING.logAbsDetJacobian(x, value));
    }

    /** @throws UnsupportedOperationException always (PyTorch's NotImplementedError) */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("LogisticNormal has no entropy (PyTorch's raises NotImplementedError)");
    }

    /** @throws UnsupportedOperationException always (PyTorch's NotImplementedError) */
    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("LogisticNormal has no mean (PyTorch's raises NotImplementedError)");
    }

    /** @throws UnsupportedOperationException always (PyTorch's NotImplementedError) */
    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("LogisticNormal has no variance (PyTorch's raises "
                + "NotImplementedError)");
    }
}

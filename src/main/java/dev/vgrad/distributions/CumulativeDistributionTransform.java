package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * y = F(x), a distribution's cdf, as {@code torch.distributions.transforms.CumulativeDistributionTransform}: the
 * inverse is its icdf and log |det J| its log density, so a {@link TransformedDistribution} through it is a copula
 * (a multivariate normal through a standard normal's cdf: the Gaussian copula).
 */
public final class CumulativeDistributionTransform extends Transform {
    private final Distribution distribution;

    /** Without a cache. */
    public CumulativeDistributionTransform(Distribution distribution) {
        this(distribution, 0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public CumulativeDistributionTransform(Distribution distribution, int cacheSize) {
        super(cacheSize);
        if (distribution == null) {
            throw new IllegalArgumentException("CumulativeDistributionTransform needs a distribution");
        }
        this.distribution = distribution;
    }

    /** The distribution whose cdf this is. */
    public Distribution distribution() {
        return distribution;
    }

    @Override
    protected Tensor forward(Tensor x) {
        return distribution.cdf(x);
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return distribution.icdf(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return distribution.logProb(x);
    }

    /** The distribution's support. */
    @Override
    public Constraint domain() {
        return distribution.support();
    }

    @Override
    public Constraint codomain() {
        return Constraints.UNIT_INTERVAL;
    }

    @Override
    public boolean bijective() {
        return true;
    }

    @Override
    public int sign() {
        return 1;
    }
}

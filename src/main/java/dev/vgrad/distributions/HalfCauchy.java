package dev.vgrad.distributions;

import dev.vgrad.Tensor;

/**
 * The absolute value of a Cauchy(0, scale) variable, as {@code torch.distributions.HalfCauchy}: draws, density and
 * entropy are the Cauchy's folded onto [0, inf) ({@link Folded}); mean and variance infinite, as PyTorch's.
 */
public final class HalfCauchy extends Folded {
    private final Tensor scale;

    /**
     * Half-Cauchy distributions with scales scale.
     *
     * @throws IllegalArgumentException if a scale is not positive, naming it and its position
     */
    public HalfCauchy(Tensor scale) {
        super("HalfCauchy", new Cauchy(scale.zerosLike(), scale));
        this.scale = scale;
    }

    /** Infinite: the half-Cauchy distribution has no finite mean. */
    @Override
    public Tensor mean() {
        return Tensor.full(Float.POSITIVE_INFINITY, batchShape.clone());
    }

    /** Infinite, as PyTorch's (the Cauchy's variance). */
    @Override
    public Tensor variance() {
        return Tensor.full(Float.POSITIVE_INFINITY, batchShape.clone());
    }

    /** The scales. */
    public Tensor scale() {
        return scale;
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public HalfCauchy expand(int... batchShape) {
        return new HalfCauchy(scale.expand(batchShape));
    }
}

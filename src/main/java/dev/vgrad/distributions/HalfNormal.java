package dev.vgrad.distributions;

import dev.vgrad.Tensor;

/**
 * The half-normal distribution |N(0, scale^2)|, as {@code torch.distributions.HalfNormal}; scales must be positive.
 * Draws, density and entropy are the normal's folded onto [0, inf) ({@link Folded}).
 */
public final class HalfNormal extends Folded {
    private final Normal base;

    /**
     * Half-normals of the given scales.
     *
     * @throws IllegalArgumentException if a scale is not positive, naming it and its position
     */
    public HalfNormal(Tensor scale) {
        this(new Normal(scale.detach().zerosLike(), scale));
    }

    private HalfNormal(Normal base) {
        super("HalfNormal", base);
        this.base = base;
    }

    /** {@code scale sqrt(2 / pi)}. */
    @Override
    public Tensor mean() {
        return base.scale().mul((float) Math.sqrt(2 / Math.PI));
    }

    /** {@code scale^2 (1 - 2 / pi)}. */
    @Override
    public Tensor variance() {
        return base.scale().pow(2f).mul((float) (1 - 2 / Math.PI));
    }

    /** The scales. */
    public Tensor scale() {
        return base.scale();
    }

    Normal base() {
        return base;
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public HalfNormal expand(int... batchShape) {
        return new HalfNormal(base.scale().expand(batchShape));
    }
}

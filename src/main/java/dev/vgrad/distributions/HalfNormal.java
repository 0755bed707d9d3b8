package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** The half-normal distribution |N(0, scale^2)|, as {@code torch.distributions.HalfNormal}; scales must be positive. */
public final class HalfNormal extends Distribution {
    private static final float LOG2 = (float) Math.log(2);
    private final Normal base;

    /**
     * Half-normals of the given scales.
     *
     * @throws IllegalArgumentException if a scale is not positive, naming it and its position
     */
    public HalfNormal(Tensor scale) {
        super(scale.shape());
        this.base = new Normal(scale.detach().zerosLike(), scale);
    }

    /** {@code |scale eps|}: the normal's draw, folded (PyTorch's draws for a seed). */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return base.rsample(g, sampleShape).abs();
    }

    /** The normal's log-density plus log 2; -infinity below 0 (PyTorch's value). */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("HalfNormal", "value", value.shape(), v, "GreaterThanEq(lower_bound=0.0)", i -> v[i] >= 0f);
        return base.logProb(value).add(LOG2);
    }

    /** The normal's entropy less log 2. */
    @Override
    public Tensor entropy() {
        return base.entropy().sub(LOG2);
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
}

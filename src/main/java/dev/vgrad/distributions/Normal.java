package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** The normal distribution N(loc, scale^2), as {@code torch.distributions.Normal}; scale must be positive. */
public final class Normal extends Distribution {
    private static final double LOG_SQRT_2PI = Math.log(Math.sqrt(2 * Math.PI));
    private static final float SQRT_2 = (float) Math.sqrt(2.0);
    private final Tensor loc;
    private final Tensor scale;

    /**
     * Normals with means {@code loc} and standard deviations {@code scale}, broadcast together.
     *
     * @throws IllegalArgumentException if a scale is not positive or a mean is NaN, naming it and its position
     */
    public Normal(Tensor loc, Tensor scale) {
        this(broadcastAll("Normal", loc, scale));
    }

    /** One normal with mean {@code loc} and standard deviation {@code scale}. */
    public Normal(float loc, float scale) {
        this(Tensor.scalar(loc), Tensor.scalar(scale));
    }

    private Normal(Tensor[] params) {
        super(params[0].shape());
        float[] l = params[0].toArray(), s = params[1].toArray();
        require("Normal", "parameter loc", params[0].shape(), l, "Real()", i -> l[i] == l[i]);
        require("Normal", "parameter scale", params[1].shape(), s, "GreaterThan(lower_bound=0.0)", i -> s[i] > 0f);
        this.loc = params[0];
        this.scale = params[1];
    }

    /** {@code loc + eps * scale}, eps standard normal from g (PyTorch's draws for a seed: randn's, then the map). */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor eps = Tensor.randn(g, extendedShape(sampleShape));
        return loc.add(eps.mul(scale));
    }

    /** PyTorch's {@code 0.5 (1 + erf((x - loc) / scale / sqrt 2))}, reciprocal and all. */
    @Override
    public Tensor cdf(Tensor value) {
        float[] v = value.toArray();
        require("Normal", "value", value.shape(), v, "Real()", i -> v[i] == v[i]);
        return value.sub(loc).mul(scale.reciprocal()).div(SQRT_2).erf().add(1f).mul(0.5f);
    }

    /** PyTorch's {@code loc + scale erfinv(2 p - 1) sqrt 2}. */
    @Override
    public Tensor icdf(Tensor value) {
        return loc.add(scale.mul(value.mul(2f).sub(1f).erfinv()).mul(SQRT_2));
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Normal expand(int... batchShape) {
        return new Normal(loc.expand(batchShape), scale.expand(batchShape));
    }

    /** {@code -(x - loc)^2 / (2 scale^2) - log(scale) - log(sqrt(2 pi))}. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Normal", "value", value.shape(), v, "Real()", i -> v[i] == v[i]);
        Tensor var = scale.pow(2f);
        return value.sub(loc).pow(2f).neg().div(var.mul(2f)).sub(scale.log()).sub((float) LOG_SQRT_2PI);
    }

    /** {@code 0.5 + 0.5 log(2 pi) + log(scale)}. */
    @Override
    public Tensor entropy() {
        return scale.log().add((float) (0.5 + 0.5 * Math.log(2 * Math.PI)));
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    @Override
    public Tensor variance() {
        return scale.pow(2f);
    }

    @Override
    public Tensor stddev() {
        return scale;
    }

    /** The means. */
    public Tensor loc() {
        return loc;
    }

    /** The standard deviations. */
    public Tensor scale() {
        return scale;
    }
}

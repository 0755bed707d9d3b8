package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The Cauchy distribution of location loc and scale gamma, as {@code torch.distributions.Cauchy}: its mean is NaN and
 * its variance infinite, as PyTorch reports them.
 */
public final class Cauchy extends Distribution {
    private static final double LOG_PI = Math.log(Math.PI), LOG_4PI = Math.log(4 * Math.PI);
    private final Tensor loc;
    private final Tensor scale;

    /**
     * Cauchy distributions with locations loc and scales scale, broadcast together.
     *
     * @throws IllegalArgumentException if a scale is not positive or a location is NaN, naming it and its position
     */
    public Cauchy(Tensor loc, Tensor scale) {
        this(broadcastAll("Cauchy", loc, scale));
    }

    private Cauchy(Tensor[] params) {
        super(params[0].shape());
        float[] l = params[0].toArray(), s = params[1].toArray();
        require("Cauchy", "parameter loc", params[0].shape(), l, "Real()", i -> l[i] == l[i]);
        require("Cauchy", "parameter scale", params[1].shape(), s, "GreaterThan(lower_bound=0.0)", i -> s[i] > 0f);
        this.loc = params[0];
        this.scale = params[1];
    }

    /** {@code loc + scale eps}, eps standard Cauchy from g as PyTorch's {@code cauchy_()} draws it. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return loc.add(Tensor.cauchy(g, extendedShape(sampleShape)).mul(scale));
    }

    /** {@code atan((x - loc) / scale) / pi + 0.5}. */
    @Override
    public Tensor cdf(Tensor value) {
        float[] v = value.toArray();
        require("Cauchy", "value", value.shape(), v, "Real()", i -> v[i] == v[i]);
        return value.sub(loc).div(scale).atan().div((float) Math.PI).add(0.5f);
    }

    /** {@code tan(pi (p - 0.5)) scale + loc}. */
    @Override
    public Tensor icdf(Tensor value) {
        return value.sub(0.5f).mul((float) Math.PI).tan().mul(scale).add(loc);
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Cauchy expand(int... batchShape) {
        return new Cauchy(loc.expand(batchShape), scale.expand(batchShape));
    }

    /** {@code -log(pi) - log(scale) - log(1 + ((x - loc) / scale)^2)}. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Cauchy", "value", value.shape(), v, "Real()", i -> v[i] == v[i]);
        return value.sub(loc).div(scale).pow(2f).log1p().neg().sub((float) LOG_PI).sub(scale.log());
    }

    /** {@code log(4 pi) + log(scale)}. */
    @Override
    public Tensor entropy() {
        return scale.log().add((float) LOG_4PI);
    }

    /** NaN everywhere: the Cauchy distribution has no mean. */
    @Override
    public Tensor mean() {
        return Tensor.full(Float.NaN, batchShape);
    }

    /** Infinite everywhere. */
    @Override
    public Tensor variance() {
        return Tensor.full(Float.POSITIVE_INFINITY, batchShape);
    }

    /** The locations. */
    public Tensor loc() {
        return loc;
    }

    /** The scales. */
    public Tensor scale() {
        return scale;
    }
}

package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** The Laplace distribution of location loc and scale b, as {@code torch.distributions.Laplace}. */
public final class Laplace extends Distribution {

    /** float's machine epsilon: PyTorch draws u from [eps - 1, 1) so that log1p(-|u|) stays finite. */
    private static final float EPS = Math.ulp(1f);
    private final Tensor loc;
    private final Tensor scale;

    /**
     * Laplace distributions with locations loc and scales scale, broadcast together.
     *
     * @throws IllegalArgumentException if a scale is not positive or a location is NaN, naming it and its position
     */
    public Laplace(Tensor loc, Tensor scale) {
        this(broadcastAll("Laplace", loc, scale));
    }

    private Laplace(Tensor[] params) {
        super(params[0].shape());
        float[] l = params[0].toArray(), s = params[1].toArray();
        require("Laplace", "parameter loc", params[0].shape(), l, "Real()", i -> l[i] == l[i]);
        require("Laplace", "parameter scale", params[1].shape(), s, "GreaterThan(lower_bound=0.0)", i -> s[i] > 0f);
        this.loc = params[0];
        this.scale = params[1];
    }

    /** {@code loc - scale sign(u) log1p(-|u|)}, u uniform in [eps - 1, 1) from g (PyTorch's draws for a seed). */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor u = Tensor.uniform(g, EPS - 1f, 1f, extendedShape(sampleShape));
        return loc.sub(scale.mul(u.sign().mul(u.abs().neg().log1p())));
    }

    /** {@code 0.5 - 0.5 sign(x - loc) expm1(-|x - loc| / scale)}. */
    @Override
    public Tensor cdf(Tensor value) {
        float[] v = value.toArray();
        require("Laplace", "value", value.shape(), v, "Real()", i -> v[i] == v[i]);
        Tensor d = value.sub(loc);
        return d.sign().mul(0.5f).mul(d.abs().neg().div(scale).expm1()).neg().add(0.5f);
    }

    /** {@code loc - scale sign(p - 0.5) log1p(-2 |p - 0.5|)}. */
    @Override
    public Tensor icdf(Tensor value) {
        Tensor term = value.sub(0.5f);
        return loc.sub(scale.mul(term.sign()).mul(term.abs().mul(-2f).log1p()));
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Laplace expand(int... batchShape) {
        return new Laplace(loc.expand(batchShape), scale.expand(batchShape));
    }

    /** {@code -log(2 scale) - |x - loc| / scale}. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Laplace", "value", value.shape(), v, "Real()", i -> v[i] == v[i]);
        return scale.mul(2f).log().neg().sub(value.sub(loc).abs().div(scale));
    }

    /** {@code 1 + log(2 scale)}. */
    @Override
    public Tensor entropy() {
        return scale.mul(2f).log().add(1f);
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    @Override
    public Tensor variance() {
        return scale.pow(2f).mul(2f);
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

package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** The Gumbel distribution of location loc and scale beta, as {@code torch.distributions.Gumbel}. */
public final class Gumbel extends Distribution {

    static final double EULER_GAMMA = 0.5772156649015329;
    /** PyTorch's base uniform: [float's smallest normal, 1 - eps), so that log(-log(u)) stays finite. */
    private static final float LOW = Float.MIN_NORMAL, HIGH = 1f - Math.ulp(1f);
    private final Tensor loc;
    private final Tensor scale;

    /**
     * Gumbel distributions with locations loc and scales scale, broadcast together.
     *
     * @throws IllegalArgumentException if a scale is not positive or a location is NaN, naming it and its position
     */
    public Gumbel(Tensor loc, Tensor scale) {
        this(broadcastAll("Gumbel", loc, scale));
    }

    private Gumbel(Tensor[] params) {
        super(params[0].shape());
        float[] l = params[0].toArray(), s = params[1].toArray();
        require("Gumbel", "parameter loc", params[0].shape(), l, "Real()", i -> l[i] == l[i]);
        require("Gumbel", "parameter scale", params[1].shape(), s, "GreaterThan(lower_bound=0.0)", i -> s[i] > 0f);
        this.loc = params[0];
        this.scale = params[1];
    }

    /**
     * {@code loc - scale log(-log(u))}, u = low + rand (high - low) as PyTorch's transformed uniform draws it for a
     * seed.
     */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor u = Tensor.rand(g, extendedShape(sampleShape)).mul(HIGH - LOW).add(LOW);
        return loc.sub(scale.mul(u.log().neg().log()));
    }

    /** PyTorch's form of this family: Uniform(tiny, 1 - eps) through log, negation, log and loc - scale x. */
    @Override
    TransformedDistribution asTransformed() {
        return new TransformedDistribution(new Uniform(Tensor.full(Float.MIN_NORMAL, loc.shape()),
                Tensor.full(1f - Math.ulp(1f), loc.shape())), new ExpTransform().inv(),
                new AffineTransform(Tensor.scalar(0f), scale.onesLike().neg()), new ExpTransform().inv(),
                new AffineTransform(loc, scale.neg()));
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Gumbel expand(int... batchShape) {
        return new Gumbel(loc.expand(batchShape), scale.expand(batchShape));
    }

    /** {@code -(log(scale) + z + exp(-z))}, z = (x - loc) / scale. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Gumbel", "value", value.shape(), v, "Real()", i -> v[i] == v[i]);
        Tensor z = value.sub(loc).div(scale);
        return scale.log().add(z).add(z.neg().exp()).neg();
    }

    /** {@code log(scale) + 1 + gamma} (Euler's constant). */
    @Override
    public Tensor entropy() {
        return scale.log().add((float) (1 + EULER_GAMMA));
    }

    /** {@code loc + scale gamma}. */
    @Override
    public Tensor mean() {
        return loc.add(scale.mul((float) EULER_GAMMA));
    }

    /** {@code pi^2 / 6 scale^2}. */
    @Override
    public Tensor variance() {
        return scale.pow(2f).mul((float) (Math.PI * Math.PI / 6));
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

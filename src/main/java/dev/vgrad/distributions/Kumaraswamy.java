package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The Kumaraswamy distribution on [0, 1] of concentrations a (concentration1) and b (concentration0), as
 * {@code torch.distributions.Kumaraswamy}: PyTorch's Uniform(0, 1) draw u sent to {@code (1 - u^(1/b))^(1/a)}, so
 * rsample and logProb take its steps (the same draws for a seed).
 */
public final class Kumaraswamy extends Distribution {
    private static final float EULER = 0.57721566490153286061f;
    private final Tensor a;
    private final Tensor b;

    /**
     * Kumaraswamy distributions with concentrations concentration1 (a) and concentration0 (b), broadcast together.
     *
     * @throws IllegalArgumentException if a concentration is not positive, naming it and its position
     */
    public Kumaraswamy(Tensor concentration1, Tensor concentration0) {
        this(broadcastAll("Kumaraswamy", concentration1, concentration0));
    }

    private Kumaraswamy(Tensor[] params) {
        super(params[0].shape());
        float[] c1 = params[0].toArray(), c0 = params[1].toArray();
        require("Kumaraswamy", "parameter concentration1", params[0].shape(), c1, "GreaterThan(lower_bound=0.0)",
                i -> c1[i] > 0f);
        require("Kumaraswamy", "parameter concentration0", params[1].shape(), c0, "GreaterThan(lower_bound=0.0)",
                i -> c0[i] > 0f);
        this.a = params[0];
        this.b = params[1];
    }

    /** {@code (1 - u^(1/b))^(1/a)}, u uniform in [0, 1) from g. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor u = Tensor.rand(g, extendedShape(sampleShape));
        return u.pow(b.reciprocal()).mul(-1f).add(1f).pow(a.reciprocal());
    }

    /** PyTorch's form of this family: Uniform(0, 1) through u^(1/b), 1 - x and x^(1/a). */
    @Override
    TransformedDistribution asTransformed() {
        return new TransformedDistribution(new Uniform(b.zerosLike(), b.onesLike()),
                new PowerTransform(b.reciprocal(), 0), new AffineTransform(1f, -1f),
                new PowerTransform(a.reciprocal(), 0));
    }

    /** Through the three transforms in reverse, as PyTorch, each subtracting its log-Jacobian. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Kumaraswamy", "value", value.shape(), v, "Interval(lower_bound=0.0, upper_bound=1.0)",
                i -> v[i] >= 0f && v[i] <= 1f);
        Tensor ea = a.reciprocal(), eb = b.reciprocal();
        Tensor x2 = value.pow(ea.reciprocal());
        Tensor logProb = ea.mul(value).div(x2).abs().log().neg();
        Tensor x1 = x2.sub(1f).div(-1f);
        Tensor x0 = x1.pow(eb.reciprocal());
        // the uniform base's log-density: 0 inside [0, 1), -inf at 1 (a value of 0), as PyTorch's Uniform
        Tensor base = x0.ge(0f).mul(x0.lt(1f)).log();
        return logProb.sub(eb.mul(x1).div(x0).abs().log()).add(base);
    }

    /** {@code (1 - 1/b) + (1 - 1/a) (digamma(b + 1) + gamma) - log(a) - log(b)}. */
    @Override
    public Tensor entropy() {
        Tensor t1 = a.reciprocal().rsub(1f), t0 = b.reciprocal().rsub(1f);
        Tensor h0 = b.add(1f).digamma().add(EULER);
        return t0.add(t1.mul(h0)).sub(a.log()).sub(b.log());
    }

    @Override
    public Tensor mean() {
        return moment(1);
    }

    @Override
    public Tensor variance() {
        return moment(2).sub(mean().pow(2f));
    }

    /** The n-th moment, {@code b B(1 + n/a, b)}, through lgamma. */
    private Tensor moment(int n) {
        Tensor arg = a.reciprocal().mul(n).add(1f);
        return b.mul(arg.lgamma().add(b.lgamma()).sub(arg.add(b).lgamma()).exp());
    }

    /** The concentrations a (concentration1). */
    public Tensor concentration1() {
        return a;
    }

    /** The concentrations b (concentration0). */
    public Tensor concentration0() {
        return b;
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Kumaraswamy expand(int... batchShape) {
        return new Kumaraswamy(a.expand(batchShape), b.expand(batchShape));
    }
}

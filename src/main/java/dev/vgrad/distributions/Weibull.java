package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The Weibull distribution of scale and shape k (concentration), as {@code torch.distributions.Weibull}: PyTorch's
 * Exponential(1) raised to 1/k and scaled, so rsample and logProb take its steps (the same draws for a seed).
 */
public final class Weibull extends Distribution {
    private static final float EULER = 0.57721566490153286061f;
    private final Tensor scale;
    private final Tensor concentration;
    private final Tensor reciprocal;

    /**
     * Weibull distributions with scales scale and shapes concentration, broadcast together.
     *
     * @throws IllegalArgumentException if a scale or a shape is not positive, naming it and its position
     */
    public Weibull(Tensor scale, Tensor concentration) {
        this(broadcastAll("Weibull", scale, concentration));
    }

    private Weibull(Tensor[] params) {
        super(params[0].shape());
        float[] s = params[0].toArray(), k = params[1].toArray();
        require("Weibull", "parameter scale", params[0].shape(), s, "GreaterThan(lower_bound=0.0)", i -> s[i] > 0f);
        require("Weibull", "parameter concentration", params[1].shape(), k, "GreaterThan(lower_bound=0.0)",
                i -> k[i] > 0f);
        this.scale = params[0];
        this.concentration = params[1];
        this.reciprocal = params[1].reciprocal();
    }

    /** {@code scale e^(1/k)}, e an Exponential(1) draw from g. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return new Exponential(scale.onesLike()).rsample(g, sampleShape).pow(reciprocal).mul(scale);
    }

    /** PyTorch's form of this family: Exponential(1) through x^(1/concentration) and scale x. */
    @Override
    TransformedDistribution asTransformed() {
        return new TransformedDistribution(new Exponential(scale.onesLike()), new PowerTransform(reciprocal, 0),
                new AffineTransform(Tensor.scalar(0f), scale));
    }

    /** Through the transforms, as PyTorch: {@code -log(scale) - log|(1/k) y / x| - x}, y = x / scale, x = y^k. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("Weibull", "value", value.shape(), v, "GreaterThan(lower_bound=0.0)", i -> v[i] > 0f);
        Tensor y = value.div(scale), x = y.pow(reciprocal.reciprocal());
        Tensor logProb = scale.abs().log().neg().expand(y.shape()).sub(reciprocal.mul(y).div(x).abs().log());
        return logProb.add(x.neg());
    }

    /** {@code gamma (1 - 1/k) + log(scale / k) + 1}, gamma Euler's constant. */
    @Override
    public Tensor entropy() {
        return reciprocal.rsub(1f).mul(EULER).add(scale.mul(reciprocal).log()).add(1f);
    }

    /** {@code scale Gamma(1 + 1/k)}. */
    @Override
    public Tensor mean() {
        return scale.mul(reciprocal.add(1f).lgamma().exp());
    }

    /** {@code scale^2 (Gamma(1 + 2/k) - Gamma(1 + 1/k)^2)}. */
    @Override
    public Tensor variance() {
        return scale.pow(2f).mul(reciprocal.mul(2f).add(1f).lgamma().exp()
                .sub(reciprocal.add(1f).lgamma().mul(2f).exp()));
    }

    /** The scales. */
    public Tensor scale() {
        return scale;
    }

    /** The shapes k. */
    public Tensor concentration() {
        return concentration;
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Weibull expand(int... batchShape) {
        return new Weibull(scale.expand(batchShape), concentration.expand(batchShape));
    }
}

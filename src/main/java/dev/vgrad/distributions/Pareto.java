package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * The Pareto (type I) distribution of scale and shape alpha, as {@code torch.distributions.Pareto}: PyTorch's
 * Exponential(alpha) sent through exp and scaled, so rsample and logProb take its steps (the same draws for a seed).
 */
public final class Pareto extends Distribution {
    private final Tensor scale;
    private final Tensor alpha;

    /**
     * Pareto distributions with scales scale and shapes alpha, broadcast together.
     *
     * @throws IllegalArgumentException if a scale or a shape is not positive, naming it and its position
     */
    public Pareto(Tensor scale, Tensor alpha) {
        this(broadcastAll("Pareto", scale, alpha));
    }

    private Pareto(Tensor[] params) {
        super(params[0].shape());
        float[] s = params[0].toArray(), a = params[1].toArray();
        require("Pareto", "parameter scale", params[0].shape(), s, "GreaterThan(lower_bound=0.0)", i -> s[i] > 0f);
        require("Pareto", "parameter alpha", params[1].shape(), a, "GreaterThan(lower_bound=0.0)", i -> a[i] > 0f);
        this.scale = params[0];
        this.alpha = params[1];
    }

    /** {@code scale exp(e)}, e an Exponential(alpha) draw from g. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return new Exponential(alpha).rsample(g, sampleShape).exp().mul(scale);
    }

    /** PyTorch's form of this family: Exponential(alpha) through exp and scale x. */
    @Override
    TransformedDistribution asTransformed() {
        return new TransformedDistribution(new Exponential(alpha), new ExpTransform(),
                new AffineTransform(Tensor.scalar(0f), scale));
    }

    /** {@code log(alpha) - (alpha + 1) log(x / scale) - log(scale)}, for x at least the scale. */
    @Override
    public Tensor logProb(Tensor value) {
        Tensor[] both = broadcastAll("Pareto", value, scale);
        float[] v = both[0].toArray(), s = both[1].toArray();
        require("Pareto", "value", both[0].shape(), v, "GreaterThanEq(lower_bound=scale)", i -> v[i] >= s[i]);
        Tensor relative = value.div(scale), x = relative.log();
        Tensor logProb = scale.abs().log().neg().expand(relative.shape()).sub(x);
        return logProb.add(alpha.log().sub(alpha.mul(x)));
    }

    /** {@code log(scale / alpha) + 1 + 1 / alpha}. */
    @Override
    public Tensor entropy() {
        return scale.div(alpha).log().add(alpha.reciprocal().add(1f));
    }

    /** {@code alpha scale / (alpha - 1)}, infinite for alpha at most 1. */
    @Override
    public Tensor mean() {
        Tensor a = alpha.clampMin(1f);
        return a.mul(scale).div(a.sub(1f));
    }

    /** {@code scale^2 alpha / ((alpha - 1)^2 (alpha - 2))}, infinite for alpha at most 2. */
    @Override
    public Tensor variance() {
        Tensor a = alpha.clampMin(2f);
        return scale.pow(2f).mul(a).div(a.sub(1f).pow(2f).mul(a.sub(2f)));
    }

    /** The scales. */
    public Tensor scale() {
        return scale;
    }

    /** The shapes. */
    public Tensor alpha() {
        return alpha;
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Pareto expand(int... batchShape) {
        return new Pareto(scale.expand(batchShape), alpha.expand(batchShape));
    }

    @Override
    public Constraint support() {
        return Constraints.greaterThanEq(scale);
    }
}

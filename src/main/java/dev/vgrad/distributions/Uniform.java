package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/** The uniform distribution on [low, high), as {@code torch.distributions.Uniform}; low must be below high. */
public final class Uniform extends Distribution {
    private final Tensor low;
    private final Tensor high;

    /**
     * Uniforms on [low, high), broadcast together.
     *
     * @throws IllegalArgumentException if a low bound is not below its high bound, naming its position
     */
    public Uniform(Tensor low, Tensor high) {
        this(broadcastAll("Uniform", low, high));
    }

    /** One uniform on [low, high). */
    public Uniform(float low, float high) {
        this(Tensor.scalar(low), Tensor.scalar(high));
    }

    private Uniform(Tensor[] params) {
        super(params[0].shape());
        float[] lo = params[0].toArray(), hi = params[1].toArray();
        require("Uniform", "parameter low", params[0].shape(), lo, "LessThan(upper_bound=high)", i -> lo[i] < hi[i]);
        this.low = params[0];
        this.high = params[1];
    }

    /** {@code low + u * (high - low)}, u uniform on [0, 1) from g (PyTorch's draws for a seed). */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor u = Tensor.rand(g, extendedShape(sampleShape));
        return low.add(u.mul(high.sub(low)));
    }

    /** {@code (x - low) / (high - low)}, clamped to [0, 1]. */
    @Override
    public Tensor cdf(Tensor value) {
        Tensor[] b = broadcastAll("Uniform.cdf", value, low);
        float[] v = b[0].toArray(), lo = b[1].toArray(), hi = high.expand(b[0].shape()).toArray();
        require("Uniform", "value", b[0].shape(), v, "Interval(lower_bound=low, upper_bound=high)",
                i -> v[i] >= lo[i] && v[i] < hi[i]);
        return value.sub(low).div(high.sub(low)).clamp(0f, 1f);
    }

    /** {@code p (high - low) + low}. */
    @Override
    public Tensor icdf(Tensor value) {
        return value.mul(high.sub(low)).add(low);
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Uniform expand(int... batchShape) {
        return new Uniform(low.expand(batchShape), high.expand(batchShape));
    }

    /**
     * {@code -log(high - low)} inside [low, high), as PyTorch's {@code log(lb * ub) - log(high - low)}.
     *
     * @throws IllegalArgumentException for a value outside [low, high), as PyTorch's support check
     */
    @Override
    public Tensor logProb(Tensor value) {
        Tensor[] b = broadcastAll("Uniform.logProb", value, low);
        float[] v = b[0].toArray(), lo = b[1].toArray(), hi = high.expand(b[0].shape()).toArray();
        require("Uniform", "value", b[0].shape(), v, "Interval(lower_bound=low, upper_bound=high)",
                i -> v[i] >= lo[i] && v[i] < hi[i]);
        Tensor inside = low.le(value).mul(high.gt(value));
        return inside.log().sub(high.sub(low).log());
    }

    /** {@code log(high - low)}. */
    @Override
    public Tensor entropy() {
        return high.sub(low).log();
    }

    @Override
    public Tensor mean() {
        return high.add(low).div(2f);
    }

    @Override
    public Tensor variance() {
        return high.sub(low).pow(2f).div(12f);
    }

    /** The low bounds. */
    public Tensor low() {
        return low;
    }

    /** The high bounds. */
    public Tensor high() {
        return high;
    }

    @Override
    public Constraint support() {
        return Constraints.interval(low, high);
    }
}

package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** The chi-squared distribution of df degrees of freedom: Gamma(df / 2, 1 / 2), as {@code torch.distributions.Chi2}. */
public final class Chi2 extends Distribution {
    private final Tensor df;
    private final Gamma gamma;

    /**
     * Chi-squared distributions of the given degrees of freedom.
     *
     * @throws IllegalArgumentException if a df is not positive, naming it and its position
     */
    public Chi2(Tensor df) {
        super(df.shape());
        float[] d = df.toArray();
        require("Chi2", "parameter df", df.shape(), d, "GreaterThan(lower_bound=0.0)", i -> d[i] > 0f);
        this.df = df;
        this.gamma = new Gamma(df.mul(0.5f), Tensor.full(0.5f, df.shape()));
    }

    /** Gamma(df / 2, 1 / 2)'s rsample: differentiable in df, torch's values for a seed. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return gamma.rsample(g, sampleShape);
    }

    @Override
    public Tensor logProb(Tensor value) {
        return gamma.logProb(value);
    }

    @Override
    public Tensor entropy() {
        return gamma.entropy();
    }

    @Override
    public Tensor mean() {
        return gamma.mean();
    }

    @Override
    public Tensor variance() {
        return gamma.variance();
    }

    /** The degrees of freedom. */
    public Tensor df() {
        return df;
    }

    Gamma asGamma() {
        return gamma;
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public Chi2 expand(int... batchShape) {
        return new Chi2(df.expand(batchShape));
    }
}

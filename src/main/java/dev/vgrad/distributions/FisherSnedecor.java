package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The F distribution of df1 and df2 degrees of freedom, as {@code torch.distributions.FisherSnedecor}: PyTorch's
 * log-density and moments (NaN where they do not exist); rsample is PyTorch's ratio of Gamma rsamples (torch's values
 * for a seed, differentiable). PyTorch defines no entropy for it.
 */
public final class FisherSnedecor extends Distribution {
    private final Tensor df1;
    private final Tensor df2;

    /**
     * F distributions with degrees of freedom df1 and df2, broadcast together.
     *
     * @throws IllegalArgumentException if a degree of freedom is not positive, naming it and its position
     */
    public FisherSnedecor(Tensor df1, Tensor df2) {
        this(broadcastAll("FisherSnedecor", df1, df2));
    }

    private FisherSnedecor(Tensor[] params) {
        super(params[0].shape());
        float[] a = params[0].toArray(), b = params[1].toArray();
        String positive = "GreaterThan(lower_bound=0.0)";
        require("FisherSnedecor", "parameter df1", params[0].shape(), a, positive, i -> a[i] > 0f);
        require("FisherSnedecor", "parameter df2", params[1].shape(), b, positive, i -> b[i] > 0f);
        this.df1 = params[0];
        this.df2 = params[1];
    }

    /**
     * PyTorch's {@code X1 / X2}, X1 ~ Gamma(df1 / 2, df1) and X2 ~ Gamma(df2 / 2, df2) drawn in that order, X2 and the
     * ratio kept at or above float's smallest normal: torch's values for a seed, differentiable in both dfs.
     */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        Tensor x1 = new Gamma(df1.mul(0.5f), df1).rsample(g, sampleShape);
        Tensor x2 = new Gamma(df2.mul(0.5f), df2).rsample(g, sampleShape).clampMin(Float.MIN_NORMAL);
        return x1.div(x2).clampMin(Float.MIN_NORMAL);
    }

    /** PyTorch's {@code t1 + t2 - t3} of lgamma terms, the log of the ratio, and log1p. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("FisherSnedecor", "value", value.shape(), v, "GreaterThan(lower_bound=0.0)", i -> v[i] > 0f);
        Tensor ct1 = df1.mul(0.5f), ct2 = df2.mul(0.5f), ct3 = df1.div(df2);
        Tensor t1 = ct1.add(ct2).lgamma().sub(ct1.lgamma()).sub(ct2.lgamma());
        Tensor t2 = ct1.mul(ct3.log()).add(ct1.sub(1f).mul(value.log()));
        Tensor t3 = ct1.add(ct2).mul(ct3.mul(value).log1p());
        return t1.add(t2).sub(t3);
    }

    /** Refused: PyTorch's FisherSnedecor has no entropy. */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("FisherSnedecor has no entropy (PyTorch's raises NotImplementedError)");
    }

    /** {@code df2 / (df2 - 2)}, NaN for df2 at most 2. */
    @Override
    public Tensor mean() {
        Tensor d = df2.maskedFill(df2.le(2f), Float.NaN);
        return d.div(d.sub(2f));
    }

    /** {@code 2 df2^2 (df1 + df2 - 2) / (df1 (df2 - 2)^2 (df2 - 4))}, NaN for df2 at most 4. */
    @Override
    public Tensor variance() {
        Tensor d = df2.maskedFill(df2.le(4f), Float.NaN);
        return d.pow(2f).mul(2f).mul(df1.add(d).sub(2f)).div(df1.mul(d.sub(2f).pow(2f)).mul(d.sub(4f)));
    }

    /** The first degrees of freedom. */
    public Tensor df1() {
        return df1;
    }

    /** The second degrees of freedom. */
    public Tensor df2() {
        return df2;
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public FisherSnedecor expand(int... batchShape) {
        return new FisherSnedecor(df1.expand(batchShape), df2.expand(batchShape));
    }
}

package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * Student's t distribution of df degrees of freedom, location loc and scale, as {@code torch.distributions.StudentT}:
 * mean NaN where df <= 1, variance infinite where 1 < df <= 2 and NaN where df <= 1, as PyTorch reports them.
 * {@code rsample} is PyTorch's loc + scale N / sqrt(chi2(df) / df), the normal drawn first: differentiable in all
 * three parameters, torch's values for a seed.
 */
public final class StudentT extends Distribution {
    private static final double HALF_LOG_PI = 0.5 * Math.log(Math.PI), LGAMMA_HALF = 0.5723649429247001;
    private final Tensor df;
    private final Tensor loc;
    private final Tensor scale;

    /**
     * Student's t distributions, the three parameters broadcast together.
     *
     * @throws IllegalArgumentException if a df or scale is not positive or a location is NaN, naming it
     */
    public StudentT(Tensor df, Tensor loc, Tensor scale) {
        super(Tensor.broadcastShapes("StudentT", Tensor.broadcastShapes("StudentT", df.shape(), loc.shape()),
                scale.shape()));
        this.df = df.expand(batchShape);
        this.loc = loc.expand(batchShape);
        this.scale = scale.expand(batchShape);
        float[] d = this.df.toArray(), l = this.loc.toArray(), s = this.scale.toArray();
        require("StudentT", "parameter df", batchShape, d, "GreaterThan(lower_bound=0.0)", i -> d[i] > 0f);
        require("StudentT", "parameter loc", batchShape, l, "Real()", i -> l[i] == l[i]);
        require("StudentT", "parameter scale", batchShape, s, "GreaterThan(lower_bound=0.0)", i -> s[i] > 0f);
    }

    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        int[] shape = extendedShape(sampleShape);
        Tensor x = Tensor.randn(g, shape);
        Tensor z = new Chi2(df).rsample(g, sampleShape);
        return loc.add(scale.mul(x.mul(z.div(df).rsqrt())));
    }

    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("StudentT", "value", value.shape(), v, "Real()", i -> v[i] == v[i]);
        Tensor y = value.sub(loc).div(scale);
        Tensor z = scale.log().add(df.log().mul(0.5f)).add((float) HALF_LOG_PI).add(df.mul(0.5f).lgamma())
                .sub(df.add(1f).mul(0.5f).lgamma());
        return df.add(1f).mul(-0.5f).mul(y.pow(2f).div(df).log1p()).sub(z);
    }

    /** PyTorch's: {@code log(scale) + (df + 1) / 2 (psi((df + 1) / 2) - psi(df / 2)) + log(df) / 2 + lbeta}. */
    @Override
    public Tensor entropy() {
        Tensor half = df.mul(0.5f), halfPlus = df.add(1f).mul(0.5f);
        Tensor lbeta = half.lgamma().add((float) LGAMMA_HALF).sub(halfPlus.lgamma());
        return scale.log().add(df.add(1f).mul(0.5f).mul(halfPlus.digamma().sub(half.digamma())))
                .add(df.log().mul(0.5f)).add(lbeta);
    }

    /** loc where df > 1, else NaN. */
    @Override
    public Tensor mean() {
        return Tensor.where(df.gt(1f), loc, Tensor.scalar(Float.NaN));
    }

    /** {@code scale^2 df / (df - 2)} where df > 2, infinity where 1 < df <= 2, NaN where df <= 1. */
    @Override
    public Tensor variance() {
        Tensor finite = scale.pow(2f).mul(df).div(df.sub(2f));
        Tensor beyondOne = Tensor.where(df.gt(2f), finite, Tensor.scalar(Float.POSITIVE_INFINITY));
        return Tensor.where(df.gt(1f), beyondOne, Tensor.scalar(Float.NaN));
    }

    /** The degrees of freedom. */
    public Tensor df() {
        return df;
    }

    /** The locations. */
    public Tensor loc() {
        return loc;
    }

    /** The scales. */
    public Tensor scale() {
        return scale;
    }

    /** This family with its parameters expanded to batchShape (PyTorch's {@code expand}). */
    @Override
    public StudentT expand(int... batchShape) {
        return new StudentT(df.expand(batchShape), loc.expand(batchShape), scale.expand(batchShape));
    }
}

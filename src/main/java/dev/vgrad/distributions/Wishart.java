package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Linalg;
import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.Arrays;
import java.util.Map;

/**
 * The Wishart distribution over positive definite p x p matrices, as {@code torch.distributions.Wishart}: df degrees
 * of freedom (greater than p - 1) and a scale given by its covariance matrix, its precision matrix or its lower
 * Cholesky factor L (each factored as {@link MultivariateNormal} factors it). logProb, entropy, mean and variance are
 * PyTorch's formulas, differentiable in the parameters and the value; rsample is PyTorch's Bartlett decomposition on
 * PyTorch's chi-squared and normal draws, differentiable in df and the scale. (PyTorch 1.13's rsample also inverts its
 * singular-sample check: it warns "Singular sample detected." for every valid sample and returns a second draw in its
 * place, and backward through it fails; vgrad returns the first draw and differentiates it.) Event shape [p, p].
 */
public final class Wishart extends Distribution {
    private static final float LOG_2 = (float) Math.log(2.0);
    private final Tensor df;
    /** L, [..., p, p] as given or factored (PyTorch's _unbroadcasted_scale_tril). */
    private final Tensor scaleTril;
    private final int p;

    private Wishart(Tensor df, Tensor scaleTril, int[] batchShape) {
        super(batchShape);
        this.p = scaleTril.shape()[scaleTril.dim() - 1];
        this.df = df.expand(batchShape);
        float[] d = this.df.contiguous().toArray();
        for (float v : d) {
            if (!(v > p - 1)) {
                throw new IllegalArgumentException("Wishart: value of df=" + v
                        + " expected to be greater than ndim - 1 = " + (p - 1) + ".");
            }
        }
        this.scaleTril = scaleTril;
    }

    /** Wishart distributions with df degrees of freedom and these covariance matrices (symmetric positive definite). */
    public static Wishart withCovariance(Tensor df, Tensor covariance) {
        return of(df, MultivariateNormal.withCovariance(Tensor.zeros(size(covariance)), covariance));
    }

    /** Wishart distributions with df degrees of freedom and these precision (inverse covariance) matrices. */
    public static Wishart withPrecision(Tensor df, Tensor precision) {
        return of(df, MultivariateNormal.withPrecision(Tensor.zeros(size(precision)), precision));
    }

    /** Wishart distributions with df degrees of freedom and covariances L L^T for these lower Cholesky factors. */
    public static Wishart withScaleTril(Tensor df, Tensor scaleTril) {
        return of(df, MultivariateNormal.withScaleTril(Tensor.zeros(size(scaleTril)), scaleTril));
    }

    private static int size(Tensor matrix) {
        if (matrix.dim() < 2) {
            throw new IllegalArgumentException("Wishart: the scale must be at least two-dimensional, with optional "
                    + "leading batch dimensions, got shape " + Arrays.toString(matrix.shape()));
        }
        return matrix.shape()[matrix.dim() - 1];
    }

    /** The batch broadcast from the matrices' and df's shapes, as PyTorch's. */
    private static Wishart of(Tensor df, MultivariateNormal scale) {
        int[] batch = Tensor.broadcastShapes("Wishart", scale.batchShape(), df.shape());
        return new Wishart(df, scale.scaleTrilUnexpanded(), batch);
    }

    @Override
    public int[] eventShape() {
        return new int[] {p, p};
    }

    /** The covariance L L^T of each distribution, [batch..., p, p]. */
    public Tensor covarianceMatrix() {
        return scaleTril.matmul(scaleTril.mT()).expand(matrixShape());
    }

    private int[] matrixShape() {
        int[] shape = Arrays.copyOf(batchShape, batchShape.length + 2);
        shape[batchShape.length] = p;
        shape[batchShape.length + 1] = p;
        return shape;
    }

    /** {@code sum(log diag L)}, [batch...]: half the log-determinant of the covariance. */
    private Tensor halfLogDet() {
        return scaleTril.diagonal(0, -2, -1).log().sum(-1, false);
    }

    @Override
    public Tensor logProb(Tensor value) {
        requirePositiveDefinite(value);
        Tensor nu = df;
        Tensor logDetValue = Linalg.slogdet(value).get(1);
        Tensor trace = Linalg.choleskySolve(value, scaleTril, false).diagonal(0, -2, -1).sum(-1, false);
        return nu.mul(halfLogDet().add(p * LOG_2 / 2)).neg()
                .sub(nu.div(2f).mvlgamma(p))
                .add(nu.sub(p + 1f).div(2f).mul(logDetValue))
                .sub(trace.div(2f));
    }

    @Override
    public Tensor entropy() {
        Tensor nu = df;
        return halfLogDet().add(p * LOG_2 / 2).mul(p + 1f)
                .add(nu.div(2f).mvlgamma(p))
                .sub(nu.sub(p + 1f).div(2f).mul(multivariateDigamma(nu.div(2f))))
                .add(nu.mul(p / 2f));
    }

    /**
     * KL(this || q), batch by batch: {@code nu_q (log|V_q| - log|V_p|) / 2 + nu_p (tr(V_q^-1 V_p) - p) / 2 +
     * log Gamma_p(nu_q / 2) - log Gamma_p(nu_p / 2) + (nu_p - nu_q) psi_p(nu_p / 2) / 2}, the value of PyTorch's
     * exponential-family (Bregman) form for one pair. PyTorch 1.13 reaches it through the log normalizer's gradient
     * with p's natural parameters detached, so its KL gives p's parameters no gradient, and its sum over the event
     * dimensions also sums the df terms over the last two batch dimensions (a batch of two pairs gets values mixed
     * across the pairs); vgrad's closed form differentiates in both and keeps pairs apart.
     */
    Tensor klTo(Wishart q) {
        if (p != q.p) {
            throw new IllegalArgumentException("KL-divergence between two Wisharts with different event shapes cannot "
                    + "be computed (" + p + " and " + q.p + ")");
        }
        Tensor nuP = df, nuQ = q.df;
        Tensor logDetRatio = q.halfLogDet().sub(halfLogDet()).mul(2f);
        Tensor trace = Linalg.solveTriangular(q.scaleTril, scaleTril, false, true, false).pow(2f).sum(-1, false)
                .sum(-1, false);
        return nuQ.mul(logDetRatio).div(2f)
                .add(nuP.mul(trace.sub(p)).div(2f))
                .add(nuQ.div(2f).mvlgamma(p)).sub(nuP.div(2f).mvlgamma(p))
                .add(nuP.sub(nuQ).div(2f).mul(multivariateDigamma(nuP.div(2f))));
    }

    /** {@code sum over i < p of digamma(x - i / 2)}, PyTorch's _mvdigamma. */
    private Tensor multivariateDigamma(Tensor x) {
        float[] halves = new float[p];
        for (int i = 0; i < p; i++) {
            halves[i] = i / 2f;
        }
        return x.unsqueeze(-1).sub(Tensor.of(halves)).digamma().sum(-1, false);
    }

    /** {@code df V}. */
    @Override
    public Tensor mean() {
        return dfAsMatrices().mul(covarianceMatrix());
    }

    /** {@code df (V^2 + diag(V) diag(V)^T)}, elementwise. */
    @Override
    public Tensor variance() {
        Tensor v = covarianceMatrix();
        Tensor diagonal = v.diagonal(0, -2, -1);
        return dfAsMatrices().mul(v.pow(2f).add(diagonal.unsqueeze(-1).mul(diagonal.unsqueeze(-2))));
    }

    private Tensor dfAsMatrices() {
        return df.unsqueeze(-1).unsqueeze(-1);
    }

    /**
     * Bartlett's decomposition, as PyTorch's: A lower triangular with sqrt(chi2(df - i)) on its diagonal (clamped above
     * float's eps) and standard normals below it, then (L A)(L A)^T: the chi-squared rsample first (differentiable in
     * df), then the normals, as PyTorch draws them.
     */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        int[] prefix = extendedShape(sampleShape);
        float[] offsets = new float[p];
        for (int i = 0; i < p; i++) {
            offsets[i] = i;
        }
        Tensor chi2Df = df.unsqueeze(-1).sub(Tensor.of(offsets));
        Tensor diagonal = new Chi2(chi2Df).rsample(g, sampleShape).sqrt().clampMin(Math.ulp(1f));
        Tensor noise = diagonal.diagEmbed();
        if (p > 1) {
            int[] normalShape = Arrays.copyOf(prefix, prefix.length + 1);
            normalShape[prefix.length] = p * (p - 1) / 2;
            Tensor below = Tensor.randn(g, normalShape);
            Tensor rows = Tensor.trilIndices(p, p, -1);
            Tensor[] at = new Tensor[prefix.length + 2];   // noise[..., i, j] = below: nulls for the leading dims
            at[prefix.length] = rows.select(0, 0);
            at[prefix.length + 1] = rows.select(0, 1);
            noise = noise.indexPut(at, below, false);
        }
        Tensor chol = scaleTril.matmul(noise);
        return chol.matmul(chol.mT());
    }

    /** PyTorch's PositiveDefinite constraint: symmetric (within isclose's atol 1e-6) and a Cholesky factor exists. */
    private void requirePositiveDefinite(Tensor value) {
        int[] shape = value.shape();
        if (shape.length < 2 || shape[shape.length - 1] != p || shape[shape.length - 2] != p) {
            throw new IllegalArgumentException("Wishart: a value must be [..., " + p + ", " + p + "], got shape "
                    + Arrays.toString(value.shape()));
        }
        Tensor v = value.detach();
        boolean symmetric = v.isclose(v.mT(), 1e-5, 1e-6, false).all().item() != 0f;
        boolean factored = symmetric && Linalg.choleskyEx(v, false).get(1).eq(0f).all().item() != 0f;
        if (!factored) {
            throw new IllegalArgumentException("Expected value of Wishart (shape " + Arrays.toString(value.shape())
                    + ") to satisfy the constraint PositiveDefinite(): "
                    + (symmetric ? "no Cholesky factor exists" : "it is not symmetric"));
        }
    }

    /** PyTorch's, df's bound the event's size less 1 (its constructor writes that bound into the class's dict). */
    @Override
    public Map<String, Constraint> argConstraints() {
        return argConstraints("covariance_matrix", Constraints.POSITIVE_DEFINITE, "precision_matrix",
                Constraints.POSITIVE_DEFINITE, "scale_tril", Constraints.LOWER_CHOLESKY, "df",
                Constraints.greaterThan(p - 1));
    }
}

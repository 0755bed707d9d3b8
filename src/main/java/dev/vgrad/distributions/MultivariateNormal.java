package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Linalg;
import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * The multivariate normal distribution N(loc, Sigma) over vectors of size k, as
 * {@code torch.distributions.MultivariateNormal}: given by its covariance matrix, its precision matrix or the lower
 * Cholesky factor L of the covariance (Sigma = L L^T), from which everything is computed, as PyTorch computes it.
 * Batch shape: loc's without its last dimension broadcast with the matrix's without its last two; event shape [k].
 * Gradients reach loc and the matrix through the differentiable {@link Linalg} ops (cholesky, solveTriangular).
 *
 * <pre>{@code
 * var d = MultivariateNormal.withCovariance(Tensor.zeros(2), Tensor.of(new float[] {2, 1, 1, 2}, 2, 2));
 * d.logProb(Tensor.of(1f, -1f));   // -3.3872, as torch's
 * }</pre>
 */
public final class MultivariateNormal extends Distribution {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final Tensor loc;
    /** L as given or computed, not broadcast to the batch (PyTorch's {@code _unbroadcasted_scale_tril}). */
    private final Tensor scaleTril;
    private final int size;

    private MultivariateNormal(Tensor loc, Tensor scaleTril, int[] batchShape) {
        super(batchShape);
        this.size = loc.shape()[loc.dim() - 1];
        int[] locShape = Arrays.copyOf(batchShape, batchShape.length + 1);
        locShape[batchShape.length] = size;
        this.loc = loc.expand(locShape);
        this.scaleTril = scaleTril;
    }

    /**
     * The normals with means loc (at least 1-d) and covariance matrices {@code covariance} (symmetric positive
     * definite, at least 2-d), factored by Cholesky.
     *
     * @throws IllegalArgumentException if the shapes do not fit or a matrix is not positive definite, naming it
     */
    public static MultivariateNormal withCovariance(Tensor loc, Tensor covariance) {
        int[] batch = batchOf(loc, covariance, "covariance_matrix");
        return new MultivariateNormal(checkedLoc(loc), choleskyOf(covariance, "covariance_matrix"), batch);
    }

    /**
     * The normals with means loc and precision (inverse covariance) matrices {@code precision}; L is found as
     * PyTorch's {@code _precision_to_scale_tril} finds it, from the Cholesky factor of the flipped precision matrix.
     */
    public static MultivariateNormal withPrecision(Tensor loc, Tensor precision) {
        int[] batch = batchOf(loc, precision, "precision_matrix");
        Tensor lf = choleskyOf(precision.flip(-2, -1), "precision_matrix");
        Tensor lInverse = lf.flip(-2, -1).transpose(-2, -1);
        int k = precision.shape()[precision.dim() - 1];
        Tensor l = Linalg.solveTriangular(lInverse, Tensor.eye(k), false, true, false);
        return new MultivariateNormal(checkedLoc(loc), l, batch);
    }

    /**
     * The normals with means loc and covariances L L^T for the lower triangular {@code scaleTril} with a positive
     * diagonal (PyTorch's LowerCholesky constraint).
     */
    public static MultivariateNormal withScaleTril(Tensor loc, Tensor scaleTril) {
        int[] batch = batchOf(loc, scaleTril, "scale_tril");
        int k = scaleTril.shape()[scaleTril.dim() - 1];
        float[] v = scaleTril.contiguous().toArray();
        require("MultivariateNormal", "parameter scale_tril", scaleTril.shape(), v, "LowerCholesky()", i -> {
            int row = (i / k) % k, col = i % k;
            return col > row ? v[i] == 0 : col < row ? v[i] == v[i] : v[i] > 0;
        });
        return new MultivariateNormal(checkedLoc(loc), scaleTril, batch);
    }

    private static Tensor checkedLoc(Tensor loc) {
        float[] l = loc.toArray();
        require("MultivariateNormal", "parameter loc", loc.shape(), l, "IndependentConstraint(Real(), 1)",
                i -> l[i] == l[i]);
        return loc;
    }

    /** The batch shape from loc's and the matrix's, after PyTorch's shape checks. */
    private static int[] batchOf(Tensor loc, Tensor matrix, String name) {
        if (loc.dim() < 1) {
            throw new IllegalArgumentException("loc must be at least one-dimensional.");
        }
        if (matrix.dim() < 2) {
            throw new IllegalArgumentException(name + " must be at least two-dimensional, with optional leading batch "
                    + "dimensions");
        }
        int k = loc.shape()[loc.dim() - 1];
        int rows = matrix.shape()[matrix.dim() - 2], cols = matrix.shape()[matrix.dim() - 1];
        if (rows != cols || cols != k) {
            throw new IllegalArgumentException("MultivariateNormal: " + name + " of shape "
                    + Arrays.toString(matrix.shape()) + " does not fit loc of shape " + Arrays.toString(loc.shape())
                    + " (it must end in [" + k + ", " + k + "])");
        }
        return Tensor.broadcastShapes("MultivariateNormal", Arrays.copyOf(loc.shape(), loc.dim() - 1),
                Arrays.copyOf(matrix.shape(), matrix.dim() - 2));
    }

    /** cholesky(m), a matrix that has none reported as PyTorch's PositiveDefinite constraint reports it. */
    private static Tensor choleskyOf(Tensor m, String name) {
        try {
            return Linalg.cholesky(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Expected parameter " + name + " of MultivariateNormal (shape "
                    + Arrays.toString(m.shape()) + ") to satisfy the constraint PositiveDefinite(), but found invalid "
                    + "values: " + e.getMessage(), e);
        }
    }

    @Override
    public int[] eventShape() {
        return new int[] {size};
    }

    /** {@code loc + L eps}, eps standard normal of shape sampleShape + batch + [k] drawn from g (PyTorch's draws). */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        int[] prefix = extendedShape(sampleShape), shape = Arrays.copyOf(prefix, prefix.length + 1);
        shape[prefix.length] = size;
        Tensor eps = Tensor.randn(g, shape);
        return loc.add(scaleTril.matmul(eps.unsqueeze(-1)).squeeze(-1));
    }

    /** {@code -(k log(2 pi) + |L^-1 (x - loc)|^2) / 2 - sum(log diag L)}. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("MultivariateNormal", "value", value.shape(), v, "IndependentConstraint(Real(), 1)",
                i -> v[i] == v[i]);
        Tensor m = mahalanobis(scaleTril, value.sub(loc));
        return m.add((float) (size * LOG_2PI)).mul(-0.5f).sub(halfLogDet(scaleTril));
    }

    /** {@code k (1 + log(2 pi)) / 2 + sum(log diag L)}, one per batch element. */
    @Override
    public Tensor entropy() {
        Tensor h = halfLogDet(scaleTril).add((float) (0.5 * size * (1 + LOG_2PI)));
        return batchShape.length == 0 ? h : h.expand(batchShape);
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    /** The diagonal of the covariance: the row sums of L's squares. */
    @Override
    public Tensor variance() {
        return scaleTril.pow(2f).sum(-1, false).expand(loc.shape());
    }

    /** The means, broadcast to batch + [k]. */
    public Tensor loc() {
        return loc;
    }

    /** L as given or factored, without the batch's expansion (for Wishart, which takes its scale from here). */
    Tensor scaleTrilUnexpanded() {
        return scaleTril;
    }

    /** L, the lower Cholesky factor of the covariance, broadcast to batch + [k, k]. */
    public Tensor scaleTril() {
        return scaleTril.expand(matrixShape());
    }

    /** The covariance matrices L L^T, broadcast to batch + [k, k]. */
    public Tensor covarianceMatrix() {
        return scaleTril.matmul(scaleTril.transpose(-2, -1)).expand(matrixShape());
    }

    /** The precision matrices, the covariances' inverses: PyTorch's cholesky_inverse of L, gradient included. */
    public Tensor precisionMatrix() {
        return Linalg.choleskyInverse(scaleTril, false).expand(matrixShape());
    }

    private int[] matrixShape() {
        int[] s = Arrays.copyOf(batchShape, batchShape.length + 2);
        s[batchShape.length] = size;
        s[batchShape.length + 1] = size;
        return s;
    }

    /** {@code |L^-1 x|^2} over the last dimension, the batch dimensions of L and x broadcast. */
    static Tensor mahalanobis(Tensor l, Tensor x) {
        return Linalg.solveTriangular(l, x.unsqueeze(-1), false, true, false).squeeze(-1).pow(2f).sum(-1, false);
    }

    /** {@code sum(log diag L)}: half the log-determinant of the covariance. */
    static Tensor halfLogDet(Tensor l) {
        return l.diagonal(0, -2, -1).log().sum(-1, false);
    }

    int size() {
        return size;
    }

    /** L as given or computed, unbroadcast (what the KL divergence works on). */
    Tensor unbroadcastScaleTril() {
        return scaleTril;
    }
}

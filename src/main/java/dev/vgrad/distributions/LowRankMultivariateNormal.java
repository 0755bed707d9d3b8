package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Linalg;
import dev.vgrad.Tensor;

/**
 * A multivariate normal whose covariance is low-rank plus diagonal, {@code W W^T + diag(D)}, as
 * {@code torch.distributions.LowRankMultivariateNormal}: loc [*, k], covFactor W [*, k, r], covDiag D [*, k]. The
 * log-density and entropy go through the r x r capacitance matrix {@code I + W^T D^-1 W} (Woodbury's identity and the
 * matrix determinant lemma), as PyTorch's; draws are {@code loc + W e1 + sqrt(D) e2} with e1 then e2 drawn as PyTorch
 * draws them (the same for a seed). Event shape [k].
 */
public final class LowRankMultivariateNormal extends Distribution {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final Tensor loc;
    private final Tensor covFactor;
    private final Tensor covDiag;
    private final Tensor capacitanceTril;
    private final int size;

    /**
     * The normals of locations loc, covariance factors covFactor and diagonals covDiag, their batches broadcast.
     *
     * @throws IllegalArgumentException if the shapes do not fit or a diagonal entry is not positive, naming them
     */
    public LowRankMultivariateNormal(Tensor loc, Tensor covFactor, Tensor covDiag) {
        super(batchOf(loc, covFactor, covDiag));
        float[] d = covDiag.toArray();
        require("LowRankMultivariateNormal", "parameter cov_diag", covDiag.shape(), d,
                "IndependentConstraint(GreaterThan(lower_bound=0.0), 1)", i -> d[i] > 0f);
        this.size = loc.size(-1);
        int[] vector = java.util.Arrays.copyOf(batchShape, batchShape.length + 1);
        vector[batchShape.length] = size;
        int[] matrix = java.util.Arrays.copyOf(vector, vector.length + 1);
        matrix[vector.length] = covFactor.size(-1);
        this.loc = loc.expand(vector);
        this.covFactor = covFactor.expand(matrix);
        this.covDiag = covDiag.expand(vector);
        // PyTorch's _batch_capacitance_tril: (W^T / D) W + I
        Tensor capacitance = this.covFactor.transpose(-2, -1).div(this.covDiag.unsqueeze(-2)).matmul(this.covFactor)
                .add(Tensor.eye(covFactor.size(-1)));
        this.capacitanceTril = Linalg.cholesky(capacitance);
    }

    private static int[] batchOf(Tensor loc, Tensor covFactor, Tensor covDiag) {
        if (loc.dim() < 1 || covFactor.dim() < 2 || covDiag.dim() < 1 || covFactor.size(-2) != loc.size(-1)
                || covDiag.size(-1) != loc.size(-1)) {
            throw new IllegalArgumentException("LowRankMultivariateNormal: expected loc [*, k], cov_factor [*, k, r] "
                    + "and cov_diag [*, k] with one k, got " + java.util.Arrays.toString(loc.shape()) + ", "
                    + java.util.Arrays.toString(covFactor.shape()) + ", " + java.util.Arrays.toString(covDiag.shape()));
        }
        int[] a = java.util.Arrays.copyOf(loc.shape(), loc.dim() - 1);
        int[] b = java.util.Arrays.copyOf(covFactor.shape(), covFactor.dim() - 2);
        int[] c = java.util.Arrays.copyOf(covDiag.shape(), covDiag.dim() - 1);
        return Tensor.broadcastTensors(Tensor.zeros(a), Tensor.zeros(b), Tensor.zeros(c)).get(0).shape();
    }

    @Override
    public int[] eventShape() {
        return new int[] {size};
    }

    /** {@code loc + W e1 + sqrt(D) e2}, e1 [.., r] then e2 [.., k] standard normal from g. */
    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        int[] shape = extendedShape(sampleShape);
        int[] factorShape = java.util.Arrays.copyOf(shape, shape.length + 1), valueShape = factorShape.clone();
        factorShape[shape.length] = covFactor.size(-1);
        valueShape[shape.length] = size;
        Tensor e1 = Tensor.randn(g, factorShape), e2 = Tensor.randn(g, valueShape);
        return loc.add(covFactor.matmul(e1.unsqueeze(-1)).squeeze(-1)).add(covDiag.sqrt().mul(e2));
    }

    /** {@code 2 sum(log diag L_cap) + sum(log D)}: the log-determinant of the covariance. */
    Tensor logDet() {
        return MultivariateNormal.halfLogDet(capacitanceTril).mul(2f).add(covDiag.log().sum(-1, false));
    }

    /** {@code -(k log(2 pi) + log det + x^T (W W^T + D)^-1 x) / 2}, x = value - loc, through Woodbury's identity. */
    @Override
    public Tensor logProb(Tensor value) {
        float[] v = value.toArray();
        require("LowRankMultivariateNormal", "value", value.shape(), v, "IndependentConstraint(Real(), 1)",
                i -> v[i] == v[i]);
        return logDet().add((float) (size * LOG_2PI)).add(mahalanobis(value.sub(loc))).mul(-0.5f);
    }

    /** {@code x^T (W W^T + D)^-1 x} over the last dimension, through Woodbury's identity (PyTorch's). */
    Tensor mahalanobis(Tensor x) {
        Tensor wtDinvX = wtDinv().matmul(x.unsqueeze(-1)).squeeze(-1);
        return x.pow(2f).div(covDiag).sum(-1, false).sub(MultivariateNormal.mahalanobis(capacitanceTril, wtDinvX));
    }

    /** {@code W^T D^-1}. */
    Tensor wtDinv() {
        return covFactor.transpose(-2, -1).div(covDiag.unsqueeze(-2));
    }

    /** The Cholesky factor of the capacitance {@code I + W^T D^-1 W}. */
    Tensor capacitanceTril() {
        return capacitanceTril;
    }

    int size() {
        return size;
    }

    /** {@code (k (1 + log(2 pi)) + log det) / 2}. */
    @Override
    public Tensor entropy() {
        return logDet().add((float) (size * (1 + LOG_2PI))).mul(0.5f);
    }

    @Override
    public Tensor mean() {
        return loc;
    }

    /** The covariance's diagonal: {@code sum_j W_ij^2 + D_i}. */
    @Override
    public Tensor variance() {
        return covFactor.pow(2f).sum(-1, false).add(covDiag);
    }

    /** The locations. */
    public Tensor loc() {
        return loc;
    }

    /** The covariance factors W. */
    public Tensor covFactor() {
        return covFactor;
    }

    /** The covariance diagonals D. */
    public Tensor covDiag() {
        return covDiag;
    }
}

package dev.vgrad.distributions;

import dev.vgrad.Linalg;
import dev.vgrad.Tensor;
import dev.vgrad.nn.Functional;

/** The Kullback-Leibler divergence between two distributions, as {@code torch.distributions.kl_divergence}. */
public final class Kl {
    private Kl() {}

    /**
     * KL(p || q) for each pair of the two batches (broadcast), in nats, with PyTorch's closed forms for two normals,
     * two uniforms, two Bernoullis, two categoricals and two multivariate normals (infinite where q gives no mass to
     * what p does).
     *
     * @throws UnsupportedOperationException for another pair of families, naming both (PyTorch's NotImplementedError)
     */
    public static Tensor klDivergence(Distribution p, Distribution q) {
        if (p instanceof Normal a && q instanceof Normal b) {
            Tensor varRatio = a.scale().div(b.scale()).pow(2f);
            Tensor t1 = a.loc().sub(b.loc()).div(b.scale()).pow(2f);
            return varRatio.add(t1).sub(1f).sub(varRatio.log()).mul(0.5f);
        }
        if (p instanceof Uniform a && q instanceof Uniform b) {
            Tensor result = b.high().sub(b.low()).div(a.high().sub(a.low())).log();
            Tensor outside = b.low().gt(a.low()).add(b.high().lt(a.high())).gt(0f);
            return Tensor.where(outside, Tensor.scalar(Float.POSITIVE_INFINITY), result);
        }
        if (p instanceof Bernoulli a && q instanceof Bernoulli b) {
            Tensor t1 = a.probs().mul(Functional.softplus(b.logits().neg()).sub(Functional.softplus(a.logits().neg())));
            t1 = masked(t1, b.probs().eq(0f), a.probs().eq(0f));
            Tensor t2 = a.probs().neg().add(1f)
                    .mul(Functional.softplus(b.logits()).sub(Functional.softplus(a.logits())));
            t2 = masked(t2, b.probs().eq(1f), a.probs().eq(1f));
            return t1.add(t2);
        }
        if (p instanceof Categorical a && q instanceof Categorical b) {
            if (a.categories() != b.categories()) {
                throw new IllegalArgumentException("klDivergence: " + a.categories() + " categories against "
                        + b.categories());
            }
            Tensor t = a.probs().mul(a.logits().sub(b.logits()));
            return masked(t, b.probs().eq(0f), a.probs().eq(0f)).sum(-1, false);
        }
        if (p instanceof MultivariateNormal a && q instanceof MultivariateNormal b) {
            return multivariateNormals(a, b);
        }
        throw new UnsupportedOperationException("klDivergence is not implemented for " + p.getClass().getSimpleName()
                + " and " + q.getClass().getSimpleName());
    }

    /**
     * PyTorch's closed form: {@code sum log diag Lq - sum log diag Lp + (|Lq^-1 Lp|_F^2 + |Lq^-1 (mu_q - mu_p)|^2 -
     * k) / 2}, the batches broadcast.
     */
    private static Tensor multivariateNormals(MultivariateNormal p, MultivariateNormal q) {
        if (p.size() != q.size()) {
            throw new IllegalArgumentException("KL-divergence between two Multivariate Normals with different event "
                    + "shapes cannot be computed (" + p.size() + " and " + q.size() + ")");
        }
        Tensor lp = p.unbroadcastScaleTril(), lq = q.unbroadcastScaleTril();
        Tensor halfTerm1 = MultivariateNormal.halfLogDet(lq).sub(MultivariateNormal.halfLogDet(lp));
        Tensor term2 = Linalg.solveTriangular(lq, lp, false, true, false).pow(2f).sum(-1, false).sum(-1, false);
        Tensor term3 = MultivariateNormal.mahalanobis(lq, q.loc().sub(p.loc()));
        return halfTerm1.add(term2.add(term3).sub(p.size()).mul(0.5f));
    }

    /** t with infinity where q has no mass, then 0 where p has none (PyTorch's two masked assignments, in order). */
    private static Tensor masked(Tensor t, Tensor qZero, Tensor pZero) {
        Tensor inf = Tensor.where(qZero.expand(t.shape()), Tensor.scalar(Float.POSITIVE_INFINITY), t);
        return Tensor.where(pZero.expand(t.shape()), Tensor.scalar(0f), inf);
    }
}

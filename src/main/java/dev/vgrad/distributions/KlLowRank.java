package dev.vgrad.distributions;

import dev.vgrad.Linalg;
import dev.vgrad.Tensor;

/**
 * PyTorch's KL divergences with a low-rank multivariate normal on either side ({@code kl.py}): the covariance's
 * log-determinants and Mahalanobis terms through Woodbury's identity, and the trace of q's inverse covariance times p's
 * expanded as PyTorch expands it, term by term.
 */
final class KlLowRank {
    private KlLowRank() {}

    /** KL(p || q) for two low-rank normals. */
    static Tensor between(LowRankMultivariateNormal p, LowRankMultivariateNormal q) {
        requireSameSize(p.size(), q.size(), "two Low Rank Multivariate Normals");
        Tensor term1 = q.logDet().sub(p.logDet());
        Tensor term3 = q.mahalanobis(q.loc().sub(p.loc()));
        Tensor a = solveLower(q.capacitanceTril(), q.wtDinv());
        Tensor term21 = p.covDiag().div(q.covDiag()).sum(-1, false);
        Tensor term22 = traceXXT(p.covFactor().mul(q.covDiag().rsqrt().unsqueeze(-1)));
        Tensor term23 = traceXXT(a.mul(p.covDiag().sqrt().unsqueeze(-2)));
        Tensor term24 = traceXXT(a.matmul(p.covFactor()));
        Tensor term2 = term21.add(term22).sub(term23).sub(term24);
        return term1.add(term2).add(term3).sub(p.size()).mul(0.5f);
    }

    /** KL(p || q) for a full-rank p and a low-rank q. */
    static Tensor fullToLowRank(MultivariateNormal p, LowRankMultivariateNormal q) {
        requireSameSize(p.size(), q.size(), "two (Low Rank) Multivariate Normals");
        Tensor lp = p.unbroadcastScaleTril();
        Tensor term1 = q.logDet().sub(MultivariateNormal.halfLogDet(lp).mul(2f));
        Tensor term3 = q.mahalanobis(q.loc().sub(p.loc()));
        Tensor a = solveLower(q.capacitanceTril(), q.wtDinv());
        Tensor term21 = traceXXT(lp.mul(q.covDiag().rsqrt().unsqueeze(-1)));
        Tensor term22 = traceXXT(a.matmul(lp));
        return term1.add(term21.sub(term22)).add(term3).sub(p.size()).mul(0.5f);
    }

    /** KL(p || q) for a low-rank p and a full-rank q. */
    static Tensor lowRankToFull(LowRankMultivariateNormal p, MultivariateNormal q) {
        requireSameSize(p.size(), q.size(), "two (Low Rank) Multivariate Normals");
        Tensor lq = q.unbroadcastScaleTril();
        Tensor term1 = MultivariateNormal.halfLogDet(lq).mul(2f).sub(p.logDet());
        Tensor term3 = MultivariateNormal.mahalanobis(lq, q.loc().sub(p.loc()));
        Tensor term21 = traceXXT(solveLower(lq, p.covFactor()));
        Tensor term22 = traceXXT(solveLower(lq, p.covDiag().sqrt().diagEmbed()));
        return term1.add(term21.add(term22)).add(term3).sub(p.size()).mul(0.5f);
    }

    private static Tensor solveLower(Tensor l, Tensor b) {
        return Linalg.solveTriangular(l, b, false, true, false);
    }

    /** The squared Frobenius norm of each matrix of the batch (PyTorch's {@code _batch_trace_XXT}). */
    private static Tensor traceXXT(Tensor m) {
        return m.pow(2f).sum(-1, false).sum(-1, false);
    }

    private static void requireSameSize(int p, int q, String what) {
        if (p != q) {
            throw new IllegalArgumentException("KL-divergence between " + what + " with different event shapes cannot "
                    + "be computed ([" + p + "] and [" + q + "])");
        }
    }
}

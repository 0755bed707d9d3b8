package dev.vgrad.distributions;

import dev.vgrad.Linalg;
import dev.vgrad.Tensor;
import dev.vgrad.nn.Functional;

/** The Kullback-Leibler divergence between two distributions, as {@code torch.distributions.kl_divergence}. */
public final class Kl {
    private Kl() {}

    /**
     * KL(p || q) for each pair of the two batches (broadcast), in nats, with PyTorch's closed forms for two normals,
     * two uniforms, two Bernoullis, two categoricals, two multivariate normals (full or low rank on either side,
     * {@link KlLowRank}), and two of each of the exponential, Laplace, log-normal, half-normal, Gumbel, gamma
     * (chi-squared among them), beta, Dirichlet, geometric, Poisson, binomial, one-hot categorical, Cauchy, Pareto,
     * continuous Bernoulli and Wishart families (the last PyTorch's exponential-family fallback, {@link Wishart#klTo}),
     * two Independents over the same dimensions, and every pair of different families PyTorch registers among
     * Bernoulli, beta, binomial, continuous Bernoulli, exponential, gamma, Gumbel, Laplace, normal, Pareto, Poisson and
     * uniform ({@link KlAcrossFamilies}) (infinite where q gives no mass to what p does).
     *
     * A rule registered by {@link #registerKl} for classes that p's and q's extend comes first.
     *
     * @throws UnsupportedOperationException for another pair of families, naming both (PyTorch's NotImplementedError)
     */
    public static Tensor klDivergence(Distribution p, Distribution q) {
        java.util.function.BiFunction<Distribution, Distribution, Tensor> registered = KlRegistry.lookup(p, q);
        if (registered != null) {
            return registered.apply(p, q);
        }
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
        if (p instanceof LowRankMultivariateNormal a && q instanceof LowRankMultivariateNormal b) {
            return KlLowRank.between(a, b);
        }
        if (p instanceof MultivariateNormal a && q instanceof LowRankMultivariateNormal b) {
            return KlLowRank.fullToLowRank(a, b);
        }
        if (p instanceof LowRankMultivariateNormal a && q instanceof MultivariateNormal b) {
            return KlLowRank.lowRankToFull(a, b);
        }
        if (p instanceof Exponential a && q instanceof Exponential b) {
            Tensor ratio = b.rate().div(a.rate());
            return ratio.log().neg().add(ratio).sub(1f);
        }
        if (p instanceof Laplace a && q instanceof Laplace b) {
            Tensor ratio = a.scale().div(b.scale()), gap = a.loc().sub(b.loc()).abs();
            return ratio.log().neg().add(gap.div(b.scale())).add(ratio.mul(gap.div(a.scale()).neg().exp())).sub(1f);
        }
        if (p instanceof LogNormal a && q instanceof LogNormal b) {   // the same transform: the normals' divergence
            return klDivergence(new Normal(a.loc(), a.scale()), new Normal(b.loc(), b.scale()));
        }
        if (p instanceof TransformedDistribution a && q instanceof TransformedDistribution b) {
            return transformedPair(a, b);
        }
        if (p instanceof Independent a && q instanceof Independent b) {
            if (a.reinterpretedBatchDims() != b.reinterpretedBatchDims()) {
                throw new UnsupportedOperationException("klDivergence is not implemented for Independent "
                        + "distributions with " + a.reinterpretedBatchDims() + " and " + b.reinterpretedBatchDims()
                        + " reinterpreted dimensions");
            }
            return Independent.sumRightmost(klDivergence(a.base(), b.base()), a.reinterpretedBatchDims());
        }
        if (p instanceof OneHotCategorical a && q instanceof OneHotCategorical b) {
            return klDivergence(a.categorical(), b.categorical());
        }
        if (p instanceof Binomial a && q instanceof Binomial b) {
            Tensor[] counts = Distribution.broadcastAll("klDivergence", a.totalCount(), b.totalCount());
            float[] pc = counts[0].contiguous().toArray(), qc = counts[1].contiguous().toArray();
            for (int i = 0; i < pc.length; i++) {
                if (pc[i] < qc[i]) {
                    throw new UnsupportedOperationException("KL between Binomials where q.total_count > "
                            + "p.total_count is not implemented");
                }
            }
            Tensor kl = a.totalCount().mul(a.probs().mul(a.logits().sub(b.logits()))
                    .add(a.probs().neg().log1p()).sub(b.probs().neg().log1p()));
            return Tensor.where(counts[0].gt(counts[1]), Tensor.scalar(Float.POSITIVE_INFINITY), kl);
        }
        if (p instanceof Chi2 a) {   // a chi-squared is a gamma, in PyTorch by inheritance
            return klDivergence(a.asGamma(), q instanceof Chi2 b ? b.asGamma() : q);
        }
        if (q instanceof Chi2 b) {
            return klDivergence(p, b.asGamma());
        }
        if (p instanceof HalfNormal a && q instanceof HalfNormal b) {
            return klDivergence(a.base(), b.base());
        }
        if (p instanceof Gumbel a && q instanceof Gumbel b) {
            Tensor ct1 = a.scale().div(b.scale()), ct2 = b.loc().div(b.scale()), ct3 = a.loc().div(b.scale());
            Tensor t1 = ct1.log().neg().sub(ct2).add(ct3), t2 = ct1.mul((float) Gumbel.EULER_GAMMA);
            Tensor t3 = ct2.add(ct1.add(1f).lgamma()).sub(ct3).exp();
            return t1.add(t2).add(t3).sub((float) (1 + Gumbel.EULER_GAMMA));
        }
        if (p instanceof Geometric a && q instanceof Geometric b) {
            return a.entropy().neg().sub(b.probs().neg().log1p().div(a.probs()))
                    .sub(Distribution.logitsOfProbs(b.probs()));
        }
        if (p instanceof Dirichlet a && q instanceof Dirichlet b) {
            Tensor pc = a.concentration(), qc = b.concentration(), pSum = pc.sum(-1, false);
            Tensor t1 = pSum.lgamma().sub(qc.sum(-1, false).lgamma());
            Tensor t2 = pc.lgamma().sub(qc.lgamma()).sum(-1, false);
            Tensor t34 = pc.sub(qc).mul(pc.digamma().sub(pSum.digamma().unsqueeze(-1))).sum(-1, false);
            return t1.sub(t2).add(t34);
        }
        if (p instanceof Gamma a && q instanceof Gamma b) {
            Tensor t1 = b.concentration().mul(a.rate().div(b.rate()).log());
            Tensor t2 = b.concentration().lgamma().sub(a.concentration().lgamma());
            Tensor t3 = a.concentration().sub(b.concentration()).mul(a.concentration().digamma());
            Tensor t4 = b.rate().sub(a.rate()).mul(a.concentration().div(a.rate()));
            return t1.add(t2).add(t3).add(t4);
        }
        if (p instanceof Beta a && q instanceof Beta b) {
            return betas(a, b);
        }
        if (p instanceof Poisson a && q instanceof Poisson b) {
            return a.rate().mul(a.rate().log().sub(b.rate().log())).sub(a.rate().sub(b.rate()));
        }
        if (p instanceof Cauchy a && q instanceof Cauchy b) {   // Chyzak and Nielsen's closed form, as PyTorch
            Tensor t1 = a.scale().add(b.scale()).pow(2f).add(a.loc().sub(b.loc()).pow(2f)).log();
            return t1.sub(a.scale().mul(b.scale()).mul(4f).log());
        }
        if (p instanceof Pareto a && q instanceof Pareto b) {   // infinite where q's support starts above p's
            Tensor alphaRatio = b.alpha().div(a.alpha());
            Tensor kl = b.alpha().mul(a.scale().div(b.scale()).log()).add(alphaRatio.log().neg()).add(alphaRatio)
                    .sub(1f);
            return kl.maskedFill(a.scale().lt(b.scale()), Float.POSITIVE_INFINITY);
        }
        if (p instanceof ContinuousBernoulli a && q instanceof ContinuousBernoulli b) {
            Tensor t1 = a.mean().mul(a.logits().sub(b.logits()));
            Tensor t2 = a.logNormalizer().add(a.probs().neg().log1p());
            return t1.add(t2).sub(b.logNormalizer()).sub(b.probs().neg().log1p());
        }
        if (p instanceof Wishart a && q instanceof Wishart b) {   // PyTorch's exponential-family fallback
            return a.klTo(b);
        }
        Tensor across = KlAcrossFamilies.divergence(p, q);
        if (across != null) {
            return across;
        }
        if (p instanceof ExponentialFamily a && q instanceof ExponentialFamily b) {   // PyTorch's Bregman fallback
            return ExponentialFamily.bregmanKl(a, b);
        }
        throw new UnsupportedOperationException("klDivergence is not implemented for " + p.getClass().getSimpleName()
                + " and " + q.getClass().getSimpleName());
    }

    /**
     * Registers {@code rule} as KL(p || q) for p of class {@code typeP} and q of class {@code typeQ}, or of classes
     * that extend them ({@code torch.distributions.kl.register_kl}), so that {@link #klDivergence} covers families of
     * one's own. Among the registered pairs that cover a call, PyTorch's choice is made: the most specific by p's class
     * first, then by q's; where the order by q first would choose another rule, a line on standard error says so, as
     * PyTorch warns "Ambiguous kl_divergence". A registration for a pair registered before replaces it. Registered
     * rules come before vgrad's own: one for vgrad's families replaces vgrad's rule for them, and one for superclasses
     * (Distribution itself) is taken even for pairs vgrad knows, where PyTorch would take its own rule registered for
     * more specific classes.
     */
    public static <P extends Distribution, Q extends Distribution> void registerKl(Class<P> typeP, Class<Q> typeQ,
            java.util.function.BiFunction<? super P, ? super Q, Tensor> rule) {
        KlRegistry.register(typeP, typeQ, rule);
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

    /**
     * PyTorch's rule for two transformed distributions: the same transforms (as {@link Transform#sameAs} decides) and
     * event shape make KL the bases' (a bijection preserves it); anything else is refused, as PyTorch's
     * NotImplementedError.
     */
    private static Tensor transformedPair(TransformedDistribution p, TransformedDistribution q) {
        boolean same = p.transforms().size() == q.transforms().size()
                && java.util.Arrays.equals(p.eventShape(), q.eventShape());
        for (int i = 0; same && i < p.transforms().size(); i++) {
            same = p.transforms().get(i).sameAs(q.transforms().get(i));
        }
        if (!same) {
            throw new UnsupportedOperationException("klDivergence is not implemented for two TransformedDistributions "
                    + "with different transforms or event shapes");
        }
        return klDivergence(p.base(), q.base());
    }

    /** PyTorch's Dirichlet divergence for two categories (its Beta is a two-category Dirichlet). */
    private static Tensor betas(Beta p, Beta q) {
        Tensor pa = p.concentration1(), pb = p.concentration0(), qa = q.concentration1(), qb = q.concentration0();
        Tensor pSum = pa.add(pb), qSum = qa.add(qb);
        Tensor t1 = pSum.lgamma().sub(qSum.lgamma());
        Tensor t2 = pa.lgamma().sub(qa.lgamma()).add(pb.lgamma().sub(qb.lgamma()));
        Tensor digammaSum = pSum.digamma();
        Tensor t34 = pa.sub(qa).mul(pa.digamma().sub(digammaSum)).add(pb.sub(qb).mul(pb.digamma().sub(digammaSum)));
        return t1.sub(t2).add(t34);
    }

    /** t with infinity where q has no mass, then 0 where p has none (PyTorch's two masked assignments, in order). */
    private static Tensor masked(Tensor t, Tensor qZero, Tensor pZero) {
        Tensor inf = Tensor.where(qZero.expand(t.shape()), Tensor.scalar(Float.POSITIVE_INFINITY), t);
        return Tensor.where(pZero.expand(t.shape()), Tensor.scalar(0f), inf);
    }
}

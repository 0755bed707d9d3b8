package dev.vgrad.distributions;

import dev.vgrad.Tensor;

/**
 * PyTorch's closed-form KL divergences between distributions of two different families ({@code kl.py}'s "different
 * distributions"), each its formula in its order of operations: infinite where q gives no mass to what p does (a whole
 * pair, as PyTorch's {@code _infinite_like}, or element by element where the supports overlap only for some
 * parameters), finite otherwise. Null for a pair PyTorch does not register.
 */
final class KlAcrossFamilies {
    private KlAcrossFamilies() {}

    private static final float EULER = 0.57721566490153286060f;
    private static final float LOG_2PI = (float) Math.log(2 * Math.PI);
    private static final float SQRT_2PI = (float) Math.sqrt(2 * Math.PI);
    private static final float PI = (float) Math.PI;
    private static final float INF = Float.POSITIVE_INFINITY;

    static Tensor divergence(Distribution p, Distribution q) {
        Tensor infinite = infiniteFor(p, q);
        if (infinite != null) {
            return infinite;
        }
        if (p instanceof Bernoulli a && q instanceof Poisson b) {
            return a.entropy().neg().sub(a.probs().mul(b.rate().log()).sub(b.rate()));
        }
        if (p instanceof Beta a) {
            return fromBeta(a, q);
        }
        if (p instanceof ContinuousBernoulli a) {
            return fromContinuousBernoulli(a, q);
        }
        if (p instanceof Exponential a) {
            return fromExponential(a, q);
        }
        if (p instanceof Gamma a) {
            return fromGamma(a, q);
        }
        if (p instanceof Gumbel a && q instanceof Normal b) {
            Tensor ratio = a.scale().div(b.scale());
            Tensor t1 = ratio.div(SQRT_2PI).log();
            Tensor t2 = ratio.mul(PI).mul(0.5f).pow(2f).div(3f);
            Tensor t3 = a.loc().add(a.scale().mul(EULER)).sub(b.loc()).div(b.scale()).pow(2f).mul(0.5f);
            return t1.neg().add(t2).add(t3).sub(EULER + 1);
        }
        if (p instanceof Laplace a && q instanceof Normal b) {
            Tensor var = b.scale().pow(2f);
            Tensor ratio = a.scale().pow(2f).div(var);
            Tensor t1 = ratio.mul(2f).div(PI).log().mul(0.5f);
            Tensor t2 = a.loc().pow(2f).mul(0.5f);
            Tensor t3 = a.loc().mul(b.loc());
            Tensor t4 = b.loc().pow(2f).mul(0.5f);
            return t1.neg().add(ratio).add(t2.sub(t3).add(t4).div(var)).sub(1f);
        }
        if (p instanceof Normal a) {
            return fromNormal(a, q);
        }
        if (p instanceof Pareto a) {
            return fromPareto(a, q);
        }
        if (p instanceof Uniform a) {
            return fromUniform(a, q);
        }
        return null;
    }

    /** The pairs where q's support misses part of p's for every parameter: infinity shaped like p's parameter. */
    private static Tensor infiniteFor(Distribution p, Distribution q) {
        boolean bounded = q instanceof Beta || q instanceof ContinuousBernoulli || q instanceof Uniform;
        boolean positive = q instanceof Exponential || q instanceof Gamma;
        if (p instanceof Beta a && q instanceof Pareto) {
            return inf(a.concentration1());
        }
        if (p instanceof ContinuousBernoulli a && q instanceof Pareto) {
            return inf(a.probs());
        }
        if (p instanceof Exponential a && (bounded || q instanceof Pareto)) {
            return inf(a.rate());
        }
        if (p instanceof Gamma a && (bounded || q instanceof Pareto)) {
            return inf(a.concentration());
        }
        if (p instanceof Gumbel a && (bounded || positive || q instanceof Pareto)) {
            return inf(a.loc());
        }
        if (p instanceof Laplace a && (bounded || positive || q instanceof Pareto)) {
            return inf(a.loc());
        }
        if (p instanceof Normal a && (bounded || positive || q instanceof Pareto)) {
            return inf(a.loc());
        }
        if (p instanceof Pareto a && bounded) {
            return inf(a.scale());
        }
        if (p instanceof Poisson a && (q instanceof Bernoulli || q instanceof Binomial)) {
            return inf(a.rate());
        }
        return null;
    }

    private static Tensor fromBeta(Beta p, Distribution q) {
        Tensor c1 = p.concentration1();
        Tensor c0 = p.concentration0();
        if (q instanceof ContinuousBernoulli b) {
            return p.entropy().neg().sub(p.mean().mul(b.logits())).sub(b.probs().neg().log1p())
                    .sub(b.logNormalizer());
        }
        if (q instanceof Exponential b) {
            return p.entropy().neg().sub(b.rate().log()).add(b.rate().mul(c1.div(c1.add(c0))));
        }
        if (q instanceof Gamma b) {
            Tensor t1 = p.entropy().neg();
            Tensor t2 = b.concentration().lgamma().sub(b.concentration().mul(b.rate().log()));
            Tensor t3 = b.concentration().sub(1f).mul(c1.digamma().sub(c1.add(c0).digamma()));
            Tensor t4 = b.rate().mul(c1).div(c1.add(c0));
            return t1.add(t2).sub(t3).add(t4);
        }
        if (q instanceof Normal b) {
            Tensor mean = c1.div(c1.add(c0));
            Tensor var = b.scale().pow(2f);
            Tensor t1 = p.entropy().neg();
            Tensor t2 = var.mul(2f).mul(PI).log().mul(0.5f);
            Tensor t3 = mean.mul(mean.neg().add(1f)).div(c1.add(c0).add(1f)).add(mean.pow(2f)).mul(0.5f);
            Tensor t4 = b.loc().mul(mean);
            Tensor t5 = b.loc().pow(2f).mul(0.5f);
            return t1.add(t2).add(t3.sub(t4).add(t5).div(var));
        }
        if (q instanceof Uniform b) {
            Tensor result = p.entropy().neg().add(b.high().sub(b.low()).log());
            return where(b.low().gt(0f).logicalOr(b.high().lt(1f)), result);
        }
        return null;
    }

    private static Tensor fromContinuousBernoulli(ContinuousBernoulli p, Distribution q) {
        if (q instanceof Exponential b) {
            return p.entropy().neg().sub(b.rate().log()).add(b.rate().mul(p.mean()));
        }
        if (q instanceof Normal b) {
            Tensor t1 = p.entropy().neg();
            Tensor t2 = b.loc().div(b.scale()).square().add(LOG_2PI).mul(0.5f).add(b.scale().log());
            Tensor t3 = p.variance().add(p.mean().square()).sub(b.loc().mul(2f).mul(p.mean()))
                    .div(b.scale().square().mul(2f));
            return t1.add(t2).add(t3);
        }
        if (q instanceof Uniform b) {
            Tensor result = p.entropy().neg().add(b.high().sub(b.low()).log());
            return where(b.low().ge(0f).logicalOr(b.high().le(1f)), result);
        }
        return null;
    }

    private static Tensor fromExponential(Exponential p, Distribution q) {
        if (q instanceof Gamma b) {
            Tensor ratio = b.rate().div(p.rate());
            Tensor t1 = b.concentration().neg().mul(ratio.log());
            return t1.add(ratio).add(b.concentration().lgamma()).add(b.concentration().mul(EULER)).sub(1 + EULER);
        }
        if (q instanceof Gumbel b) {
            Tensor product = p.rate().mul(b.scale());
            Tensor locRatio = b.loc().div(b.scale());
            Tensor t1 = product.log().sub(1f);
            Tensor t2 = locRatio.exp().mul(product).div(product.add(1f));
            Tensor t3 = product.reciprocal();
            return t1.sub(locRatio).add(t2).add(t3);
        }
        if (q instanceof Normal b) {
            Tensor var = b.scale().pow(2f);
            Tensor rateSqr = p.rate().pow(2f);
            Tensor t1 = rateSqr.mul(var).mul(2f).mul(PI).log().mul(0.5f);
            Tensor t2 = rateSqr.reciprocal();
            Tensor t3 = b.loc().div(p.rate());
            Tensor t4 = b.loc().pow(2f).mul(0.5f);
            return t1.sub(1f).add(t2.sub(t3).add(t4).div(var));
        }
        return null;
    }

    private static Tensor fromGamma(Gamma p, Distribution q) {
        Tensor c = p.concentration();
        if (q instanceof Exponential b) {
            return p.entropy().neg().sub(b.rate().log()).add(b.rate().mul(c).div(p.rate()));
        }
        if (q instanceof Gumbel b) {
            Tensor product = p.rate().mul(b.scale());
            Tensor locRatio = b.loc().div(b.scale());
            Tensor t1 = c.sub(1f).mul(c.digamma()).sub(c.lgamma()).sub(c);
            Tensor t2 = product.log().add(c.div(product));
            Tensor t3 = locRatio.exp().mul(product.reciprocal().add(1f).pow(c.neg())).sub(locRatio);
            return t1.add(t2).add(t3);
        }
        if (q instanceof Normal b) {
            Tensor var = b.scale().pow(2f);
            Tensor betaSqr = p.rate().pow(2f);
            Tensor t1 = betaSqr.mul(var).mul(2f).mul(PI).log().mul(0.5f).sub(c).sub(c.lgamma());
            Tensor t2 = c.pow(2f).add(c).mul(0.5f).div(betaSqr);
            Tensor t3 = b.loc().mul(c).div(p.rate());
            Tensor t4 = b.loc().pow(2f).mul(0.5f);
            return t1.add(c.sub(1f).mul(c.digamma())).add(t2.sub(t3).add(t4).div(var));
        }
        return null;
    }

    private static Tensor fromNormal(Normal p, Distribution q) {
        if (q instanceof Gumbel b) {
            Tensor meanRatio = p.loc().div(b.scale());
            Tensor varRatio = p.scale().div(b.scale()).pow(2f);
            Tensor locRatio = b.loc().div(b.scale());
            Tensor t1 = varRatio.log().mul(0.5f);
            Tensor t2 = meanRatio.sub(locRatio);
            Tensor t3 = meanRatio.neg().add(varRatio.mul(0.5f)).add(locRatio).exp();
            return t1.neg().add(t2).add(t3).sub((float) (0.5 * (1 + Math.log(2 * Math.PI))));
        }
        if (q instanceof Laplace b) {
            Tensor diff = p.loc().sub(b.loc());
            Tensor ratio = p.scale().div(b.scale());
            Tensor diffRatio = diff.div(p.scale());
            Tensor t1 = ratio.log();
            Tensor t2 = p.scale().mul((float) Math.sqrt(2 / Math.PI)).mul(diffRatio.pow(2f).mul(-0.5f).exp());
            Tensor t3 = diff.mul(diffRatio.mul((float) Math.sqrt(0.5)).erf());
            return t1.neg().add(t2.add(t3).div(b.scale())).sub((float) (0.5 * (1 + Math.log(0.5 * Math.PI))));
        }
        return null;
    }

    private static Tensor fromPareto(Pareto p, Distribution q) {
        Tensor alpha = p.alpha();
        if (q instanceof Exponential b) {
            Tensor product = p.scale().mul(b.rate());
            Tensor t1 = alpha.div(product).log();
            Tensor t2 = alpha.reciprocal();
            Tensor t3 = alpha.mul(product).div(alpha.sub(1f));
            return where(alpha.le(1f), t1.sub(t2).add(t3).sub(1f));
        }
        if (q instanceof Gamma b) {
            Tensor common = p.scale().log().add(alpha.reciprocal());
            Tensor t1 = alpha.log().sub(common);
            Tensor t2 = b.concentration().lgamma().sub(b.concentration().mul(b.rate().log()));
            Tensor t3 = b.concentration().neg().add(1f).mul(common);
            Tensor t4 = b.rate().mul(alpha).mul(p.scale()).div(alpha.sub(1f));
            return where(alpha.le(1f), t1.add(t2).add(t3).add(t4).sub(1f));
        }
        if (q instanceof Normal b) {
            Tensor var = b.scale().pow(2f).mul(2f);
            Tensor common = p.scale().div(alpha.sub(1f));
            Tensor t1 = b.scale().mul(SQRT_2PI).mul(alpha).div(p.scale()).log();
            Tensor t2 = alpha.reciprocal();
            Tensor t3 = alpha.mul(common.pow(2f)).div(alpha.sub(2f));
            Tensor t4 = alpha.mul(common).sub(b.loc()).pow(2f);
            return where(alpha.le(2f), t1.sub(t2).add(t3.add(t4).div(var)).sub(1f));
        }
        return null;
    }

    private static Tensor fromUniform(Uniform p, Distribution q) {
        Tensor width = p.high().sub(p.low());
        if (q instanceof Beta b) {
            Tensor t1 = width.log();
            Tensor t2 = b.concentration1().sub(1f).mul(xLogX(p.high()).sub(xLogX(p.low())).sub(width)).div(width);
            Tensor t3 = b.concentration0().sub(1f).mul(xLogX(p.high().neg().add(1f)).sub(xLogX(p.low().neg().add(1f)))
                    .add(width)).div(width);
            Tensor t4 = b.concentration1().lgamma().add(b.concentration0().lgamma())
                    .sub(b.concentration1().add(b.concentration0()).lgamma());
            return where(p.high().gt(1f).logicalOr(p.low().lt(0f)), t3.add(t4).sub(t1).sub(t2));
        }
        if (q instanceof ContinuousBernoulli b) {
            Tensor result = p.entropy().neg().sub(p.mean().mul(b.logits())).sub(b.probs().neg().log1p())
                    .sub(b.logNormalizer());
            return where(p.high().ge(1f).logicalOr(p.low().le(0f)), result);
        }
        if (q instanceof Exponential b) {
            Tensor result = b.rate().mul(p.high().add(p.low())).div(2f).sub(width.mul(b.rate()).log());
            return where(p.low().lt(0f), result);
        }
        if (q instanceof Gamma b) {
            Tensor t1 = width.log();
            Tensor t2 = b.concentration().lgamma().sub(b.concentration().mul(b.rate().log()));
            Tensor t3 = b.concentration().neg().add(1f).mul(xLogX(p.high()).sub(xLogX(p.low())).sub(width))
                    .div(width);
            Tensor t4 = b.rate().mul(p.high().add(p.low())).div(2f);
            return where(p.low().lt(0f), t1.neg().add(t2).add(t3).add(t4));
        }
        if (q instanceof Gumbel b) {
            Tensor common = b.scale().div(width);
            Tensor high = p.high().sub(b.loc()).div(b.scale());
            Tensor low = p.low().sub(b.loc()).div(b.scale());
            Tensor t1 = common.log().add(high.add(low).mul(0.5f));
            Tensor t2 = common.mul(high.neg().exp().sub(low.neg().exp()));
            return t1.sub(t2);
        }
        if (q instanceof Normal b) {
            Tensor t1 = b.scale().mul(SQRT_2PI).div(width).log();
            Tensor t2 = width.pow(2f).div(12f);
            Tensor t3 = p.high().add(p.low()).sub(b.loc().mul(2f)).div(2f).pow(2f);
            return t1.add(t2.add(t3).mul(0.5f).div(b.scale().pow(2f)));
        }
        if (q instanceof Pareto b) {
            Tensor t1 = b.alpha().mul(b.scale().pow(b.alpha())).mul(width).log();
            Tensor t2 = xLogX(p.high()).sub(xLogX(p.low())).sub(width).div(width);
            return where(p.low().lt(b.scale()), t2.mul(b.alpha().add(1f)).sub(t1));
        }
        return null;
    }

    private static Tensor xLogX(Tensor t) {
        return t.mul(t.log());
    }

    private static Tensor inf(Tensor like) {
        return Tensor.full(INF, like.shape());
    }

    /** result with infinity where the mask is set (PyTorch's {@code result[mask] = inf}). */
    private static Tensor where(Tensor mask, Tensor result) {
        int[] shape = Tensor.broadcastShapes("kl_divergence", mask.shape(), result.shape());
        return Tensor.where(mask.expand(shape), Tensor.scalar(INF), result.expand(shape));
    }
}

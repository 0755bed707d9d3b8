package dev.vgrad;

import dev.vgrad.autograd.GradMode;

/**
 * Ops PyTorch has that vgrad writes from its other ops, so each is differentiable (to any order) through them: finite
 * differences, inner products, logit and sinc (sinc with PyTorch's gradient expression, itself recorded ops), the
 * NaN-skipping reductions, sign and step functions, membership, covariance and correlation, the trapezoid rule.
 */
final class Composed {
    private static final float PI = (float) Math.PI;

    private Composed() {}

    /** torch.diff: x[i + 1] - x[i] along dim, n times (n = 0 gives x back); an empty result where the length is 1. */
    static Tensor diff(Tensor x, int n, int dim) {
        if (n < 0) {
            throw new IllegalArgumentException("diff expects n to be non-negative, got " + n);
        }
        if (x.dim() == 0) {
            throw new IllegalArgumentException("diff expects input to be at least one-dimensional");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor y = x;
        for (int k = 0; k < n && y.size(d) > 0; k++) {
            int length = y.size(d) - 1;
            y = y.narrow(d, 1, length).sub(y.narrow(d, 0, length));
        }
        return y;
    }

    /** torch.inner: the sum over the last dimension of both (a product where either is a scalar). */
    static Tensor inner(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            return a.mul(b);
        }
        return a.tensordot(b, new int[] {a.dim() - 1}, new int[] {b.dim() - 1});
    }

    /** torch.logit: log(x / (1 - x)), x first clamped to [eps, 1 - eps] when eps is given (null: not clamped). */
    static Tensor logit(Tensor x, Float eps) {
        Tensor z = eps == null ? x : x.clamp(eps, 1f - eps);
        return z.div(z.rsub(1f)).log();
    }

    /**
     * torch.sinc: sin(pi x) / (pi x), 1 at 0 with a zero gradient there. The gradient is PyTorch 1.13's
     * sinc_backward, {@code g (pi x cos(pi x) - sin(pi x)) / (pi x^2)}, as one expression: the quotient rule through
     * the composed forward made two terms of about 1/x that cancel near 0 to a gradient of order x, 0.4 % off
     * PyTorch's at x = -0.0028. Near 0 that expression cancels too: with s = pi x its numerator is -s^3 / 3 made of
     * two terms of about s, so below |s| = 1/2 the gradient is taken from the series instead (see {@link #sincGrad}).
     */
    static Tensor sinc(Tensor x) {
        Tensor out;
        try (var off = GradMode.noGrad()) {
            Tensor zero = x.eq(0f);
            Tensor safe = nonZero(x, zero).mul(PI);
            out = Tensor.where(zero, Tensor.ones(), safe.sin().div(safe));
        }
        return Graph.recording(x) ? Graph.record(out, "SincBackward0", x, x, Composed::sincGrad) : out;
    }

    /**
     * sinc's backward, in recorded ops so that it can be differentiated again: {@code g pi h(s)} with s = pi x and
     * h(s) = (s cos s - sin s) / s^2. In float that quotient's numerator is the difference of two terms of about s
     * whose true value is -s^3 / 3, so its relative error grows as 3 eps / s^2: at x = 1.4e-4 the gradient came out
     * twice PyTorch's (which that rounding happened to spare; torch in double agreed with it). Below |s| = 1/2 it is
     * the series -s/3 + s^3/30 - s^5/840 + s^7/45360 instead (the next term is below 1e-8 of the sum there, where the
     * quotient is good to 1e-6). Each branch reads only its own arguments (the series a 0 outside, the quotient a 1
     * inside), so neither an overflow nor a 0/0 of the branch not taken reaches where()'s gradient.
     */
    private static Tensor sincGrad(Tensor g, Tensor x) {
        Tensor s = x.mul(PI);
        Tensor small = s.abs().lt(SINC_SERIES_BELOW);
        Tensor inner = Tensor.where(small, s, Tensor.zeros()), outer = Tensor.where(small, Tensor.ones(), s);
        Tensor s2 = inner.mul(inner);
        Tensor series = inner.mul(s2.mul(1f / 45360f).sub(1f / 840f).mul(s2).add(1f / 30f).mul(s2).sub(1f / 3f));
        Tensor quotient = outer.mul(outer.cos()).sub(outer.sin()).div(outer.mul(outer));
        Tensor d = g.mul(Tensor.where(small, series, quotient).mul(PI));
        // 0 at x = 0 whatever g holds, as PyTorch's masked_fill: the series gives 0 there, but 0 times a non-finite g
        // would not
        return Tensor.where(x.eq(0f), Tensor.zeros(), d);
    }

    /** |pi x| below which sinc's gradient comes from its series (see {@link #sincGrad}). */
    private static final float SINC_SERIES_BELOW = 0.5f;

    /** x with 1 where it is 0, so that the branch where() drops stays finite and passes no NaN back. */
    private static Tensor nonZero(Tensor x, Tensor zero) {
        return Tensor.where(zero, Tensor.ones(), x);
    }

    /** torch.nansum: the sum with NaNs counted as 0 (their gradient 0). */
    static Tensor nansum(Tensor x) {
        return Tensor.where(x.isnan(), Tensor.zeros(), x).sum();
    }

    /**
     * torch.nanmean: the mean over the values that are not NaN. With none, NaN and a NaN gradient everywhere, as
     * PyTorch's (its 1 / 0 meets the NaNs' zero mask), not a silent 0.
     */
    static Tensor nanmean(Tensor x) {
        Tensor count = x.detach().isnan().rsub(1f).sum();
        if (count.item() == 0f) {
            return x.sum().mul(Float.NaN);
        }
        return nansum(x).div(count);
    }

    /** torch.count_nonzero along dim, as floats (not differentiable). */
    static Tensor countNonzero(Tensor x, int dim) {
        return x.detach().ne(0f).sum(dim, false);
    }

    /**
     * torch.copysign: |x| with the sign bit of other (-0.0 counts as negative). Other's gradient is zero, as PyTorch's
     * CopysignBackward0 gives it (a zero tensor where other requires grad, not none).
     */
    static Tensor copysign(Tensor x, Tensor other) {
        int[] shape = Tensor.broadcastShapes("copysign", x.shape(), other.shape());
        float[] o = other.detach().expand(shape).contiguous().toArray();
        float[] negative = new float[o.length];
        for (int i = 0; i < o.length; i++) {
            negative[i] = Float.floatToRawIntBits(o[i]) < 0 ? 1f : 0f;
        }
        Tensor magnitude = x.abs();
        Tensor out = Tensor.where(Tensor.of(negative, shape), magnitude.neg(), magnitude);
        if (!Graph.recording(other)) {
            return out;
        }
        int[] otherShape = other.shape();
        Tensor value = out.detach();
        value.setGradFn(new dev.vgrad.autograd.Node("CopysignBackward0", out, other) {
            @Override
            protected Tensor[] apply(Tensor g) {
                return grads(needsGrad(0) ? g : null, needsGrad(1) ? Tensor.zeros(otherShape) : null);
            }
        });
        return value;
    }

    /** torch.heaviside: 0 below 0, 1 above, {@code values} at 0 (not differentiable, as in PyTorch). */
    static Tensor heaviside(Tensor x, Tensor values) {
        Tensor v = x.detach();
        return Tensor.where(v.eq(0f), values.detach(), v.gt(0f));
    }

    /** torch.isin: 1 where an element equals one of testElements, else 0 (as floats; not differentiable). */
    static Tensor isin(Tensor elements, Tensor testElements) {
        float[] test = testElements.detach().contiguous().toArray();
        java.util.Set<Float> set = new java.util.HashSet<>();
        for (float t : test) {
            if (!Float.isNaN(t)) {   // NaN equals nothing, as == says (a boxed Float would equal it)
                set.add(t == 0f ? 0f : t);   // and -0.0 equals 0.0
            }
        }
        float[] e = elements.detach().contiguous().toArray();
        float[] out = new float[e.length];
        for (int i = 0; i < e.length; i++) {
            out[i] = !Float.isNaN(e[i]) && set.contains(e[i] == 0f ? 0f : e[i]) ? 1f : 0f;
        }
        return Tensor.of(out, elements.shape());
    }

    /** torch.deg2rad (toRadians) or rad2deg: x times pi / 180 or 180 / pi, each rounded to a float as PyTorch's. */
    static Tensor degrees(Tensor x, boolean toRadians) {
        return x.mul((float) (toRadians ? Math.PI / 180 : 180 / Math.PI));
    }

    /**
     * torch.cov: the covariance of the variables in x's rows (its columns the observations; a 1-D x one variable),
     * divided by observations - correction (0 or less gives infinities and NaN, as PyTorch, which warns); all size-1
     * dimensions squeezed, as PyTorch's.
     */
    static Tensor cov(Tensor x, int correction) {
        if (x.dim() > 2) {
            throw new IllegalArgumentException("cov(): expected input to have two or fewer dimensions but got an input "
                    + "with " + x.dim() + " dimensions " + java.util.Arrays.toString(x.shape()));
        }
        Tensor rows = x.dim() < 2 ? x.reshape(1, -1) : x;
        int observations = rows.size(1);
        Tensor centred = rows.sub(rows.mean(1, true));
        return centred.mm(centred.t()).div((float) Math.max(observations - correction, 0)).squeeze();
    }

    /** torch.corrcoef: the covariance scaled by both variables' deviations, clipped to [-1, 1]. */
    static Tensor corrcoef(Tensor x) {
        Tensor c = cov(x, 1);
        if (c.dim() == 0) {
            return c.div(c);
        }
        Tensor deviation = c.diagonal(0, 0, 1).sqrt();
        return c.div(deviation.reshape(-1, 1)).div(deviation.reshape(1, -1)).clamp(-1f, 1f);
    }

    /** torch.trapezoid: the trapezoid rule's integral of y along dim with spacing dx. */
    static Tensor trapezoid(Tensor y, float dx, int dim) {
        int d = Shapes.wrapDim(dim, y.dim());
        int length = y.size(d);
        if (length == 0) {
            return y.sum(d, false);
        }
        return y.narrow(d, 1, length - 1).add(y.narrow(d, 0, length - 1)).sum(d, false).mul(dx / 2);
    }

    /** torch.cumulative_trapezoid: the running trapezoid-rule integral (one value fewer than y along dim). */
    static Tensor cumulativeTrapezoid(Tensor y, float dx, int dim) {
        int d = Shapes.wrapDim(dim, y.dim());
        int length = Math.max(y.size(d) - 1, 0);
        return y.narrow(d, 1, length).add(y.narrow(d, 0, length)).mul(dx / 2).cumsum(d);
    }

    /** torch.logspace: base raised to steps points from start to end. */
    static Tensor logspace(float start, float end, int steps, float base) {
        return Tensor.full(base, Math.max(steps, 0)).pow(Tensor.linspace(start, end, steps));
    }

    /**
     * torch.fmax (max) or fmin: the larger (smaller) of a and b, broadcast, taking the other where one is NaN (NaN only
     * where both are). Ties and a NaN other give the gradient to a, as PyTorch's rule does.
     */
    static Tensor fmaxOrMin(Tensor a, Tensor b, boolean max) {
        Tensor pick = (max ? a.ge(b) : a.le(b)).add(b.isnan()).gt(0f);
        return Tensor.where(pick, a, b);
    }

    /**
     * torch.kthvalue: the k-th smallest value along dim (k from 1) and its index, from an ascending sort; values
     * differentiable (to the element chosen).
     */
    static java.util.List<Tensor> kthvalue(Tensor x, int k, int dim, boolean keepdim) {
        int d = Shapes.wrapDim(dim, Math.max(1, x.dim()));
        int size = x.dim() == 0 ? 1 : x.size(d);
        if (k < 1 || k > size) {
            throw new IllegalArgumentException("kthvalue(): selected number k out of range for dimension " + dim
                    + " (k " + k + ", size " + size + ")");
        }
        if (x.dim() == 0) {
            return java.util.List.of(x, Tensor.zeros());
        }
        java.util.List<Tensor> sorted = x.sort(d, false);
        Tensor values = sorted.get(0).narrow(d, k - 1, 1), indices = sorted.get(1).narrow(d, k - 1, 1);
        return keepdim ? java.util.List.of(values, indices) : java.util.List.of(values.squeeze(d), indices.squeeze(d));
    }

    /**
     * torch.renorm: each slice along dim (the sub-tensor with that index) whose p-norm exceeds maxnorm scaled to
     * maxnorm (by maxnorm / (norm + 1e-7), as PyTorch); the others unchanged. Differentiable through the norms.
     */
    static Tensor renorm(Tensor x, float p, int dim, float maxnorm) {
        if (!(p > 0)) {
            throw new IllegalArgumentException("renorm: non-positive-norm not supported, got p=" + p);
        }
        if (!(maxnorm >= 0)) {
            throw new IllegalArgumentException("renorm: expected maxnorm to be >= 0 but got " + maxnorm);
        }
        int d = Shapes.wrapDim(dim, x.dim());
        int[] others = new int[x.dim() - 1];
        for (int i = 0, j = 0; i < x.dim(); i++) {
            if (i != d) {
                others[j++] = i;
            }
        }
        Tensor norms = x.abs();
        if (Float.isInfinite(p)) {
            for (int o : others) {
                norms = norms.amax(o, true);
            }
        } else if (others.length > 0) {
            norms = norms.pow(p).sum(others, true).pow(1f / p);
        }
        Tensor factor = Tensor.where(norms.gt(maxnorm), norms.add(1e-7f).reciprocal().mul(maxnorm),
                norms.onesLike());
        return x.mul(factor);
    }
}

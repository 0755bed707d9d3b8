package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;

/**
 * torch.clamp with tensor bounds, either of which may be absent (null), broadcasting all operands: {@code max(x, min)}
 * then {@code min(., max)}, so NaN wherever an operand is NaN and {@code max} where min > max. The gradient is PyTorch
 * 1.13's rule, checked against it on ties, crossed bounds and NaN: x gets g where {@code min <= x <= max}, min where
 * {@code x < min} (and {@code min < max} when both are given), max where {@code x > max} (or {@code max < min}); a
 * comparison with NaN is false, so a NaN operand sends no gradient anywhere.
 */
final class Clamping {
    private Clamping() {}

    /** The clamp, recorded as {@code node} (PyTorch's names: ClampBackward0, ClampMinBackward1, ClampMaxBackward1). */
    static Tensor clamp(Tensor x, Tensor min, Tensor max, String node) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("torch.clamp: At least one of 'min' or 'max' must not be None");
        }
        Tensor out;
        try (var off = GradMode.noGrad()) {
            Tensor low = min == null ? x : x.maximum(min);
            out = max == null ? low : low.minimum(max);
        }
        boolean minGrad = min != null && min.requiresGrad(), maxGrad = max != null && max.requiresGrad();
        if (!(x.requiresGrad() || minGrad || maxGrad) || !GradMode.isEnabled()) {
            return out;
        }
        int[] xShape = x.shape, minShape = min == null ? null : min.shape, maxShape = max == null ? null : max.shape;
        out.setGradFn(new Node(node, x, min, max) {
            private final SavedTensor savedX = save(x), savedMin = min == null ? null : save(min),
                    savedMax = max == null ? null : save(max);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor xv = savedX.get(), lo = savedMin == null ? null : savedMin.get(),
                        hi = savedMax == null ? null : savedMax.get();
                Tensor dx = null, dmin = null, dmax = null;
                try (var off = GradMode.noGrad()) {   // the masks are constants of the rule
                    if (needsGrad(0)) {
                        dx = lo == null ? xv.le(hi) : hi == null ? xv.ge(lo) : xv.ge(lo).logicalAnd(xv.le(hi));
                    }
                    if (lo != null && needsGrad(1)) {
                        dmin = hi == null ? xv.lt(lo) : xv.lt(lo).logicalAnd(lo.lt(hi));
                    }
                    if (hi != null && needsGrad(2)) {
                        dmax = lo == null ? xv.gt(hi) : xv.gt(hi).logicalOr(hi.lt(lo));
                    }
                }
                return grads(dx == null ? null : Reduction.sumTo(Pointwise.zeroUnless(g, dx), xShape),
                        dmin == null ? null : Reduction.sumTo(Pointwise.zeroUnless(g, dmin), minShape),
                        dmax == null ? null : Reduction.sumTo(Pointwise.zeroUnless(g, dmax), maxShape));
            }
        });
        return out;
    }
}

package dev.vgrad;

import dev.vgrad.autograd.GradMode;

/**
 * Tests of elements as 0/1 float masks (torch.isnan, isinf, isfinite, isneginf, isposinf) and whether any or all
 * elements are non-zero (torch.any, torch.all, where NaN counts as non-zero). None of them has a gradient: they are
 * built from comparisons with recording off, so a tensor that requires grad records nothing here.
 */
final class Predicates {
    private Predicates() {}

    static Tensor isnan(Tensor x) {
        try (var off = GradMode.noGrad()) {
            return x.ne(x);
        }
    }

    static Tensor isinf(Tensor x) {
        try (var off = GradMode.noGrad()) {
            return x.abs().eq(Float.POSITIVE_INFINITY);
        }
    }

    static Tensor isneginf(Tensor x) {
        try (var off = GradMode.noGrad()) {
            return x.eq(Float.NEGATIVE_INFINITY);
        }
    }

    static Tensor isposinf(Tensor x) {
        try (var off = GradMode.noGrad()) {
            return x.eq(Float.POSITIVE_INFINITY);
        }
    }

    /** A NaN compares false with everything, so |x| < inf holds exactly for the finite elements. */
    static Tensor isfinite(Tensor x) {
        try (var off = GradMode.noGrad()) {
            return x.abs().lt(Float.POSITIVE_INFINITY);
        }
    }

    /** 1 if any element is non-zero (NaN included), else 0; 0 for an empty tensor. */
    static Tensor any(Tensor x) {
        try (var off = GradMode.noGrad()) {
            return x.numel() == 0 ? Tensor.scalar(0f) : x.ne(0f).max();
        }
    }

    /** 1 if every element is non-zero (NaN included), else 0; 1 for an empty tensor. */
    static Tensor all(Tensor x) {
        try (var off = GradMode.noGrad()) {
            return x.numel() == 0 ? Tensor.scalar(1f) : x.ne(0f).min();
        }
    }

    /** any along dim; a line of length 0 gives 0. */
    static Tensor any(Tensor x, int dim, boolean keepdim) {
        return along(x, dim, keepdim, 0f, true);
    }

    /** all along dim; a line of length 0 gives 1. */
    static Tensor all(Tensor x, int dim, boolean keepdim) {
        return along(x, dim, keepdim, 1f, false);
    }

    private static Tensor along(Tensor x, int dim, boolean keepdim, float empty, boolean any) {
        int d = Shapes.wrapDim(dim, x.dim());
        try (var off = GradMode.noGrad()) {
            if (x.dim() > 0 && x.shape[d] == 0) {
                int[] shape = x.shape.clone();
                shape[d] = 1;
                Tensor out = Tensor.full(empty, shape);
                return keepdim ? out : out.squeeze(d);
            }
            Tensor nonZero = x.ne(0f);
            return any ? nonZero.max(d, keepdim) : nonZero.min(d, keepdim);
        }
    }
}

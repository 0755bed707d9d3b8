package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.nn.utils.clip_grad_norm_}: gradients rescaled in place so their joint norm (the 2-norm unless another
 * norm type is named) is at most maxNorm; and {@code clip_grad_value_}.
 */
public final class ClipGrad {
    private ClipGrad() {}

    /**
     * Scales every parameter's gradient by {@code maxNorm / (total + 1e-6)} when that is below 1, where total is the
     * 2-norm of all gradients together; parameters without a gradient are skipped. Returns the total norm (before
     * clipping), as PyTorch does. A non-finite total is returned as it is and the gradients are scaled as PyTorch
     * scales them (error_if_nonfinite=False): by 0 for an infinite total, by NaN for a NaN one, so nothing hides it.
     */
    public static float clipGradNorm_(List<Tensor> params, float maxNorm) {
        double sumSquares = 0;
        for (Tensor p : params) {
            if (p.grad() != null) {
                float n = p.grad().norm().item();
                sumSquares += (double) n * n;
            }
        }
        float total = (float) Math.sqrt(sumSquares);
        float coef = maxNorm / (total + 1e-6f);
        if (coef < 1f || Float.isNaN(coef)) {
            try (var off = GradMode.noGrad()) {
                for (Tensor p : params) {
                    if (p.grad() != null) {
                        p.grad().mul_(coef);
                    }
                }
            }
        }
        return total;
    }

    /**
     * {@code clip_grad_norm_(parameters, max_norm, norm_type)}: as {@link #clipGradNorm_(List, float)} with the total
     * taken as torch takes it for {@code normType}: the normType-norm of the gradients' own normType-norms (any p
     * torch.norm takes, {@link Tensor#norm(float, int, boolean)}; for infinity the largest magnitude of any
     * gradient), in float as PyTorch computes it. The 2-norm goes through the two-argument form.
     *
     * @throws IllegalArgumentException when normType is NaN
     */
    public static float clipGradNorm_(List<Tensor> params, float maxNorm, float normType) {
        if (normType == 2f) {
            return clipGradNorm_(params, maxNorm);
        }
        if (Float.isNaN(normType)) {
            throw new IllegalArgumentException("clip_grad_norm_: norm_type must be a number or infinity, got NaN");
        }
        List<Tensor> norms = new ArrayList<>();
        float total;
        try (var off = GradMode.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) {
                    norms.add(p.grad().reshape(-1).norm(normType, 0, false));
                }
            }
            if (norms.isEmpty()) {
                return 0f;
            }
            Tensor all = Tensor.stack(norms, 0);
            total = all.norm(normType, 0, false).item();
            float coef = maxNorm / (total + 1e-6f);
            if (coef < 1f || Float.isNaN(coef)) {
                for (Tensor p : params) {
                    if (p.grad() != null) {
                        p.grad().mul_(coef);
                    }
                }
            }
        }
        return total;
    }

    /**
     * {@code torch.nn.utils.clip_grad_value_}: every gradient element clamped in place to [-clipValue, clipValue];
     * parameters without a gradient are skipped. NaN stays NaN.
     */
    public static void clipGradValue_(List<Tensor> params, float clipValue) {
        if (!(clipValue >= 0f)) {
            throw new IllegalArgumentException("clip_grad_value_: clip_value must be non-negative, got " + clipValue);
        }
        try (var off = GradMode.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) {
                    p.grad().clamp_(-clipValue, clipValue);
                }
            }
        }
    }
}

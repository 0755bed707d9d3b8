package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import java.util.List;

/** {@code torch.nn.utils.clip_grad_norm_}: gradients rescaled in place so their joint 2-norm is at most maxNorm. */
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

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Negative log-likelihood losses of a distribution's parameters: Poisson (rate or log-rate) and Gaussian (mean and
 * variance), and the KL divergence with a target given as log-probabilities. Composed of recorded ops as PyTorch 1.13
 * composes them.
 */
final class LikelihoodLosses {
    private LikelihoodLosses() {}

    /** log(2 pi) / 2, the Gaussian's constant term. */
    private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

    /**
     * {@code e^x - y x} for a log-rate x, else {@code x - y log(x + eps)}; with full, Stirling's approximation of
     * {@code log(y!)} added where y > 1 (F.poisson_nll_loss).
     */
    static Tensor poissonNll(Tensor input, Tensor target, boolean logInput, boolean full, float eps, String reduction) {
        Tensor.broadcastShapes("poisson_nll_loss", input.shape(), target.shape());
        Tensor loss = logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
        if (full) {
            Tensor stirling = target.mul(target.log()).sub(target).add(target.mul((float) (2 * Math.PI)).log().mul(0.5f));
            loss = loss.add(stirling.maskedFill(target.le(1f), 0f));
        }
        return ClassificationLoss.reduce(loss, reduction);
    }

    /**
     * {@code (log(var) + (x - y)^2 / var) / 2} (+ log(2 pi) / 2 with full), var clamped to at least eps for its value
     * but not for its gradient, as PyTorch clamps it under no_grad (F.gaussian_nll_loss). var has input's shape, or it
     * lacks input's last dimension or has it as 1 (one variance for a whole row); a negative var is refused.
     */
    static Tensor gaussianNll(Tensor input, Tensor target, Tensor var, boolean full, float eps, String reduction) {
        int[] in = input.shape(), vs = var.shape();
        Tensor v = var;
        if (!java.util.Arrays.equals(vs, in)) {
            int[] rows = java.util.Arrays.copyOf(in, Math.max(0, in.length - 1));
            if (java.util.Arrays.equals(vs, rows)) {
                v = var.unsqueeze(-1);
            } else if (!(vs.length == in.length && vs[vs.length - 1] == 1
                    && java.util.Arrays.equals(java.util.Arrays.copyOf(vs, vs.length - 1), rows))) {
                throw new IllegalArgumentException("gaussian_nll_loss: var is of incorrect size "
                        + java.util.Arrays.toString(vs) + " for input " + java.util.Arrays.toString(in));
            }
        }
        if (var.lt(0f).any().item() != 0f) {
            throw new IllegalArgumentException("gaussian_nll_loss: var has negative entry/entries");
        }
        Tensor clamped = v.add(v.clampMin(eps).sub(v).detach());
        Tensor diff = input.sub(target);
        Tensor loss = clamped.log().add(diff.mul(diff).div(clamped)).mul(0.5f);
        if (full) {
            loss = loss.add(HALF_LOG_TWO_PI);
        }
        return ClassificationLoss.reduce(loss, reduction);
    }

    /** {@code e^t (t - x)} for a target t given as log-probabilities (F.kl_div with log_target). */
    static Tensor klDivLogTarget(Tensor input, Tensor target, String reduction) {
        Tensor.broadcastShapes("kl_div", input.shape(), target.shape());
        Tensor loss = target.exp().mul(target.sub(input));
        if ("batchmean".equals(reduction)) {
            return loss.sum().div(input.dim() == 0 ? 1 : input.size(0));
        }
        return ClassificationLoss.reduce(loss, reduction);
    }
}

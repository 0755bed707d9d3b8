package dev.vgrad.nn;

/**
 * The Poisson negative log-likelihood of counts under a rate (or log-rate) input, as {@code torch.nn.PoissonNLLLoss}
 * (log input, no Stirling term, eps 1e-8, mean by default).
 */
public class PoissonNLLLoss extends Criterion {
    /** Log-rate input, not full, eps 1e-8, reduced by mean. */
    public PoissonNLLLoss() {
        this(true, false, 1e-8f, "mean");
    }

    /** PyTorch's {@code PoissonNLLLoss(log_input, full, eps=eps, reduction=reduction)}. */
    public PoissonNLLLoss(boolean logInput, boolean full, float eps, String reduction) {
        super(reduction, (input, target, mode) -> Functional.poissonNllLoss(input, target, logInput, full, eps,
                reduction));
    }
}

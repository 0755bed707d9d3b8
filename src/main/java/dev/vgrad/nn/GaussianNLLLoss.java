package dev.vgrad.nn;

/**
 * The Gaussian negative log-likelihood of a target under a predicted mean and variance, as
 * {@code torch.nn.GaussianNLLLoss} (no constant term, eps 1e-6, mean by default); {@code forward(input, target, var)}.
 */
public class GaussianNLLLoss extends ThreeInputLoss {
    /** Not full, eps 1e-6, reduced by mean. */
    public GaussianNLLLoss() {
        this(false, 1e-6f, "mean");
    }

    /** PyTorch's {@code GaussianNLLLoss(full=full, eps=eps, reduction=reduction)}. */
    public GaussianNLLLoss(boolean full, float eps, String reduction) {
        super(reduction, (input, target, var) -> Functional.gaussianNllLoss(input, target, var, full, eps, reduction));
    }
}

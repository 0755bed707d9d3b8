package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * {@code log(1 + exp(beta * x)) / beta}, linear where {@code beta * x > threshold}, as {@code torch.nn.Softplus}
 * (beta 1, threshold 20 by default).
 */
public class Softplus extends Module {
    private final float beta, threshold;

    /** Beta 1, threshold 20. */
    public Softplus() {
        this(1f, 20f);
    }

    /** The given beta and threshold. */
    public Softplus(float beta, float threshold) {
        this.beta = beta;
        this.threshold = threshold;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.softplus(x, beta, threshold);
    }

    @Override
    protected String extraRepr() {
        return "beta=" + PythonRepr.integralOrFloat(beta) + ", threshold=" + PythonRepr.integralOrFloat(threshold);
    }
}

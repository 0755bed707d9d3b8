package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Local response normalization across channels, as {@code torch.nn.LocalResponseNorm}: each value divided by
 * {@code (k + alpha * mean of the squares of the size channels around it)^beta}, on [N, C, ...].
 */
public class LocalResponseNorm extends Module {
    private final int size;
    private final float alpha, beta, k;

    /** PyTorch's defaults: alpha 1e-4, beta 0.75, k 1. */
    public LocalResponseNorm(int size) {
        this(size, 1e-4f, 0.75f, 1f);
    }

    /** Over {@code size} neighbouring channels. */
    public LocalResponseNorm(int size, float alpha, float beta, float k) {
        if (size < 1) {
            throw new IllegalArgumentException("LocalResponseNorm: size must be positive, got " + size);
        }
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    @Override
    public Tensor forward(Tensor x) {
        return WindowNorms.localResponseNorm(x, size, alpha, beta, k);
    }

    @Override
    protected String extraRepr() {
        return size + ", alpha=" + PythonRepr.pythonFloat(alpha) + ", beta=" + PythonRepr.pythonFloat(beta) + ", k="
                + PythonRepr.pythonFloat(k);
    }
}

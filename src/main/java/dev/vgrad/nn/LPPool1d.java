package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Power-average pooling of [N, C, L] (or [C, L]), as {@code torch.nn.LPPool1d}: {@code (sum of x^p over each
 * window)^(1/p)}; p = 1 sums, large p nears max pooling.
 */
public class LPPool1d extends Module {
    private final float normType;
    private final int kernelSize;
    private final Integer stride;

    /** Windows of {@code kernelSize} every kernelSize. */
    public LPPool1d(float normType, int kernelSize) {
        this(normType, kernelSize, null);
    }

    /** Windows of {@code kernelSize} every {@code stride} (null: kernelSize). */
    public LPPool1d(float normType, int kernelSize, Integer stride) {
        this.normType = normType;
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.lpPool1d(x, normType, kernelSize, stride == null ? kernelSize : stride);
    }

    @Override
    protected String extraRepr() {
        return "norm_type=" + PythonRepr.integralOrFloat(normType) + ", kernel_size=" + kernelSize + ", stride="
                + (stride == null ? "None" : stride) + ", ceil_mode=False";
    }
}

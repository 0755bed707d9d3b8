package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Power-average pooling of [N, C, H, W] (or [C, H, W]), as {@code torch.nn.LPPool2d}: {@code (sum of x^p over each
 * window)^(1/p)}.
 */
public class LPPool2d extends Module {
    private final float normType;
    private final int kernelSize;
    private final Integer stride;

    /** Square windows of {@code kernelSize} every kernelSize. */
    public LPPool2d(float normType, int kernelSize) {
        this(normType, kernelSize, null);
    }

    /** Square windows of {@code kernelSize} every {@code stride} (null: kernelSize). */
    public LPPool2d(float normType, int kernelSize, Integer stride) {
        this.normType = normType;
        this.kernelSize = kernelSize;
        this.stride = stride;
    }

    @Override
    public Tensor forward(Tensor x) {
        int s = stride == null ? kernelSize : stride;
        return Functional.lpPool2d(x, normType, new int[] {kernelSize, kernelSize}, new int[] {s, s});
    }

    @Override
    protected String extraRepr() {
        return "norm_type=" + PythonRepr.integralOrFloat(normType) + ", kernel_size=" + kernelSize + ", stride="
                + (stride == null ? "None" : stride) + ", ceil_mode=False";
    }
}

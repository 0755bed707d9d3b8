package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Average pooling of [N, C, L] to a fixed length, as {@code torch.nn.AdaptiveAvgPool1d}. */
public class AdaptiveAvgPool1d extends Module {
    private final int outputSize;

    /** Pools every input length to {@code outputSize}. */
    public AdaptiveAvgPool1d(int outputSize) {
        if (outputSize <= 0) {
            throw new IllegalArgumentException("AdaptiveAvgPool1d: output_size must be positive, got " + outputSize);
        }
        this.outputSize = outputSize;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.adaptiveAvgPool1d(x, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + outputSize;
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Max pooling to a fixed output length over adaptive windows, as {@code torch.nn.AdaptiveMaxPool1d}. */
public class AdaptiveMaxPool1d extends Module {
    private final int outputSize;

    /** The output length. */
    public AdaptiveMaxPool1d(int outputSize) {
        this.outputSize = outputSize;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.adaptiveMaxPool1d(x, outputSize);
    }

    /** The pooled values and each maximum's flat index into its input row (PyTorch's return_indices=True). */
    public java.util.List<Tensor> forwardWithIndices(Tensor x) {
        return Functional.adaptiveMaxPool1dWithIndices(x, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + outputSize;
    }
}

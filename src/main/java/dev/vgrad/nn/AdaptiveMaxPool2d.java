package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Max pooling to a fixed output size [h, w] over adaptive windows, as {@code torch.nn.AdaptiveMaxPool2d}. */
public class AdaptiveMaxPool2d extends Module {
    private final int[] outputSize;
    /** The size as given (one value or one a dimension), for the repr. */
    private final int[] given;

    /** The output size (h, w), or one size for a square. */
    public AdaptiveMaxPool2d(int... outputSize) {
        this.given = outputSize.clone();
        this.outputSize = outputSize.length == 1 ? new int[] {outputSize[0], outputSize[0]} : outputSize.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.adaptiveMaxPool2d(x, outputSize);
    }

    /** The pooled values and each maximum's flat index into its input plane (PyTorch's return_indices=True). */
    public java.util.List<Tensor> forwardWithIndices(Tensor x) {
        return Functional.adaptiveMaxPool2dWithIndices(x, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + PythonRepr.intOrTuple(given);
    }
}

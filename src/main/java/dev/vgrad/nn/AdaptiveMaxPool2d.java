package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Max pooling to a fixed output size [h, w] over adaptive windows, as {@code torch.nn.AdaptiveMaxPool2d}. */
public class AdaptiveMaxPool2d extends Module {
    private final int[] outputSize;

    /** The output size (h, w). */
    public AdaptiveMaxPool2d(int... outputSize) {
        this.outputSize = outputSize.length == 1 ? new int[] {outputSize[0], outputSize[0]} : outputSize.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.adaptiveMaxPool2d(x, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=(" + outputSize[0] + ", " + outputSize[1] + ")";
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Average pooling to a fixed output size, as {@code torch.nn.AdaptiveAvgPool2d}. */
public class AdaptiveAvgPool2d extends Module {
    private final int[] outputSize;
    /** Made from one size: PyTorch prints it as that one int. */
    private final boolean square;

    /** Output (h, w), or (s, s) for one size. */
    public AdaptiveAvgPool2d(int... outputSize) {
        this.square = outputSize.length == 1;
        if (outputSize.length == 1) {
            outputSize = new int[] {outputSize[0], outputSize[0]};
        }
        if (outputSize.length != 2 || outputSize[0] <= 0 || outputSize[1] <= 0) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d needs one or two positive sizes, got "
                    + java.util.Arrays.toString(outputSize));
        }
        this.outputSize = outputSize.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.adaptiveAvgPool2d(x, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + (square ? String.valueOf(outputSize[0])
                : "(" + outputSize[0] + ", " + outputSize[1] + ")");
    }
}

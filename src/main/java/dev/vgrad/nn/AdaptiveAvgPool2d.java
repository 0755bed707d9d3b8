package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Average pooling to a fixed output size, as {@code torch.nn.AdaptiveAvgPool2d}. */
public class AdaptiveAvgPool2d extends Module {
    private final int[] outputSize;
    /** The size as given (one value or one a dimension), for the repr. */
    private final int[] given;

    /** Output (h, w), or (s, s) for one size. */
    public AdaptiveAvgPool2d(int... outputSize) {
        this.given = outputSize.clone();
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
        return "output_size=" + PythonRepr.intOrTuple(given);
    }
}

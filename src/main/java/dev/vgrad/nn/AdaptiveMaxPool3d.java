package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Max pooling of [N, C, D, H, W] to a fixed output size (d, h, w) over adaptive windows, as
 * {@code torch.nn.AdaptiveMaxPool3d}.
 */
public class AdaptiveMaxPool3d extends Module {
    private final int[] outputSize;
    /** The size as given (one value or one a dimension), for the repr. */
    private final int[] given;

    /** The output size: one value for a cube, or (d, h, w). */
    public AdaptiveMaxPool3d(int... outputSize) {
        if (outputSize.length != 1 && outputSize.length != 3) {
            throw new IllegalArgumentException("AdaptiveMaxPool3d: output size is one value or (d, h, w), got "
                    + java.util.Arrays.toString(outputSize));
        }
        this.given = outputSize.clone();
        this.outputSize = outputSize.length == 1 ? new int[] {outputSize[0], outputSize[0], outputSize[0]}
                : outputSize.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.adaptiveMaxPool3d(x, outputSize);
    }

    /** The pooled values and each maximum's flat index into its input volume (PyTorch's return_indices=True). */
    public java.util.List<Tensor> forwardWithIndices(Tensor x) {
        return Functional.adaptiveMaxPool3dWithIndices(x, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + PythonRepr.intOrTuple(given);
    }
}

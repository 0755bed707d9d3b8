package dev.vgrad.nn;

import dev.vgrad.Generator;

/**
 * Fractional max pooling of [N, C, D, H, W] to an output size or ratio, as {@code torch.nn.FractionalMaxPool3d}:
 * each call draws one sample a plane and dimension from its generator, as PyTorch draws them from its default
 * generator (see {@link Functional#fractionalMaxPool3dWithIndices}).
 */
public class FractionalMaxPool3d extends FractionalMaxPoolNd {
    /** Cubes of kernel a side pooled to outputSize ([D', H', W']), drawing from the default generator. */
    public FractionalMaxPool3d(int kernel, int[] outputSize) {
        this(cube(kernel, 3), outputSize, null, Generator.defaultGenerator());
    }

    /** Cubes of kernel a side pooled to {@code int(size * ratio)} a side, drawing from the default generator. */
    public FractionalMaxPool3d(int kernel, double[] outputRatio) {
        this(cube(kernel, 3), null, outputRatio, Generator.defaultGenerator());
    }

    /** Windows of kernel ([kD, kH, kW]) to exactly one of outputSize and outputRatio, drawing from g. */
    public FractionalMaxPool3d(int[] kernel, int[] outputSize, double[] outputRatio, Generator g) {
        super("fractional_max_pool3d", kernel, outputSize, outputRatio, g);
    }
}

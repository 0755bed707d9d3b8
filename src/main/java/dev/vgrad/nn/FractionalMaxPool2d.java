package dev.vgrad.nn;

import dev.vgrad.Generator;

/**
 * Fractional max pooling of [N, C, H, W] to an output size or ratio, as {@code torch.nn.FractionalMaxPool2d}: each
 * call draws one sample a plane and dimension from its generator, as PyTorch draws them from its default generator
 * (see {@link Functional#fractionalMaxPool2dWithIndices}).
 */
public class FractionalMaxPool2d extends FractionalMaxPoolNd {
    /** Square windows of kernel a side pooled to outputSize ([H', W']), drawing from the default generator. */
    public FractionalMaxPool2d(int kernel, int[] outputSize) {
        this(cube(kernel, 2), outputSize, null, Generator.defaultGenerator());
    }

    /** Square windows of kernel a side pooled to {@code int(size * ratio)} a side, from the default generator. */
    public FractionalMaxPool2d(int kernel, double[] outputRatio) {
        this(cube(kernel, 2), null, outputRatio, Generator.defaultGenerator());
    }

    /** Windows of kernel ([kH, kW]) to exactly one of outputSize and outputRatio, drawing from g. */
    public FractionalMaxPool2d(int[] kernel, int[] outputSize, double[] outputRatio, Generator g) {
        super("fractional_max_pool2d", kernel, outputSize, outputRatio, g);
    }
}

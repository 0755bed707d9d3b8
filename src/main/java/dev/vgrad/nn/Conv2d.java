package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * 2-D convolution, as {@code torch.nn.Conv2d} with square kernel, stride and padding: weight [out, in, k, k] and
 * bias [out] drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in * k * k (PyTorch's kaiming_uniform_
 * with a = sqrt(5), and its bias rule), weight first, so a seeded Conv2d holds torch's values for the same seed.
 */
public class Conv2d extends ConvNd {
    private static final int[] DILATION = {1, 1};
    /** Stride and padding as the functional op takes them, made once (the op never writes to them). */
    private final int[] stridePair, paddingPair;

    /** Stride 1, no padding, from the default generator. */
    public Conv2d(int in, int out, int kernel) {
        this(in, out, kernel, 1, 0, Generator.defaultGenerator());
    }

    /** Stride 1, no padding, from {@code g}. */
    public Conv2d(int in, int out, int kernel, Generator g) {
        this(in, out, kernel, 1, 0, g);
    }

    /** The given stride and padding, from the default generator. */
    public Conv2d(int in, int out, int kernel, int stride, int padding) {
        this(in, out, kernel, stride, padding, Generator.defaultGenerator());
    }

    /** The given stride and padding, from {@code g}. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, Generator g) {
        super(in, out, kernel, stride, padding, 2, g);
        this.stridePair = new int[] {stride, stride};
        this.paddingPair = new int[] {padding, padding};
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.conv2d(x, weight, bias, stridePair, paddingPair, DILATION, 1);
    }
}

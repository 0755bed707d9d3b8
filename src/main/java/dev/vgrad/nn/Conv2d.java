package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * 2-D convolution, as {@code torch.nn.Conv2d} with square kernel, stride and padding: weight [out, in, k, k] and
 * bias [out] drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in * k * k (PyTorch's kaiming_uniform_
 * with a = sqrt(5), and its bias rule), weight first, so a seeded Conv2d holds torch's values for the same seed.
 */
public class Conv2d extends Module {
    private final int in, out, kernel, stride, padding;
    /** The weight, [out, in, kernel, kernel]. */
    public final Tensor weight;
    /** The bias, [out]. */
    public final Tensor bias;

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
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException("Conv2d needs positive channels, kernel and stride and padding >= 0, got "
                    + "in=" + in + ", out=" + out + ", kernel=" + kernel + ", stride=" + stride + ", padding=" + padding);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        float bound = (float) (1.0 / Math.sqrt((double) in * kernel * kernel));
        this.weight = registerParameter("weight", Init.uniform(g, -bound, bound, out, in, kernel, kernel));
        this.bias = registerParameter("bias", Init.uniform(g, -bound, bound, out));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.conv2d(x, weight, bias, new int[] {stride, stride}, new int[] {padding, padding},
                new int[] {1, 1}, 1);
    }

    @Override
    protected String extraRepr() {
        return in + ", " + out + ", kernel_size=(" + kernel + ", " + kernel + "), stride=(" + stride + ", " + stride + ")"
                + (padding != 0 ? ", padding=(" + padding + ", " + padding + ")" : "");
    }
}

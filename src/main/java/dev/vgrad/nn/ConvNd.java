package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * What Conv1d and Conv2d share, as PyTorch's _ConvNd: a square (or 1-D) kernel, stride and padding, and weight
 * [out, in, k...] and bias [out] drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in * k^dims
 * (kaiming_uniform_ with a = sqrt(5), and its bias rule), weight first, as PyTorch draws them for a seed.
 */
abstract class ConvNd extends Module {
    final int in, out, kernel, stride, padding;
    /** The weight, [out, in, kernel...]. */
    public final Tensor weight;
    /** The bias, [out]. */
    public final Tensor bias;

    ConvNd(int in, int out, int kernel, int stride, int padding, int dims, Generator g) {
        if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs positive channels, kernel and stride "
                    + "and padding >= 0, got in=" + in + ", out=" + out + ", kernel=" + kernel + ", stride=" + stride
                    + ", padding=" + padding);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        int[] shape = new int[2 + dims];
        java.util.Arrays.fill(shape, kernel);
        shape[0] = out;
        shape[1] = in;
        float bound = (float) (1.0 / Math.sqrt(in * Math.pow(kernel, dims)));
        this.weight = registerParameter("weight", Init.uniform(g, -bound, bound, shape));
        this.bias = registerParameter("bias", Init.uniform(g, -bound, bound, out));
    }

    /** PyTorch's "(k, k)" or "(k,)" for one value per spatial dimension. */
    String tuple(int v) {
        return weight.dim() == 3 ? "(" + v + ",)" : "(" + v + ", " + v + ")";
    }

    @Override
    protected String extraRepr() {
        return in + ", " + out + ", kernel_size=" + tuple(kernel) + ", stride=" + tuple(stride)
                + (padding != 0 ? ", padding=" + tuple(padding) : "");
    }
}

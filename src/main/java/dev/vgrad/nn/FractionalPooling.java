package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Fractional max pooling (Graham, 2014), as PyTorch's fractional_max_pool2d and 3d: windows of a fixed size whose
 * starts follow a pseudo-random sequence, one per plane and dimension, drawn from a sample u in [0, 1):
 * {@code start(i) = int((i + u) * alpha) - int(u * alpha)} with {@code alpha = (in - k) / (out - 1)} in float, the
 * last window ending at the input's end. The samples are PyTorch's {@code _random_samples} ([N, C, dims], for 2-D the
 * width's first, for 3-D depth, height, width), drawn as torch.rand draws them when not given, so a seed gives
 * PyTorch's windows. Values are gathered at each window's maximum, so the gradient goes there.
 */
final class FractionalPooling {
    private FractionalPooling() {}

    static List<Tensor> pool(String op, Tensor input, int[] kernel, int[] outputSize, double[] outputRatio,
            Tensor samples, Generator g) {
        int dims = kernel.length;
        boolean unbatched = input.dim() == dims + 1;
        if (input.dim() != dims + 2 && !unbatched) {
            throw new IllegalArgumentException(op + ": expected a " + (dims + 1) + "-D or " + (dims + 2)
                    + "-D input, got " + Arrays.toString(input.shape()));
        }
        if ((outputSize == null) == (outputRatio == null)) {
            throw new IllegalArgumentException(op + " requires specifying either an output size or an output ratio "
                    + "(exactly one of them)");
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int n = x.size(0), c = x.size(1);
        int[] in = Arrays.copyOfRange(x.shape(), 2, dims + 2), out = new int[dims];
        for (int d = 0; d < dims; d++) {
            if (outputRatio != null && !(outputRatio[d] > 0 && outputRatio[d] < 1)) {
                throw new IllegalArgumentException(op + " output_ratio must be between 0 and 1 (got "
                        + Arrays.toString(outputRatio) + ")");
            }
            out[d] = outputSize != null ? outputSize[d] : (int) (in[d] * outputRatio[d]);
            // PyTorch's 3-D check is strict, its 2-D one is not
            int reach = out[d] + kernel[d] - 1 + (dims == 3 ? 1 : 0);
            if (kernel[d] <= 0 || out[d] <= 0 || reach > in[d]) {
                throw new IllegalArgumentException(op + ": pool size " + Arrays.toString(kernel) + " and output size "
                        + Arrays.toString(out) + " do not fit input " + Arrays.toString(input.shape())
                        + " (output size + pool size - 1 must be " + (dims == 3 ? "below" : "at most")
                        + " the input size in each dimension)");
            }
        }
        Tensor u = samples != null ? samples
                : Tensor.rand(g != null ? g : Generator.defaultGenerator(), n, c, dims);
        if (!Arrays.equals(u.shape(), new int[] {n, c, dims})) {
            throw new IllegalArgumentException(op + ": expected random samples of shape " + Arrays.toString(
                    new int[] {n, c, dims}) + ", got " + Arrays.toString(u.shape()));
        }
        float[] v = x.detach().contiguous().toArray(), s = u.contiguous().toArray();
        int area = 1, outArea = 1;
        for (int d = 0; d < dims; d++) {
            area *= in[d];
            outArea *= out[d];
        }
        float[] index = new float[n * c * outArea];
        int[][] from = new int[dims][], to = new int[dims][];
        for (int p = 0; p < n * c; p++) {
            for (int d = 0; d < dims; d++) {
                // PyTorch's sample order: width first in 2-D, depth, height, width in 3-D
                float sample = s[p * dims + (dims == 2 ? 1 - d : d)];
                from[d] = starts(sample, in[d], out[d], kernel[d]);
                to[d] = new int[out[d]];
                for (int o = 0; o < out[d]; o++) {
                    to[d][o] = from[d][o] + kernel[d];
                }
            }
            WindowArgmax.plane(v, p * area, in, from, to, index, p * outArea);
        }
        int[] shape = new int[dims + 2];
        shape[0] = n;
        shape[1] = c;
        System.arraycopy(out, 0, shape, 2, dims);
        Tensor indices = Tensor.of(index, shape);
        Tensor values = WindowArgmax.valuesAt(x, indices);
        return unbatched ? List.of(values.squeeze(0), indices.squeeze(0)) : List.of(values, indices);
    }

    /** PyTorch's interval sequence: the window starts along one dimension, in float as its kernel computes them. */
    static int[] starts(float sample, int inputSize, int outputSize, int poolSize) {
        int[] sequence = new int[outputSize];
        if (outputSize > 1) {
            float alpha = (float) (inputSize - poolSize) / (float) (outputSize - 1);
            for (int i = 0; i < outputSize - 1; i++) {
                sequence[i] = (int) ((i + sample) * alpha) - (int) (sample * alpha);
            }
        }
        sequence[outputSize - 1] = inputSize - poolSize;
        return sequence;
    }
}

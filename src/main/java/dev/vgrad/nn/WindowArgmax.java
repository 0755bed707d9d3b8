package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Where the maximum of each pooling window lies, for windows over 1 to 3 spatial dimensions of one input plane: the
 * flat (row-major) index into the plane, found by scanning the window in row-major order and keeping a value larger
 * than the best so far or a NaN (so the first of equal maxima, and the last NaN), as PyTorch's CPU max-pooling kernels
 * scan. The pooled values are then read (and differentiated) with gather at these indices.
 */
final class WindowArgmax {
    private WindowArgmax() {}

    /** x's values ([N, C, ...]) at the flat indices into each plane ([N, C, ...]): gather's, so differentiable. */
    static Tensor valuesAt(Tensor x, Tensor indices) {
        int n = x.size(0), c = x.size(1);
        return x.reshape(n, c, -1).gather(2, indices.reshape(n, c, -1)).reshape(indices.shape());
    }

    /**
     * The windows of a strided pooling along one dimension of size n: [starts, ends] of {@code out} windows of
     * {@code kernel} every {@code stride}, from {@code -padding}, each clipped to [0, n).
     */
    static int[][] strided(int n, int kernel, int stride, int padding, int out) {
        int[] from = new int[out], to = new int[out];
        for (int o = 0; o < out; o++) {
            int start = o * stride - padding;
            from[o] = Math.max(start, 0);
            to[o] = Math.min(start + kernel, n);
        }
        return new int[][] {from, to};
    }

    /**
     * The argmax of the same windows in every plane of x ([N, C, spatial...]): flat indices [N, C, out...] as floats,
     * along dimension d the windows {@code [from[d][o], to[d][o])}.
     */
    static Tensor argmax(Tensor x, int[][] from, int[][] to) {
        int dims = from.length, planes = x.size(0) * x.size(1), area = 1, outArea = 1;
        int[] size = java.util.Arrays.copyOfRange(x.shape(), 2, dims + 2), shape = new int[dims + 2];
        shape[0] = x.size(0);
        shape[1] = x.size(1);
        for (int d = 0; d < dims; d++) {
            area *= size[d];
            outArea *= from[d].length;
            shape[d + 2] = from[d].length;
        }
        float[] v = x.detach().contiguous().toArray(), index = new float[planes * outArea];
        for (int p = 0; p < planes; p++) {
            plane(v, p * area, size, from, to, index, p * outArea);
        }
        return Tensor.of(index, shape);
    }

    /**
     * The argmax of every window of one plane into {@code out} from {@code outOffset}, output positions in row-major
     * order: along dimension d, output position o covers input positions {@code [from[d][o], to[d][o])} (a window
     * clipped to the plane; an empty one gives its start).
     */
    static void plane(float[] v, int planeOffset, int[] size, int[][] from, int[][] to, float[] out, int outOffset) {
        int dims = size.length;
        int[] stride = new int[dims];
        for (int d = dims - 1, s = 1; d >= 0; d--) {
            stride[d] = s;
            s *= size[d];
        }
        int[] o = new int[dims], at = new int[dims];
        int positions = 1;
        for (int[] f : from) {
            positions *= f.length;
        }
        for (int p = 0; p < positions; p++) {
            int best = 0;
            for (int d = 0; d < dims; d++) {
                at[d] = from[d][o[d]];
                best += at[d] * stride[d];
            }
            boolean empty = false;
            for (int d = 0; d < dims; d++) {
                empty |= at[d] >= to[d][o[d]];
            }
            float max = Float.NEGATIVE_INFINITY;
            while (!empty) {
                int flat = 0;
                for (int d = 0; d < dims; d++) {
                    flat += at[d] * stride[d];
                }
                float value = v[planeOffset + flat];
                if (value > max || Float.isNaN(value)) {
                    max = value;
                    best = flat;
                }
                empty = true;   // the next position of the window, last dimension fastest
                for (int d = dims - 1; d >= 0 && empty; d--) {
                    if (++at[d] < to[d][o[d]]) {
                        empty = false;
                    } else {
                        at[d] = from[d][o[d]];
                    }
                }
            }
            out[outOffset + p] = best;
            for (int d = dims - 1; d >= 0; d--) {
                if (++o[d] < from[d].length) {
                    break;
                }
                o[d] = 0;
            }
        }
    }

    /**
     * Adaptive max pooling's indices and values (F.adaptive_max_pool1d/2d/3d with return_indices): input [N, C, ...]
     * or [C, ...] with outputSize.length spatial dimensions, PyTorch's windows [floor(i n / o), ceil((i + 1) n / o))
     * along each; [values (differentiable, gathered at the indices), flat indices into each plane].
     */
    static java.util.List<Tensor> adaptive(String op, Tensor input, int[] outputSize) {
        int dims = outputSize.length;
        boolean unbatched = input.dim() == dims + 1;
        if (input.dim() != dims + 2 && !unbatched) {
            throw new IllegalArgumentException(op + ": expected a " + (dims + 1) + "-D or " + (dims + 2)
                    + "-D input, got " + java.util.Arrays.toString(input.shape()));
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int[][] from = new int[dims][], to = new int[dims][];
        for (int d = 0; d < dims; d++) {
            if (outputSize[d] <= 0) {
                throw new IllegalArgumentException(op + ": expected a positive output size, got "
                        + java.util.Arrays.toString(outputSize));
            }
            int size = x.size(d + 2);
            from[d] = new int[outputSize[d]];
            to[d] = new int[outputSize[d]];
            for (int o = 0; o < outputSize[d]; o++) {
                from[d][o] = dev.vgrad.AdaptivePooling.start(o, size, outputSize[d]);
                to[d][o] = dev.vgrad.AdaptivePooling.end(o, size, outputSize[d]);
            }
        }
        Tensor indices = argmax(x, from, to), values = valuesAt(x, indices);
        return unbatched ? java.util.List.of(values.squeeze(0), indices.squeeze(0))
                : java.util.List.of(values, indices);
    }
}

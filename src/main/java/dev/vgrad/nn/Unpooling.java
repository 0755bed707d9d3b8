package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * Max pooling's indices (PyTorch's {@code return_indices}: each window's largest value as a flat index into its
 * input plane or volume) and the inverse, max unpooling: each value put back at its index in a zero plane (2-D) or
 * volume (3-D).
 */
final class Unpooling {
    private Unpooling() {}

    /**
     * The flat index into its H x W plane of each window's maximum, [N, C, outH, outW] as floats: the first largest
     * in row-major order, a NaN taken over anything (the last NaN), as PyTorch's kernel scans. Not differentiable.
     */
    static Tensor maxPool2dIndices(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return maxPool2dIndices(input, kernel, stride, padding, false);
    }

    /** As above, with torch's ceil_mode: windows past the input are clipped to it, as the pooling clips them. */
    static Tensor maxPool2dIndices(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode) {
        boolean unbatched = input.dim() == 3;
        if (input.dim() != 4 && !unbatched) {
            throw new IllegalArgumentException("max_pool2d: expected input [N, C, H, W] or [C, H, W], got "
                    + Arrays.toString(input.shape()));
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int h = x.size(2), w = x.size(3);
        int outH = Pooling.outputSize(h, kernel[0], stride[0], padding[0], ceilMode);
        int outW = Pooling.outputSize(w, kernel[1], stride[1], padding[1], ceilMode);
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("max_pool2d: the windows of " + Arrays.toString(kernel) + " do not fit "
                    + "input " + Arrays.toString(input.shape()) + " with padding " + Arrays.toString(padding));
        }
        int[][] rows = WindowArgmax.strided(h, kernel[0], stride[0], padding[0], outH);
        int[][] cols = WindowArgmax.strided(w, kernel[1], stride[1], padding[1], outW);
        Tensor out = WindowArgmax.argmax(x, new int[][] {rows[0], cols[0]}, new int[][] {rows[1], cols[1]});
        return unbatched ? out.squeeze(0) : out;
    }

    /**
     * Each value of [N, C, h, w] placed at its flat index into an [outH, outW] plane of zeros (F.max_unpool2d);
     * differentiable in the values. The plane defaults to {@code (h - 1) * stride - 2 * padding + kernel} a side.
     */
    static Tensor maxUnpool2d(Tensor input, Tensor indices, int[] kernel, int[] stride, int[] padding,
                              int[] outputSize) {
        boolean unbatched = input.dim() == 3;
        if ((input.dim() != 4 && !unbatched) || !Arrays.equals(input.shape(), indices.shape())) {
            throw new IllegalArgumentException("max_unpool2d: expected input [N, C, H, W] or [C, H, W] and indices of "
                    + "its shape, got input " + Arrays.toString(input.shape()) + " and indices "
                    + Arrays.toString(indices.shape()));
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int n = x.size(0), c = x.size(1);
        int[] size = outputSize != null ? outputSize : new int[] {
            (x.size(2) - 1) * stride[0] - 2 * padding[0] + kernel[0],
            (x.size(3) - 1) * stride[1] - 2 * padding[1] + kernel[1]};
        Tensor out = placed("max_unpool2d", x, indices, size);
        return unbatched ? out.squeeze(0) : out;
    }

    /**
     * The flat index into its D x H x W volume of each window's maximum, [N, C, oD, oH, oW] as floats (max_pool3d's
     * return_indices), scanned as {@link WindowArgmax} scans; windows clipped to the input where padding reaches out.
     */
    static Tensor maxPool3dIndices(Tensor input, int[] kernel, int[] stride, int[] padding) {
        boolean unbatched = input.dim() == 4;
        if (input.dim() != 5 && !unbatched) {
            throw new IllegalArgumentException("max_pool3d: expected input [N, C, D, H, W] or [C, D, H, W], got "
                    + Arrays.toString(input.shape()));
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int[][] from = new int[3][], to = new int[3][];
        for (int d = 0; d < 3; d++) {
            int size = x.size(d + 2), out = Math.floorDiv(size + 2 * padding[d] - kernel[d], stride[d]) + 1;
            if (out <= 0 || padding[d] * 2 > kernel[d]) {
                throw new IllegalArgumentException("max_pool3d: the windows of " + Arrays.toString(kernel)
                        + " with padding " + Arrays.toString(padding) + " do not fit input "
                        + Arrays.toString(input.shape()) + " (padding at most half the window)");
            }
            int[][] windows = WindowArgmax.strided(size, kernel[d], stride[d], padding[d], out);
            from[d] = windows[0];
            to[d] = windows[1];
        }
        Tensor indices = WindowArgmax.argmax(x, from, to);
        return unbatched ? indices.squeeze(0) : indices;
    }

    /**
     * Each value of [N, C, d, h, w] placed at its flat index into an outputSize volume of zeros (F.max_unpool3d;
     * null: {@code (n - 1) * stride - 2 * padding + kernel} a side); differentiable in the values.
     */
    static Tensor maxUnpool3d(Tensor input, Tensor indices, int[] kernel, int[] stride, int[] padding,
                              int[] outputSize) {
        boolean unbatched = input.dim() == 4;
        if ((input.dim() != 5 && !unbatched) || !Arrays.equals(input.shape(), indices.shape())) {
            throw new IllegalArgumentException("max_unpool3d: expected input [N, C, D, H, W] or [C, D, H, W] and "
                    + "indices of its shape, got input " + Arrays.toString(input.shape()) + " and indices "
                    + Arrays.toString(indices.shape()));
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int n = x.size(0), c = x.size(1);
        int[] size = outputSize != null ? outputSize.clone() : new int[3];
        for (int d = 0; outputSize == null && d < 3; d++) {
            size[d] = (x.size(d + 2) - 1) * stride[d] - 2 * padding[d] + kernel[d];
        }
        Tensor out = placed("max_unpool3d", x, indices, size);
        return unbatched ? out.squeeze(0) : out;
    }

    /** x's values [N, C, ...] at their flat indices into zero planes or volumes of size, each index checked first. */
    private static Tensor placed(String op, Tensor x, Tensor indices, int[] size) {
        int n = x.size(0), c = x.size(1), area = 1;
        for (int s : size) {
            area *= s;
        }
        float[] idx = indices.contiguous().toArray();
        for (int i = 0; i < idx.length; i++) {
            if (!(idx[i] >= 0 && idx[i] < area && idx[i] == Math.rint(idx[i]))) {
                throw new IllegalArgumentException(op + ": found an invalid max index " + idx[i] + " at position " + i
                        + " (output " + (size.length == 2 ? "planes" : "volumes") + " are " + Arrays.stream(size)
                        .mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(" x ")) + ")");
            }
        }
        int[] shape = new int[size.length + 2];
        shape[0] = n;
        shape[1] = c;
        System.arraycopy(size, 0, shape, 2, size.length);
        return Tensor.zeros(n * c, area).scatter(1, indices.reshape(n * c, -1), x.reshape(n * c, -1)).reshape(shape);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * Max pooling's indices (PyTorch's {@code return_indices}: each window's largest value as a flat index into its
 * input plane) and the inverse, max unpooling: each value put back at its index in a zero plane.
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
        int planes = x.size(0) * x.size(1), h = x.size(2), w = x.size(3);
        int outH = Pooling.outputSize(h, kernel[0], stride[0], padding[0], ceilMode);
        int outW = Pooling.outputSize(w, kernel[1], stride[1], padding[1], ceilMode);
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("max_pool2d: the windows of " + Arrays.toString(kernel) + " do not fit "
                    + "input " + Arrays.toString(input.shape()) + " with padding " + Arrays.toString(padding));
        }
        float[] v = x.detach().contiguous().toArray();
        float[] index = new float[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            int plane = p * h * w;
            for (int oh = 0; oh < outH; oh++) {
                int top = oh * stride[0] - padding[0], rowFrom = Math.max(top, 0);
                int rowTo = Math.min(top + kernel[0], h);
                for (int ow = 0; ow < outW; ow++) {
                    int left = ow * stride[1] - padding[1], colFrom = Math.max(left, 0);
                    int colTo = Math.min(left + kernel[1], w);
                    int best = rowFrom * w + colFrom;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int r = rowFrom; r < rowTo; r++) {
                        for (int c = colFrom; c < colTo; c++) {
                            float value = v[plane + r * w + c];
                            if (value > max || Float.isNaN(value)) {
                                max = value;
                                best = r * w + c;
                            }
                        }
                    }
                    index[(p * outH + oh) * outW + ow] = best;
                }
            }
        }
        Tensor out = Tensor.wrap(index, x.size(0), x.size(1), outH, outW);
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
        int area = size[0] * size[1];
        float[] idx = indices.contiguous().toArray();
        for (int i = 0; i < idx.length; i++) {
            if (!(idx[i] >= 0 && idx[i] < area && idx[i] == Math.rint(idx[i]))) {
                throw new IllegalArgumentException("max_unpool2d: found an invalid max index " + idx[i] + " at position "
                        + i + " (output planes are " + size[0] + " x " + size[1] + ")");
            }
        }
        Tensor flat = Tensor.zeros(n * c, area).scatter(1, indices.reshape(n * c, -1), x.reshape(n * c, -1));
        Tensor out = flat.reshape(n, c, size[0], size[1]);
        return unbatched ? out.squeeze(0) : out;
    }
}

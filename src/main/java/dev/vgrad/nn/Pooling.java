package dev.vgrad.nn;

import dev.vgrad.AdaptivePooling;
import dev.vgrad.Patches;
import dev.vgrad.Tensor;

/**
 * Pooling over [N, C, H, W] (or [C, H, W]) windows. Max pooling is one fused pass ({@link Tensor#maxPool2d}: padding
 * never wins, the gradient goes to the first maximum, as PyTorch's). Average pooling unfolds each channel as an image
 * of one channel and averages the windows, counting the padding, as PyTorch's default does.
 */
final class Pooling {
    private Pooling() {}

    static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return pool("max_pool2d", input, kernel, stride, padding, true);
    }

    static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return pool("avg_pool2d", input, kernel, stride, padding, false);
    }

    /**
     * max_pool2d with torch's ceil_mode: the output size rounded up, the last window reaching past the padded input
     * (never starting past the input and its leading padding); the part past it counts as -inf.
     */
    static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode) {
        if (!ceilMode) {
            return maxPool2d(input, kernel, stride, padding);
        }
        checkInput("max_pool2d", input, kernel, padding);
        int[] extra = new int[2];
        for (int i = 0; i < 2; i++) {
            int n = input.size(input.dim() - 2 + i);
            int out = outputSize(n, kernel[i], stride[i], padding[i], true);
            extra[i] = extra(n, kernel[i], stride[i], padding[i], out);
        }
        Tensor x = extra[0] + extra[1] == 0 ? input
                : Functional.pad(input, new int[] {0, extra[1], 0, extra[0]}, "constant", Float.NEGATIVE_INFINITY);
        return maxPool2d(x, kernel, stride, padding);
    }

    /**
     * avg_pool2d with torch's ceil_mode and count_include_pad: each window's sum divided by the positions it covers
     * within the padded input (count_include_pad) or within the input itself (not), as torch's kernel counts them;
     * windows that ceil_mode lets reach past the padded input sum zeros there.
     */
    static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                            boolean countIncludePad) {
        if (!ceilMode && countIncludePad) {
            return avgPool2d(input, kernel, stride, padding);
        }
        checkInput("avg_pool2d", input, kernel, padding);
        boolean unbatched = input.dim() == 3;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int h = x.size(2), w = x.size(3);
        int outH = outputSize(h, kernel[0], stride[0], padding[0], ceilMode);
        int outW = outputSize(w, kernel[1], stride[1], padding[1], ceilMode);
        int extraH = extra(h, kernel[0], stride[0], padding[0], outH);
        int extraW = extra(w, kernel[1], stride[1], padding[1], outW);
        Tensor padded = extraH + extraW == 0 ? x : Functional.pad(x, new int[] {0, extraW, 0, extraH});
        int n = x.size(0), c = x.size(1);
        Tensor windows = Patches.unfold(padded.reshape(n * c, 1, h + extraH, w + extraW), kernel, new int[] {1, 1},
                padding, stride, 0f);
        float[] counts = new float[outH * outW];
        for (int i = 0; i < outH; i++) {
            int rows = covered(i * stride[0] - padding[0], kernel[0], h, padding[0], countIncludePad);
            for (int j = 0; j < outW; j++) {
                counts[i * outW + j] = rows * covered(j * stride[1] - padding[1], kernel[1], w, padding[1],
                        countIncludePad);
            }
        }
        Tensor y = windows.sum(1, false).div(Tensor.of(counts)).reshape(n, c, outH, outW);
        return unbatched ? y.squeeze(0) : y;
    }

    /** Positions of a window from {@code start} torch's avg_pool2d divides by, along one dimension of size n. */
    private static int covered(int start, int k, int n, int pad, boolean countIncludePad) {
        int end = Math.min(start + k, n + pad);
        if (countIncludePad) {
            return end - start;
        }
        return Math.min(end, n) - Math.max(start, 0);
    }

    /** torch's pooling_output_shape (dilation 1): floor or ceil, a last window may not start past input and padding. */
    static int outputSize(int n, int k, int s, int pad, boolean ceilMode) {
        int size = Math.floorDiv(n + 2 * pad - k + (ceilMode ? s - 1 : 0), s) + 1;
        if (ceilMode && (size - 1) * s >= n + pad) {
            size--;
        }
        return size;
    }

    /**
     * The rows (or columns) of -inf or zeros to append past a dimension of size n, padded by pad, so that {@code out}
     * windows of k every s lie inside it: 0 unless ceil_mode's last window reaches past it.
     */
    private static int extra(int n, int k, int s, int pad, int out) {
        return Math.max(0, (out - 1) * s + k - (n + 2 * pad));
    }

    private static void checkInput(String op, Tensor input, int[] kernel, int[] padding) {
        if (input.dim() != 4 && input.dim() != 3) {
            throw new IllegalArgumentException(op + ": expected input [N, C, H, W] or [C, H, W], got "
                    + Convolution.shape(input));
        }
        if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1]) {
            throw new IllegalArgumentException(op + ": pad should be at most half of effective kernel size, but got pad="
                    + java.util.Arrays.toString(padding) + " and kernel_size=" + java.util.Arrays.toString(kernel));
        }
    }

    private static Tensor pool(String op, Tensor input, int[] kernel, int[] stride, int[] padding, boolean max) {
        checkInput(op, input, kernel, padding);
        boolean unbatched = input.dim() == 3;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        Tensor y;
        if (max) {
            y = Tensor.maxPool2d(x, kernel, stride, padding);   // the fused pass
        } else {
            int n = x.size(0), c = x.size(1);
            Tensor windows = Patches.unfold(x.reshape(n * c, 1, x.size(2), x.size(3)), kernel, new int[] {1, 1},
                    padding, stride, 0f);
            int outH = outputSize(x.size(2), kernel[0], stride[0], padding[0], false);
            y = windows.mean(1, false).reshape(n, c, outH, -1);
        }
        return unbatched ? y.squeeze(0) : y;
    }

    /**
     * Averages over the windows PyTorch's adaptive pooling uses: rows [floor(i H / oh), ceil((i + 1) H / oh)), as one
     * op ({@link AdaptivePooling}).
     */
    static Tensor adaptiveAvgPool2d(Tensor input, int[] outputSize) {
        return adaptive2d("adaptive_avg_pool2d", input, outputSize, AdaptivePooling::average);
    }

    /** The windows of {@link #adaptiveAvgPool2d}, each cell its window's first maximum ({@link AdaptivePooling}). */
    static Tensor adaptiveMaxPool2d(Tensor input, int[] outputSize) {
        return adaptive2d("adaptive_max_pool2d", input, outputSize, AdaptivePooling::maximum);
    }

    /** One of {@link AdaptivePooling}'s ops: [N, C, H, W] to [N, C, oh, ow]. */
    @FunctionalInterface
    private interface AdaptiveOp {
        Tensor apply(Tensor x, int oh, int ow);
    }

    /** {@code pool} of [N, C, H, W] or [C, H, W] input, checked as PyTorch checks it. */
    private static Tensor adaptive2d(String op, Tensor input, int[] outputSize, AdaptiveOp pool) {
        checkAdaptive2d(op, input, outputSize);
        boolean unbatched = input.dim() == 3;
        Tensor y = pool.apply(unbatched ? input.unsqueeze(0) : input, outputSize[0], outputSize[1]);
        return unbatched ? y.squeeze(0) : y;
    }

    /**
     * Refuses what PyTorch's adaptive 2-D pooling refuses: an input not [N, C, H, W] or [C, H, W], an output size not
     * two positive numbers, an empty plane.
     */
    private static void checkAdaptive2d(String op, Tensor input, int[] outputSize) {
        if ((input.dim() != 4 && input.dim() != 3) || outputSize.length != 2 || outputSize[0] <= 0
                || outputSize[1] <= 0) {
            throw new IllegalArgumentException(op + ": expected input [N, C, H, W] or [C, H, W] and a "
                    + "positive output size (h, w), got " + Convolution.shape(input) + " and "
                    + java.util.Arrays.toString(outputSize));
        }
        for (int d = input.dim() - 3; d < input.dim(); d++) {
            if (input.size(d) == 0) {
                throw new IllegalArgumentException(op + "(): Expected input to have non-zero size for non-batch "
                        + "dimensions, but input has sizes " + Convolution.shape(input) + " with dimension " + d
                        + " being empty");
            }
        }
    }

    /**
     * A 1-D pooling of [N, C, L] (or [C, L]) as the 2-D one over a height of 1: the same windows, padding and
     * gradients, with the op's own name in errors.
     */
    static Tensor pool1d(String op, Tensor input, int kernel, int stride, int padding, boolean max) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException(op + ": expected input [N, C, L] or [C, L], got "
                    + Convolution.shape(input));
        }
        checkWindow1d(op, kernel, stride, padding);
        Tensor y = pool(op, input.unsqueeze(-2), new int[] {1, kernel}, new int[] {1, stride}, new int[] {0, padding},
                max);
        return y.squeeze(-2);
    }

    /** Refuses a 1-D window PyTorch refuses: kernel and stride positive, padding at most half the kernel. */
    static void checkWindow1d(String op, int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0 || padding * 2 > kernel) {
            throw new IllegalArgumentException(op + ": needs a positive kernel and stride and 0 <= padding <= "
                    + "kernel / 2, got kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding);
        }
    }

    /** adaptive_avg_pool1d: the 2-D adaptive windows over a height of 1. */
    static Tensor adaptiveAvgPool1d(Tensor input, int outputSize) {
        checkAdaptive1d("adaptive_avg_pool1d", input, outputSize);
        return adaptiveAvgPool2d(input.unsqueeze(-2), new int[] {1, outputSize}).squeeze(-2);
    }

    static Tensor adaptiveMaxPool1d(Tensor input, int outputSize) {
        checkAdaptive1d("adaptive_max_pool1d", input, outputSize);
        return adaptiveMaxPool2d(input.unsqueeze(-2), new int[] {1, outputSize}).squeeze(-2);
    }

    private static void checkAdaptive1d(String op, Tensor input, int outputSize) {
        if ((input.dim() != 2 && input.dim() != 3) || outputSize <= 0) {
            throw new IllegalArgumentException(op + ": expected input [N, C, L] or [C, L] and a positive "
                    + "output size, got " + Convolution.shape(input) + " and " + outputSize);
        }
    }
}

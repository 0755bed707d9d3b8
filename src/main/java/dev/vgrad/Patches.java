package dev.vgrad;

import dev.vgrad.kernels.ConvGeometry;

/**
 * Sliding-window patches of [N, C, H, W] images ({@code torch.nn.functional.unfold} and {@code fold}), and the
 * window geometry they share with convolution and pooling. unfold gathers every kernel window into a column of [N, C*kh*kw, L];
 * fold sums columns back into the image. Each is the other's adjoint, so each is the other's backward rule and
 * both are differentiable to any order.
 */
public final class Patches {
    private Patches() {}

    /**
     * The geometry of a 2-D sliding window over one image, and its output size; {@link #of} checks the numbers (for
     * unfold, fold and conv2d alike) and names the op in its messages.
     */
    record Window(int channels, int h, int w, int kh, int kw, int[] dilation, int[] padding, int[] stride,
                          int outH, int outW) {
        static Window of(String op, int channels, int h, int w, int[] kernel, int[] dilation, int[] padding, int[] stride) {
            if (kernel.length != 2 || dilation.length != 2 || padding.length != 2 || stride.length != 2) {
                throw new IllegalArgumentException(op + ": kernel, dilation, padding and stride are pairs (h, w)");
            }
            if (kernel[0] <= 0 || kernel[1] <= 0 || dilation[0] <= 0 || dilation[1] <= 0 || stride[0] <= 0
                    || stride[1] <= 0 || padding[0] < 0 || padding[1] < 0) {
                throw new IllegalArgumentException(op + ": kernel " + java.util.Arrays.toString(kernel) + ", dilation "
                        + java.util.Arrays.toString(dilation) + " and stride " + java.util.Arrays.toString(stride)
                        + " must be positive and padding " + java.util.Arrays.toString(padding) + " non-negative");
            }
            int outH = (h + 2 * padding[0] - dilation[0] * (kernel[0] - 1) - 1) / stride[0] + 1;
            int outW = (w + 2 * padding[1] - dilation[1] * (kernel[1] - 1) - 1) / stride[1] + 1;
            if (h + 2 * padding[0] < dilation[0] * (kernel[0] - 1) + 1 || w + 2 * padding[1] < dilation[1] * (kernel[1] - 1) + 1) {
                throw new IllegalArgumentException(op + ": Calculated padded input size per channel: (" + (h + 2 * padding[0])
                        + " x " + (w + 2 * padding[1]) + "). Kernel size: (" + (dilation[0] * (kernel[0] - 1) + 1) + " x "
                        + (dilation[1] * (kernel[1] - 1) + 1) + "). Kernel size can't be greater than actual input size");
            }
            return new Window(channels, h, w, kernel[0], kernel[1], dilation, padding, stride, outH, outW);
        }

        int rows() {
            return channels * kh * kw;
        }

        int cols() {
            return outH * outW;
        }

        /**
         * For each (row, column) of one image's patch matrix, the offset read in the [C, H, W] image, or -1 (padding):
         * the implicit-GEMM convolution's map, shared and cached by geometry.
         */
        int[] map() {
            return geometry().patchMap();
        }

        /** The same window as the kernels take it. */
        ConvGeometry geometry() {
            return new ConvGeometry(channels, h, w, kh, kw, stride[0], stride[1], padding[0], padding[1], dilation[0],
                    dilation[1]);
        }
    }

    /**
     * Every kernel window of x [N, C, H, W] as a column: [N, C*kh*kw, L] with L = outH * outW, rows ordered
     * (channel, kernel row, kernel column) as PyTorch's. Positions in the padding read {@code padValue} (0 for
     * convolution, -infinity for max pooling) and pass no gradient.
     */
    public static Tensor unfold(Tensor x, int[] kernel, int[] dilation, int[] padding, int[] stride, float padValue) {
        Window win = window("unfold", x, kernel, dilation, padding, stride);
        int n = x.shape[0];
        // The batch's patch matrix [K, N*L] seen as [N, K, L]: one kernel serves both layouts.
        return columns(x, win, padValue).reshape(win.rows(), n, win.cols()).permute(1, 0, 2);
    }

    private static Window window(String op, Tensor x, int[] kernel, int[] dilation, int[] padding, int[] stride) {
        if (x.dim() != 4) {
            throw new IllegalArgumentException(op + ": expected a 4-D input [N, C, H, W], got shape " + Shapes.str(x.shape));
        }
        return Window.of(op, x.shape[1], x.shape[2], x.shape[3], kernel, dilation, padding, stride);
    }

    /** The patch matrix [C*kh*kw, N*L] of x; positions in the padding read padValue and pass no gradient. */
    private static Tensor columns(Tensor x, Window win, float padValue) {
        int n = x.shape[0], rows = win.rows(), cols = win.cols(), image = win.channels * win.h * win.w;
        int[] map = win.map();
        Tensor src = x.contiguous();
        Tensor out = Tensor.empty(Shapes.of(rows, n * cols), "unfold");
        float[] from = src.array(), to = out.array();
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < n; b++) {
                int base = src.offset + b * image, dst = (r * n + b) * cols, m = r * cols;
                for (int l = 0; l < cols; l++) {
                    int at = map[m + l];
                    to[dst + l] = at < 0 ? padValue : from[base + at];
                }
            }
        }
        return Graph.recording(x) ? Graph.record(out, "Im2ColBackward0", x, g -> foldColumns(g, win, n)) : out;
    }

    /** The adjoint of {@link #columns}: [C*kh*kw, N*L] summed back into [N, C, H, W] (padding positions dropped). */
    private static Tensor foldColumns(Tensor columns, Window win, int n) {
        int rows = win.rows(), cols = win.cols(), image = win.channels * win.h * win.w;
        int[] map = win.map();
        Tensor src = columns.contiguous();
        Tensor out = Tensor.zerosOf(new int[] {n, win.channels, win.h, win.w}, "fold");
        float[] from = src.array(), to = out.array();
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < n; b++) {
                int base = src.offset + (r * n + b) * cols, dst = b * image, m = r * cols;
                for (int l = 0; l < cols; l++) {
                    int at = map[m + l];
                    if (at >= 0) {
                        to[dst + at] += from[base + l];
                    }
                }
            }
        }
        return Graph.recording(columns) ? Graph.record(out, "Col2ImBackward0", columns, g -> columns(g, win, 0f)) : out;
    }

    /**
     * The adjoint of {@link #unfold}: columns [N, C*kh*kw, L] summed back into images [N, C, H, W] (overlapping
     * windows add up; padding positions are dropped).
     */
    public static Tensor fold(Tensor columns, int[] outputSize, int[] kernel, int[] dilation, int[] padding, int[] stride) {
        if (columns.dim() != 3 || outputSize.length != 2 || kernel.length != 2
                || columns.shape[1] % (kernel[0] * kernel[1]) != 0) {
            throw new IllegalArgumentException("fold: expected columns [N, C*kh*kw, L] and a 2-D output size, got shape "
                    + Shapes.str(columns.shape) + " and kernel " + java.util.Arrays.toString(kernel));
        }
        int n = columns.shape[0], channels = columns.shape[1] / (kernel[0] * kernel[1]);
        Window win = Window.of("fold", channels, outputSize[0], outputSize[1], kernel, dilation, padding, stride);
        if (columns.shape[2] != win.cols()) {
            throw new IllegalArgumentException("fold: expected " + win.cols() + " columns (blocks) for output size "
                    + java.util.Arrays.toString(outputSize) + ", got shape " + Shapes.str(columns.shape));
        }
        return foldColumns(columns.permute(1, 0, 2).reshape(win.rows(), n * win.cols()), win, n);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * What MaxPool2d and AvgPool2d share: a window (square, or a (height, width) pair), its stride (default: the window)
 * and padding.
 */
abstract class Pool2d extends Module {
    final int kernel, stride, padding;
    /**
     * The same as (height, width) pairs, as the functional ops take them: made once here (three arrays a forward
     * were a tenth of a CNN step's allocation); the ops never write to them.
     */
    final int[] kernelPair, stridePair, paddingPair;

    /** Whether the sizes were given as (height, width) pairs: torch prints them as it was given them. */
    private final boolean pairs;

    Pool2d(int kernel, int stride, int padding) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, false);
    }

    /** A (height, width) pair each. */
    Pool2d(int[] kernel, int[] stride, int[] padding) {
        this(kernel.clone(), stride.clone(), padding.clone(), true);
    }

    private Pool2d(int[] kernel, int[] stride, int[] padding, boolean pairs) {
        if (kernel.length != 2 || stride.length != 2 || padding.length != 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs (height, width) pairs, got "
                    + "kernel_size=" + java.util.Arrays.toString(kernel) + ", stride="
                    + java.util.Arrays.toString(stride) + ", padding=" + java.util.Arrays.toString(padding));
        }
        for (int i = 0; i < 2; i++) {
            checkWindow(this, kernel[i], stride[i], padding[i]);
        }
        this.kernel = kernel[0];
        this.stride = stride[0];
        this.padding = padding[0];
        this.kernelPair = kernel;
        this.stridePair = stride;
        this.paddingPair = padding;
        this.pairs = pairs;
    }

    /** torch's "kernel_size=..., stride=..., padding=..." with the sizes as they were given. */
    String sizesRepr() {
        return pairs ? "kernel_size=" + pair(kernelPair) + ", stride=" + pair(stridePair) + ", padding="
                + pair(paddingPair) : "kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }

    private static String pair(int[] v) {
        return "(" + v[0] + ", " + v[1] + ")";
    }

    /** Refuses a pooling window PyTorch refuses, naming the module. */
    static void checkWindow(Module m, int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException(m.getClass().getSimpleName() + " needs a positive kernel and stride and "
                    + "padding >= 0, got kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding);
        }
    }

    @Override
    public abstract Tensor forward(Tensor x);
}

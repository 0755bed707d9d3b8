package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** What MaxPool2d and AvgPool2d share: a square window, its stride (default: the window) and padding. */
abstract class Pool2d extends Module {
    final int kernel, stride, padding;
    /**
     * The same as (height, width) pairs, as the functional ops take them: made once here (three arrays a forward
     * were a tenth of a CNN step's allocation); the ops never write to them.
     */
    final int[] kernelPair, stridePair, paddingPair;

    Pool2d(int kernel, int stride, int padding) {
        checkWindow(this, kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.kernelPair = new int[] {kernel, kernel};
        this.stridePair = new int[] {stride, stride};
        this.paddingPair = new int[] {padding, padding};
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

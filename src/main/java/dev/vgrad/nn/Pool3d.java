package dev.vgrad.nn;

/** What MaxPool3d and AvgPool3d share: a cubic window, its stride (the window by default) and padding. */
abstract class Pool3d extends Module {
    final int kernel, stride, padding;
    final int[] kernelTriple, strideTriple, paddingTriple;

    Pool3d(int kernel, int stride, int padding) {
        Pool2d.checkWindow(this, kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.kernelTriple = new int[] {kernel, kernel, kernel};
        this.strideTriple = new int[] {stride, stride, stride};
        this.paddingTriple = new int[] {padding, padding, padding};
    }
}

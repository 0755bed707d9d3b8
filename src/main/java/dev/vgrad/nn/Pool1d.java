package dev.vgrad.nn;

/** What MaxPool1d and AvgPool1d share: a window, its stride (default: the window) and padding, checked as torch does. */
abstract class Pool1d extends Module {
    final int kernel, stride, padding;

    Pool1d(int kernel, int stride, int padding) {
        Pooling.checkWindow1d(getClass().getSimpleName(), kernel, stride, padding);
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }
}

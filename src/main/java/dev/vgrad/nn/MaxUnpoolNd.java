package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** What MaxUnpool1d, 2d and 3d share: the window, stride and padding they undo, and their refusal without indices. */
abstract class MaxUnpoolNd extends Module {
    final int kernel, stride, padding;
    private final int dims;

    MaxUnpoolNd(int dims, int kernel, int stride, int padding) {
        this.dims = dims;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** The value repeated once a dimension (the pooling's window, stride or padding as an array). */
    final int[] each(int value) {
        int[] out = new int[dims];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** Refused: unpooling needs the indices; call {@code forward(values, indices)}. */
    @Override
    public Tensor forward(Tensor values) {
        throw new IllegalArgumentException(getClass().getSimpleName() + " needs the indices max pooling returned: "
                + "call forward(values, indices)");
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + tuple(kernel) + ", stride=" + tuple(stride) + ", padding=" + tuple(padding);
    }

    /** Python's tuple of the value repeated once a dimension: (k,) or (k, k) or (k, k, k). */
    private String tuple(int value) {
        StringBuilder s = new StringBuilder("(");
        for (int d = 0; d < dims; d++) {
            s.append(d > 0 ? ", " : "").append(value);
        }
        return s.append(dims == 1 ? ",)" : ")").toString();
    }
}

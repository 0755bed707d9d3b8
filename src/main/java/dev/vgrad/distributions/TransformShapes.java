package dev.vgrad.distributions;

import java.util.Arrays;

/** Shape rules the vector transforms share. */
final class TransformShapes {
    private TransformShapes() {}

    /** Refuses a shape of fewer than {@code dims} dimensions, with PyTorch's message. */
    static void requireDims(int[] shape, int dims) {
        if (shape.length < dims) {
            throw new IllegalArgumentException("Too few dimensions on input: " + Arrays.toString(shape) + " (at least "
                    + dims + " needed)");
        }
    }

    /** The shape with its last size changed by {@code by} (a copy), refused when it has no dimension. */
    static int[] lastChanged(int[] shape, int by) {
        requireDims(shape, 1);
        int[] s = shape.clone();
        s[s.length - 1] += by;
        return s;
    }
}

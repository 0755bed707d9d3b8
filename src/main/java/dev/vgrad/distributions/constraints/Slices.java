package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;
import java.util.Arrays;

/** What {@link Cat} and {@link Stack} share. */
final class Slices {
    private Slices() {}

    /** Refuses a dimension outside the value's (PyTorch asserts it), naming both. */
    static void requireDim(Tensor value, int dim, Constraint kind) {
        if (dim < -value.dim() || dim >= value.dim()) {
            throw new IllegalArgumentException(kind + ".check: dim " + dim + " is out of range for a value of shape "
                    + Arrays.toString(value.shape()));
        }
    }
}

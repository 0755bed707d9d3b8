package dev.vgrad.distributions.constraints;

import dev.vgrad.Tensor;

/** What the integer kinds share. */
final class Integers {
    private Integers() {}

    /** 1 where {@code value % 1 == 0} (PyTorch's test: false for NaN and the infinities, whose remainder is NaN). */
    static Tensor integral(Tensor value) {
        return value.remainder(1f).eq(0f);
    }
}

package dev.vgrad.kernels;

/**
 * What a whole-run sum adds up for each element: the element, its absolute value or its square. The three share
 * the canonical sum's blocks, lanes and order, so each equals the plain sum over a copy holding those terms, to the
 * bit (a square is rounded before it is added, as it is when stored in a copy: no fused multiply-add).
 */
enum SumTerm {
    VALUE, ABS, SQUARE;

    /** The term for one element. */
    float of(float x) {
        return this == ABS ? Math.abs(x) : this == SQUARE ? x * x : x;
    }
}

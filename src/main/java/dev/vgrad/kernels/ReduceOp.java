package dev.vgrad.kernels;

/** How a reduction combines elements. */
public enum ReduceOp {
    /** the sum; the identity is 0 */
    SUM,
    /** the maximum, NaN if any element is NaN; the identity is -infinity */
    MAX;

    /** The value a reduction starts from. */
    public float identity() {
        return this == SUM ? 0f : Float.NEGATIVE_INFINITY;
    }

    /** The elementwise op that folds one more element into a partial result. */
    BinaryOp combiner() {
        return this == SUM ? BinaryOp.ADD : BinaryOp.MAX;
    }
}

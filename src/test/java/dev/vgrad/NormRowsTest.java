package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The 2-norm along a contiguous tensor's last dimension (each row one dot product) against the sum of squares in
 * double, on a tensor that starts at an offset into its storage, and against the same rows reached through a
 * transposed, non-contiguous view (the composed path).
 */
class NormRowsTest {
    @Test
    void rowsOfAnOffsetViewMatchDoubleAndTheComposedPath() {
        Tensor base = Tensor.randn(new Generator(5), 7, 131);
        Tensor rows = base.narrow(0, 2, 4);   // contiguous, offset two rows in
        Tensor fast = rows.norm(2f, 1, false);
        Tensor composed = rows.t().norm(2f, 0, false);
        float[] x = rows.contiguous().toArray();
        for (int r = 0; r < 4; r++) {
            double squares = 0;
            for (int j = 0; j < 131; j++) {
                squares += (double) x[r * 131 + j] * x[r * 131 + j];
            }
            float want = (float) Math.sqrt(squares);
            assertEquals(want, fast.toArray()[r], 2 * Math.ulp(want), "row " + r);
            assertEquals(want, composed.toArray()[r], 4 * Math.ulp(want), "row " + r + " composed");
        }
        assertEquals(0f, Tensor.zeros(3, 8).norm(2f, 1, false).toArray()[1]);
        assertEquals(Float.POSITIVE_INFINITY, Tensor.of(1f, Float.POSITIVE_INFINITY).norm().item());
        assertEquals(true, Float.isNaN(Tensor.of(1f, Float.NaN).norm().item()));
    }
}

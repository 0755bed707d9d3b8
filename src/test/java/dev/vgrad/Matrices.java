package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test matrices and the element-wise comparison the linalg tests share. */
final class Matrices {
    private Matrices() {}

    /** Near 2 I, so every matrix is well conditioned (eigenvalues within about 2 +- 1); n is the last dimension. */
    static Tensor wellConditioned(Generator g, int... shape) {
        int n = shape[shape.length - 1];
        return Tensor.randn(g, shape).div((float) Math.sqrt(n)).add(Tensor.eye(n).mul(2f));
    }

    /** The same shape, and every element within {@code tol} (a NaN matches nothing). */
    static void assertNear(Tensor expected, Tensor actual, float tol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray(), a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= tol, what + " at " + i + ": " + e[i] + " vs " + a[i]);
        }
    }
}

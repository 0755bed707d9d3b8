package dev.vgrad.kernels;

/**
 * The dot product of two double ranges in one fixed order, whatever the path: eight running sums, sum l taking the
 * elements at offsets l, l + 8, l + 16, ... (a product rounded, then added: never fused), combined as ((s0 + s1) +
 * (s2 + s3)) + ((s4 + s5) + (s6 + s7)). With 8-double vectors (AVX-512) the sums are one vector's lanes; otherwise
 * eight scalar sums, which also keep eight independent chains of adds in flight. The factorizations' dot products
 * (the right reflectors of the bidiagonalization, the Householder panels) were a chain of dependent adds, one
 * element per add latency.
 */
final class DoubleDot {
    private DoubleDot() {}

    static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
        if (Vectorization.ENABLED && VectorDoubleDot.EIGHT_LANES) {
            return VectorDoubleDot.dot(x, xOff, y, yOff, len);
        }
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            int a = xOff + i, b = yOff + i;
            s0 += x[a] * y[b];
            s1 += x[a + 1] * y[b + 1];
            s2 += x[a + 2] * y[b + 2];
            s3 += x[a + 3] * y[b + 3];
            s4 += x[a + 4] * y[b + 4];
            s5 += x[a + 5] * y[b + 5];
            s6 += x[a + 6] * y[b + 6];
            s7 += x[a + 7] * y[b + 7];
        }
        return tail(s0, s1, s2, s3, s4, s5, s6, s7, x, xOff + i, y, yOff + i, len - i);
    }

    /** Adds the last rest (< 8) products to the sums they belong to, then combines the sums in the fixed tree. */
    static double tail(double s0, double s1, double s2, double s3, double s4, double s5, double s6, double s7,
            double[] x, int a, double[] y, int b, int rest) {
        switch (rest) {
            case 7: s6 += x[a + 6] * y[b + 6]; // fall through
            case 6: s5 += x[a + 5] * y[b + 5]; // fall through
            case 5: s4 += x[a + 4] * y[b + 4]; // fall through
            case 4: s3 += x[a + 3] * y[b + 3]; // fall through
            case 3: s2 += x[a + 2] * y[b + 2]; // fall through
            case 2: s1 += x[a + 1] * y[b + 1]; // fall through
            case 1: s0 += x[a] * y[b]; // fall through
            default: break;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}

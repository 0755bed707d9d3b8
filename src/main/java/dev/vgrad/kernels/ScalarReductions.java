package dev.vgrad.kernels;

/** The reference reductions: one element at a time; sums and dots accumulate in double. */
final class ScalarReductions {
    private ScalarReductions() {}

    static float sum(int n, float[] x, int off, int stride) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[off + i * stride];
        }
        return (float) s;
    }

    static float sumAbs(int n, float[] x, int off, int stride) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs(x[off + i * stride]);
        }
        return (float) s;
    }

    static float max(int n, float[] x, int off, int stride) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[off + i * stride]);
        }
        return m;
    }

    static float dot(int n, float[] a, int ao, int as, float[] b, int bo, int bs) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[ao + i * as] * b[bo + i * bs];
        }
        return (float) s;
    }
}

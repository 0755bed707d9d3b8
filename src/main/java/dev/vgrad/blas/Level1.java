package dev.vgrad.blas;

import static dev.vgrad.blas.Level2.at;

/** The Level 1 routines beyond the facade's: the double-accumulated dot and the plane rotations. */
final class Level1 {
    private Level1() {}

    /** sb + x . y accumulated in double (the reference sdsdot). */
    static float sdsdot(int n, float sb, float[] x, int ox, int incx, float[] y, int oy, int incy) {
        double s = sb;
        for (int i = 0; i < n; i++) {
            s += (double) x[at(ox, n, incx, i)] * y[at(oy, n, incy, i)];
        }
        return (float) s;
    }

    /** Applies the rotation (c, s): x' = c x + s y, y' = c y - s x. */
    static void srot(int n, float[] x, int ox, int incx, float[] y, int oy, int incy, float c, float s) {
        for (int i = 0; i < n; i++) {
            int px = at(ox, n, incx, i), py = at(oy, n, incy, i);
            float tx = x[px], ty = y[py];
            x[px] = c * tx + s * ty;
            y[py] = c * ty - s * tx;
        }
    }

    /** Applies the modified rotation H given by param (flag, h11, h21, h12, h22) to the pairs (x_i, y_i). */
    static void srotm(int n, float[] x, int ox, int incx, float[] y, int oy, int incy, float[] param, int op) {
        float flag = param[op];
        if (n <= 0 || flag == -2f) {
            return;
        }
        float h11 = flag == 1f ? param[op + 1] : flag == 0f ? 1f : param[op + 1];
        float h21 = flag == 1f ? -1f : param[op + 2];
        float h12 = flag == 1f ? 1f : param[op + 3];
        float h22 = flag == 1f ? param[op + 4] : flag == 0f ? 1f : param[op + 4];
        for (int i = 0; i < n; i++) {
            int px = at(ox, n, incx, i), py = at(oy, n, incy, i);
            float w = x[px], z = y[py];
            x[px] = w * h11 + z * h12;
            y[py] = w * h21 + z * h22;
        }
    }
}

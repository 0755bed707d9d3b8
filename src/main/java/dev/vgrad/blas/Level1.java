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

    /**
     * Constructs the Givens rotation that zeroes b in (a, b) (the reference srotg): on return {@code ab[0]} is r,
     * {@code ab[1]} is z (from which the rotation can be rebuilt), and {@code cs} holds (c, s).
     */
    static void srotg(float[] ab, float[] cs) {
        float a = ab[0], b = ab[1];
        float roe = Math.abs(a) > Math.abs(b) ? a : b;
        float scale = Math.abs(a) + Math.abs(b);
        if (scale == 0f) {
            cs[0] = 1f;
            cs[1] = 0f;
            ab[0] = 0f;
            ab[1] = 0f;
            return;
        }
        float r = (float) (scale * Math.sqrt(Math.pow(a / scale, 2) + Math.pow(b / scale, 2)));
        r = Math.copySign(1f, roe) * r;
        float c = a / r, s = b / r;
        float z = 1f;
        if (Math.abs(a) > Math.abs(b)) {
            z = s;
        } else if (c != 0f) {
            z = 1f / c;
        }
        cs[0] = c;
        cs[1] = s;
        ab[0] = r;
        ab[1] = z;
    }

    /**
     * Constructs the modified Givens transformation H that zeroes the second component of (sqrt(d1) x1,
     * sqrt(d2) y1) (the reference srotmg, with its rescaling by 4096^2). {@code d} holds (d1, d2, x1) and is
     * updated; {@code param} (from offset op) receives (flag, h11, h21, h12, h22).
     */
    static void srotmg(float[] d, float y1, float[] param, int op) {
        final float gam = 4096f, gamsq = gam * gam, rgamsq = 1f / gamsq;
        float d1 = d[0], d2 = d[1], x1 = d[2];
        float flag;
        float[] h = new float[4]; // h11, h21, h12, h22: the order param stores them in
        if (d1 < 0f) {
            flag = -1f;
            d1 = 0f;
            d2 = 0f;
            x1 = 0f;
        } else {
            float p2 = d2 * y1;
            if (p2 == 0f) {
                param[op] = -2f;
                return;
            }
            float p1 = d1 * x1, q2 = p2 * y1, q1 = p1 * x1;
            if (Math.abs(q1) > Math.abs(q2)) {
                h[1] = -y1 / x1;
                h[2] = p2 / p1;
                float u = 1f - h[2] * h[1];
                if (u > 0f) {
                    flag = 0f;
                    d1 /= u;
                    d2 /= u;
                    x1 *= u;
                } else {
                    flag = -1f;
                    java.util.Arrays.fill(h, 0f);
                    d1 = d2 = x1 = 0f;
                }
            } else if (q2 < 0f) {
                flag = -1f;
                java.util.Arrays.fill(h, 0f);
                d1 = d2 = x1 = 0f;
            } else {
                flag = 1f;
                h[0] = p1 / p2;
                h[3] = x1 / y1;
                float u = 1f + h[0] * h[3], temp = d2 / u;
                d2 = d1 / u;
                d1 = temp;
                x1 = y1 * u;
            }
            if (d1 != 0f) {
                while (d1 <= rgamsq || d1 >= gamsq) {
                    fillImplicit(flag, h);
                    flag = -1f;
                    if (d1 <= rgamsq) {
                        d1 *= gam * gam;
                        x1 /= gam;
                        h[0] /= gam;
                        h[2] /= gam;
                    } else {
                        d1 /= gam * gam;
                        x1 *= gam;
                        h[0] *= gam;
                        h[2] *= gam;
                    }
                }
            }
            if (d2 != 0f) {
                while (Math.abs(d2) <= rgamsq || Math.abs(d2) >= gamsq) {
                    fillImplicit(flag, h);
                    flag = -1f;
                    if (Math.abs(d2) <= rgamsq) {
                        d2 *= gam * gam;
                        h[1] /= gam;
                        h[3] /= gam;
                    } else {
                        d2 /= gam * gam;
                        h[1] *= gam;
                        h[3] *= gam;
                    }
                }
            }
        }
        if (flag < 0f) {
            param[op + 1] = h[0];
            param[op + 2] = h[1];
            param[op + 3] = h[2];
            param[op + 4] = h[3];
        } else if (flag == 0f) {
            param[op + 2] = h[1];
            param[op + 3] = h[2];
        } else {
            param[op + 1] = h[0];
            param[op + 4] = h[3];
        }
        param[op] = flag;
        d[0] = d1;
        d[1] = d2;
        d[2] = x1;
    }

    /**
     * Before the first rescaling, H still has implicit entries (1 on the diagonal for flag 0; -1 and 1 off it for
     * flag 1): write them out, since a rescaled H is stored in full (flag -1). Later rescalings find flag -1 and
     * leave H alone.
     */
    private static void fillImplicit(float flag, float[] h) {
        if (flag == 0f) {
            h[0] = 1f;
            h[3] = 1f;
        } else if (flag == 1f) {
            h[1] = -1f;
            h[2] = 1f;
        }
    }
}

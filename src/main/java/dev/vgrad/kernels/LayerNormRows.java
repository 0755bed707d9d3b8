package dev.vgrad.kernels;

/**
 * A layer-norm row's elementwise steps, each run of them in one kernel call. Written as separate elementwise kernels,
 * a row cost three dispatches forward (scale, weight, bias) and nine backward besides its two sums, on rows of a few
 * vectors (a transformer's 128 wide: 8). Every element goes through the same roundings in the same order as those
 * kernels took it (the methods' Javadoc spells them), and the sums stay {@link Reductions}' canonical ones, so the
 * bits are theirs on every path. Measured on an Intel Xeon (one thread, a transformer block step at batch 64, two
 * layer norms of 4 096 rows): 37.0-37.9 -> 36.8-37.7 ms.
 */
public final class LayerNormRows {
    private LayerNormRows() {}

    /**
     * {@code y = (y * rstd) * w + b} for the n elements of a centred row y from {@code yo}, in place; w or b null
     * (weight or bias absent) skips its step.
     */
    public static void scaleShift(int n, float[] y, int yo, float rstd, float[] w, int wo, float[] b, int bo) {
        int i = Vectorization.ENABLED ? VectorLayerNorm.scaleShift(n, y, yo, rstd, w, wo, b, bo) : 0;
        for (; i < n; i++) {
            float v = y[yo + i] * rstd;
            if (w != null) {
                v = v * w[wo + i];
            }
            y[yo + i] = b != null ? v + b[bo + i] : v;
        }
    }

    /**
     * One row's share of layer norm's backward, before its two sums: {@code xhat = (x - mean) * rstd} into
     * {@code sc[xhat..]}; with dw, {@code dw += g * xhat}; with db, {@code db += g}; with wantX,
     * {@code dxhat = g * w} (g itself without w) into {@code sc[dxhat..]}.
     */
    public static void backwardTerms(int n, float[] x, int xo, float mean, float rstd, float[] g, int go, float[] w,
                                     int wo, float[] dw, int dwo, float[] db, int dbo, boolean wantX, float[] sc,
                                     int xhat, int dxhat) {
        int i = Vectorization.ENABLED
                ? VectorLayerNorm.backwardTerms(n, x, xo, mean, rstd, g, go, w, wo, dw, dwo, db, dbo, wantX, sc, xhat,
                        dxhat)
                : 0;
        for (; i < n; i++) {
            float xh = (x[xo + i] + -mean) * rstd;
            float gi = g[go + i];
            sc[xhat + i] = xh;
            if (dw != null) {
                dw[dwo + i] = dw[dwo + i] + gi * xh;
            }
            if (db != null) {
                db[dbo + i] = db[dbo + i] + gi;
            }
            if (wantX) {
                sc[dxhat + i] = w != null ? gi * w[wo + i] : gi;
            }
        }
    }

    /**
     * A row's input gradient from its terms and their means a (of dxhat) and c (of dxhat * xhat):
     * {@code out = ((dxhat - a) - xhat * c) * rstd}.
     */
    public static void backwardOut(int n, float[] sc, int xhat, int dxhat, float a, float c, float rstd, float[] out,
                                   int o) {
        int i = Vectorization.ENABLED ? VectorLayerNorm.backwardOut(n, sc, xhat, dxhat, a, c, rstd, out, o) : 0;
        for (; i < n; i++) {
            out[o + i] = ((sc[dxhat + i] + -a) - sc[xhat + i] * c) * rstd;
        }
    }
}

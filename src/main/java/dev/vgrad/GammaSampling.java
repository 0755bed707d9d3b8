package dev.vgrad;

/**
 * torch._standard_gamma and torch._sample_dirichlet, draw for draw: Marsaglia and Tsang's squeeze on PyTorch's CPU
 * kernels' samplers (doubles uniform in [0, 1) and its cached double Box-Muller normals, {@link Generator#normal}),
 * elements in row-major order. The gamma kernel keeps the concentration and a few constants in float and the rest in
 * double; the Dirichlet kernel runs the same squeeze wholly in double (so that small concentrations do not underflow),
 * then divides each draw by its row's sum. Both arithmetic mixes are this class's, place for place, so that a seed
 * gives torch's values. Logarithms and powers are StrictMath's (results independent of the JIT; a draw exactly on an
 * acceptance boundary could go the other way where the C library's last bit differs).
 */
final class GammaSampling {
    private GammaSampling() {}

    /** The largest float below 1, where PyTorch's Dirichlet kernel clamps each coordinate. */
    private static final float BELOW_ONE = Math.nextDown(1f);

    /** One Gamma(alpha, 1) draw per element of alphas; each at least float's smallest normal, as PyTorch clamps. */
    static Tensor standardGamma(Tensor alphas, Generator g) {
        float[] a = concentrations(alphas, "_standard_gamma");
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Math.max(Float.MIN_NORMAL, floatDraw(a[i], g));
        }
        return Tensor.of(out, alphas.shape());
    }

    /** One Dirichlet draw per row of the last dimension of alphas. */
    static Tensor dirichlet(Tensor alphas, Generator g) {
        if (alphas.dim() == 0) {
            throw new IllegalArgumentException("_sample_dirichlet: expected a tensor of at least one dimension");
        }
        float[] a = concentrations(alphas, "_sample_dirichlet");
        double[] draws = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            draws[i] = Math.max(Double.MIN_NORMAL, doubleDraw(a[i], g));
        }
        int k = alphas.shape()[alphas.dim() - 1];
        float[] out = new float[a.length];
        for (int row = 0; row + k <= a.length && k > 0; row += k) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += draws[row + j];
            }
            for (int j = 0; j < k; j++) {
                out[row + j] = Math.min(BELOW_ONE, Math.max(Float.MIN_NORMAL, (float) (draws[row + j] / sum)));
            }
        }
        return Tensor.of(out, alphas.shape());
    }

    /** The concentrations, row-major; negative or NaN ones refused (PyTorch's squeeze never ends on them). */
    private static float[] concentrations(Tensor alphas, String op) {
        float[] a = alphas.toArray();
        for (int i = 0; i < a.length; i++) {
            if (!(a[i] >= 0f)) {
                throw new IllegalArgumentException(op + ": expected every concentration non-negative, got "
                        + a[i] + " at flat position " + i);
            }
        }
        return a;
    }

    /** sample_gamma with the concentration in float, as PyTorch's float kernel instantiates it. */
    private static float floatDraw(float alpha, Generator g) {
        double scale = 1.0;
        if (alpha < 1.0f) {
            if (alpha == 0f) {
                return 0f;
            }
            scale *= StrictMath.pow(1 - g.uniformDouble(), 1.0f / alpha);
            alpha += 1.0f;
        }
        double d = alpha - 1.0f / 3.0f;
        double c = 1.0f / Math.sqrt(9.0f * d);
        return (float) squeeze(scale, d, c, g);
    }

    /** sample_gamma with the concentration in double, as PyTorch's Dirichlet kernel instantiates it. */
    private static double doubleDraw(float alphaFloat, Generator g) {
        double alpha = alphaFloat;
        double scale = 1.0;
        if (alpha < 1.0f) {
            if (alpha == 0) {
                return 0;
            }
            scale *= StrictMath.pow(1 - g.uniformDouble(), 1.0f / alpha);
            alpha += 1.0f;
        }
        double d = alpha - 1.0f / 3.0f;
        double c = 1.0f / Math.sqrt(9.0f * d);
        return squeeze(scale, d, c, g);
    }

    /** scale times Marsaglia and Tsang's accepted d v, for d = alpha - 1/3 and c = 1 / sqrt(9 d). */
    private static double squeeze(double scale, double d, double c, Generator g) {
        while (true) {
            double x;
            double y;
            do {
                x = g.normal();
                y = 1.0f + c * x;
            } while (y <= 0);
            double v = y * y * y;
            double u = 1 - g.uniformDouble();
            double xx = x * x;
            if (u < 1.0f - 0.0331f * xx * xx
                    || StrictMath.log(u) < 0.5f * xx + d * (1.0f - v + StrictMath.log(v))) {
                return scale * d * v;
            }
        }
    }
}

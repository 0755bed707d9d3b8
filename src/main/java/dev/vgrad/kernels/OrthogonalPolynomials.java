package dev.vgrad.kernels;

/**
 * The classical orthogonal polynomials of torch.special, evaluated in float step for step as PyTorch's CPU kernels
 * evaluate them (the same special cases at |x| = 1 and for negative degrees, the same trigonometric forms for high
 * degrees inside (-1, 1), the same three-term recurrences), so results agree to rounding: Chebyshev T, U, V, W,
 * Hermite H (physicists') and He (probabilists'), Laguerre L and Legendre P. A degree is truncated to an integer, as
 * PyTorch casts it; a negative one gives 0.
 */
public final class OrthogonalPolynomials {
    private OrthogonalPolynomials() {}

    /** Chebyshev T_n(x). */
    public static float chebyshevT(float x, long n) {
        if (n < 0) {
            return 0f;
        }
        if (Math.abs(x) == 1f) {
            return x > 0f || n % 2 == 0 ? 1f : -1f;
        }
        if (n > 6 && Math.abs(x) < 1f) {
            return (float) Math.cos(n * (float) Math.acos(x));
        }
        return recurrence(x, n, x);
    }

    /** Chebyshev U_n(x). */
    public static float chebyshevU(float x, long n) {
        if (n < 0) {
            return 0f;
        }
        if (Math.abs(x) == 1f) {
            return x > 0f || n % 2 == 0 ? n + 1 : -(n + 1);
        }
        if (n > 8 && Math.abs(x) < 1f) {
            float angle = (float) Math.acos(x), s = (float) Math.sin(angle);
            return s != 0f ? (float) Math.sin((n + 1) * angle) / s : (n + 1) * (float) Math.cos((n + 1) * angle) / x;
        }
        return recurrence(x, n, x + x);
    }

    /** Chebyshev V_n(x). */
    public static float chebyshevV(float x, long n) {
        if (n < 0) {
            return 0f;
        }
        if (Math.abs(x) == 1f) {
            return x > 0f ? 1f : n % 2 == 0 ? n + n + 1 : -(n + n + 1);
        }
        if (n > 8 && Math.abs(x) < 1f) {
            float angle = (float) Math.acos(x);
            if ((float) Math.sin(angle / 2f) != 1f) {
                return (float) Math.cos((n + 0.5f) * angle) / (float) Math.cos(angle / 2f);
            }
            return n % 2 == 0 ? n + n + 1 : -(n + n + 1);
        }
        return recurrence(x, n, x + x - 1f);
    }

    /** Chebyshev W_n(x). */
    public static float chebyshevW(float x, long n) {
        if (n < 0) {
            return 0f;
        }
        if (Math.abs(x) == 1f) {
            return x > 0f ? n + n + 1 : n % 2 == 0 ? 1f : -1f;
        }
        if (n > 8 && Math.abs(x) < 1f) {
            float angle = (float) Math.acos(x);
            if ((float) Math.cos(angle / 2f) != 1f) {
                return (float) Math.sin((n + 0.5f) * angle) / (float) Math.sin(angle / 2f);
            }
            return x > 0f ? n + n + 1 : n % 2 == 0 ? 1f : -1f;
        }
        return recurrence(x, n, x + x + 1f);
    }

    /** The Chebyshev recurrence {@code r = 2x q - p} from p = 1 and q = the first-degree value. */
    private static float recurrence(float x, long n, float first) {
        if (n == 0) {
            return 1f;
        }
        float p = 1f, q = first, r = first;
        for (long k = 2; k <= n; k++) {
            r = (x + x) * q - p;
            p = q;
            q = r;
        }
        return r;
    }

    /** The physicists' Hermite H_n(x). */
    public static float hermiteH(float x, long n) {
        if (n < 0) {
            return 0f;
        }
        if (n == 0) {
            return 1f;
        }
        float p = 1f, q = x + x, r = q;
        for (long k = 2; k < n + n; k += 2) {
            r = (x + x) * q - k * p;
            p = q;
            q = r;
        }
        return r;
    }

    /** The probabilists' Hermite He_n(x). */
    public static float hermiteHe(float x, long n) {
        if (n < 0) {
            return 0f;
        }
        if (n == 0) {
            return 1f;
        }
        float p = 1f, q = x, r = x;
        for (long k = 1; k < n; k++) {
            r = x * q - k * p;
            p = q;
            q = r;
        }
        return r;
    }

    /** Laguerre L_n(x). */
    public static float laguerreL(float x, long n) {
        if (n < 0) {
            return 0f;
        }
        if (Math.abs(x) == 0f || n == 0) {
            return 1f;
        }
        float p = 1f, q = 1f - x, r = q;
        for (long k = 1; k < n; k++) {
            r = (((k + k) + (1f - x)) * q - k * p) / (k + 1);
            p = q;
            q = r;
        }
        return r;
    }

    /** Legendre P_n(x). */
    public static float legendreP(float x, long n) {
        if (n < 0) {
            return 0f;
        }
        if (Math.abs(x) == 1f) {
            return x > 0f || n % 2 == 0 ? 1f : -1f;
        }
        if (n == 0) {
            return 1f;
        }
        float p = 1f, q = x, r = x;
        for (long k = 1; k < n; k++) {
            r = ((k + k + 1) * x * q - k * p) / (k + 1);
            p = q;
            q = r;
        }
        return r;
    }
}

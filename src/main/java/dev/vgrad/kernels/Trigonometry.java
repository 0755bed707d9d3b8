package dev.vgrad.kernels;

/**
 * sin, cos and tan of a float, computed in double from exactly rounded operations and rounded once, allocating nothing.
 * StrictMath's fdlibm port, used before, allocates a two-element array for every argument beyond pi/4 (32 bytes an
 * element of a tensor, every call); rounded to float, its results and these agree but for arguments whose value lies
 * within a few double ulps of a float rounding boundary (TrigonometryTest counts them). Arguments of magnitude 2^20 and
 * more, infinities and NaN still go to StrictMath: there a three-part pi/2 no longer reduces exactly.
 */
final class Trigonometry {
    /** From here on StrictMath reduces the argument. */
    static final float LARGE = 0x1p20f;
    static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    /**
     * pi/2 as PIO2_1 + PIO2_2 + PIO2_2T, the first two of 33 significant bits each (fdlibm's split), so that
     * {@code k * PIO2_1} and {@code k * PIO2_2} are exact for k below 2^20 and {@code |x| - k * PIO2_1} is exact.
     */
    static final double PIO2_1 = Double.longBitsToDouble(0x3FF921FB54400000L),
            PIO2_2 = Double.longBitsToDouble(0x3DD0B4611A600000L),
            PIO2_2T = Double.longBitsToDouble(0x3BA3198A2E037073L);
    /** sin's Taylor coefficients from r^3 to r^19 (-1/3!, 1/5!, ...), cos's from r^4 to r^20 (1/4!, -1/6!, ...). */
    static final double[] SIN = taylor(3), COS = taylor(4);

    private Trigonometry() {}

    private static double[] taylor(int first) {
        double[] c = new double[9];
        for (int i = 0; i < c.length; i++) {
            int n = first + 2 * i;
            double factorial = 1;
            for (int f = 2; f <= n; f++) {
                factorial *= f;
            }
            c[i] = (i % 2 == 0 ? -1 : 1) * (first == 4 ? -1 : 1) / factorial;
        }
        return c;
    }

    static float sin(float x) {
        if (!(Math.abs(x) < LARGE)) {
            return (float) StrictMath.sin(x);
        }
        double a = Math.abs((double) x), k = Math.rint(a * TWO_OVER_PI), r = reduce(a, k);
        int quadrant = (int) k & 3;
        double s = (quadrant & 1) == 0 ? sinOfReduced(r) : cosOfReduced(r);
        // sin(|x|) negated for quadrants 2 and 3, then for a negative x (sin is odd): the sign of -0 survives
        s = (quadrant & 2) == 0 ? s : -s;
        return (float) (Float.floatToRawIntBits(x) < 0 ? -s : s);
    }

    static float cos(float x) {
        if (!(Math.abs(x) < LARGE)) {
            return (float) StrictMath.cos(x);
        }
        double a = Math.abs((double) x), k = Math.rint(a * TWO_OVER_PI), r = reduce(a, k);
        int quadrant = (int) k & 3;
        double c = (quadrant & 1) == 0 ? cosOfReduced(r) : sinOfReduced(r);
        return (float) (quadrant == 1 || quadrant == 2 ? -c : c);
    }

    static float tan(float x) {
        if (!(Math.abs(x) < LARGE)) {
            return (float) StrictMath.tan(x);
        }
        double a = Math.abs((double) x), k = Math.rint(a * TWO_OVER_PI), r = reduce(a, k);
        double s = sinOfReduced(r), c = cosOfReduced(r);
        double t = ((long) k & 1) == 0 ? s / c : -c / s;
        return (float) (Float.floatToRawIntBits(x) < 0 ? -t : t);
    }

    /**
     * sin(pi f) for |f| <= 1/2, allocating nothing: sin of pi |f| up to pi/4, cos of pi (1/2 - |f|) beyond (the
     * reflection formulas of the special functions, whose arguments are reduced to f exactly).
     */
    static double sinPiReduced(double f) {
        double a = Math.abs(f);
        double s = a <= 0.25 ? sinOfReduced(Math.PI * a) : cosOfReduced(Math.PI * (0.5 - a));
        return f < 0 ? -s : s;
    }

    /** tan(pi f) for |f| <= 1/2, the same way: infinite at 1/2. */
    static double tanPiReduced(double f) {
        double a = Math.abs(f);
        double t = a <= 0.25 ? sinOfReduced(Math.PI * a) / cosOfReduced(Math.PI * a)
                : cosOfReduced(Math.PI * (0.5 - a)) / sinOfReduced(Math.PI * (0.5 - a));
        return f < 0 ? -t : t;
    }

    /** {@code a - k pi/2} for 0 <= a < 2^20 and k the nearest integer to {@code a 2/pi}: |result| <= pi/4 or about. */
    private static double reduce(double a, double k) {
        return ((a - k * PIO2_1) - k * PIO2_2) - k * PIO2_2T;
    }

    /** sin(r) for |r| <= pi/4 (a little beyond when k was rounded the other way): Taylor to r^19, Horner in r^2. */
    private static double sinOfReduced(double r) {
        double z = r * r, p = SIN[8];
        for (int i = 7; i >= 0; i--) {
            p = p * z + SIN[i];
        }
        return r + r * z * p;
    }

    /** cos(r) for |r| <= pi/4: {@code 1 - r^2/2} plus Taylor's terms from r^4 to r^20. */
    private static double cosOfReduced(double r) {
        double z = r * r, p = COS[8];
        for (int i = 7; i >= 0; i--) {
            p = p * z + COS[i];
        }
        return (1.0 - 0.5 * z) + z * z * p;
    }
}

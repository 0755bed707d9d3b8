package dev.vgrad.nn;

/**
 * How PyTorch's reprs write values, for the modules' {@code extraRepr} and the distributions' constraints: Python's
 * repr of a float.
 */
public final class PythonRepr {
    private PythonRepr() {}

    /**
     * A float setting such as an eps as Python's repr writes the literal it came from: 1e-05, 0.0001, 0.001, 1.0
     * (Python's choice between positional and exponent form, from the shortest digits that give the float back).
     */
    static String floatLiteral(float v) {
        return pythonFloat(v);
    }

    /** The exponent form, an exponent of two digits at least: 1e-05, 2.5e+16. */
    private static String exponential(float v) {
        String s = Float.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e), exponent = s.substring(e + 1);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        boolean negative = exponent.startsWith("-");
        String digits = negative ? exponent.substring(1) : exponent;
        return mantissa + "e" + (negative ? "-" : "+") + (digits.length() < 2 ? "0" + digits : digits);
    }

    /**
     * A float as Python's repr writes the double it came from: positional from 1e-4 up to 1e16 (0.0001, 0.75, 1.0),
     * with an exponent outside (1e-05), from the shortest digits that give the float back.
     */
    public static String pythonFloat(float v) {
        float magnitude = Math.abs(v);
        if (v == 0 || !Float.isFinite(v) || magnitude < 1e-4f || magnitude >= 1e16f) {
            return v == 0 ? (1 / v < 0 ? "-0.0" : "0.0") : exponential(v);
        }
        return positional(Float.toString(v));
    }

    /** {@link #pythonFloat} for a double (a Python float itself, such as RReLU's 1/3: 0.3333333333333333). */
    public static String pythonDouble(double v) {
        double magnitude = Math.abs(v);
        if (v == 0 || !Double.isFinite(v) || magnitude < 1e-4 || magnitude >= 1e16) {
            return v == 0 ? (1 / v < 0 ? "-0.0" : "0.0") : exponential((float) v);
        }
        return positional(Double.toString(v));
    }

    /** Java's shortest digits of a number written without an exponent, with ".0" when integral. */
    private static String positional(String shortest) {
        String plain = new java.math.BigDecimal(shortest).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** A size as the caller gave it, as Python prints it: one value as an int, several as a tuple "(2, 3)". */
    static String intOrTuple(int[] given) {
        if (given.length == 1) {
            return String.valueOf(given[0]);
        }
        return java.util.Arrays.toString(given).replace('[', '(').replace(']', ')');
    }

    /**
     * A value PyTorch's defaults give as a Python int (Softplus's beta=1, threshold=20) written as an int when it is
     * integral, else as {@link #floatLiteral}: Java cannot tell 2 from 2.0, and the defaults are what most print.
     */
    static String integralOrFloat(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9f ? Long.toString((long) v) : floatLiteral(v);
    }
}

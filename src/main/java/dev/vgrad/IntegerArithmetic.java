package dev.vgrad;

/**
 * Division rounded to an integer and the integer functions of float tensors that hold integers: div with a rounding
 * mode ("trunc" or "floor"), floor_divide, gcd, lcm and the bitwise ops (on each integer's 64-bit two's complement,
 * as PyTorch's on int64; results beyond 2^24 round to the nearest float). Rounded quotients are computed in float as
 * PyTorch's CPU kernels compute them (floor division through fmod, as Python's float //), so they agree bit for bit;
 * their gradient is 0 (div) or refused (floor_divide), as PyTorch's. The integer functions refuse a value that is not
 * an integer.
 */
final class IntegerArithmetic {
    private IntegerArithmetic() {}

    /** torch.div(a, b, rounding_mode): "trunc" rounds the quotient toward zero, "floor" down; the gradient is 0. */
    static Tensor divRounded(Tensor a, Tensor b, String roundingMode) {
        Tensor out = switch (roundingMode == null ? "" : roundingMode) {
            case "trunc" -> Compute.zipDouble("div", a, b, (x, y) -> truncated((float) x, (float) y));
            case "floor" -> Compute.zipDouble("div", a, b, (x, y) -> floored((float) x, (float) y));
            default -> throw new IllegalArgumentException("div expected rounding_mode to be one of None, 'trunc', "
                    + "or 'floor' but found '" + roundingMode + "'");
        };
        if (!Graph.recording(a, b)) {
            return out;
        }
        int[] sa = a.shape, sb = b.shape;
        out.setGradFn(new dev.vgrad.autograd.Node("DivBackward2", a, b) {
            @Override
            protected Tensor[] apply(Tensor g) {
                return grads(needsGrad(0) ? Tensor.zeros(sa) : null, needsGrad(1) ? Tensor.zeros(sb) : null);
            }
        });
        return out;
    }

    /** torch.floor_divide: the floored quotient; backward through it is refused, as PyTorch 1.13 refuses it. */
    static Tensor floorDivide(Tensor a, Tensor b) {
        Tensor out = Compute.zipDouble("floor_divide", a, b, (x, y) -> floored((float) x, (float) y));
        return Graph.recordUndifferentiable(out, "floor_divide", a, b);
    }

    private static float truncated(float a, float b) {
        float q = a / b;
        return (float) (q < 0 ? Math.ceil(q) : Math.floor(q));
    }

    /** Python's float floor division, in float: (a - fmod(a, b)) / b, corrected toward the floor and rounded. */
    private static float floored(float a, float b) {
        if (b == 0f) {
            return a / b;
        }
        float mod = a % b;   // C's fmod
        float div = (a - mod) / b;
        if (mod != 0f && (b < 0f) != (mod < 0f)) {
            div -= 1f;
        }
        if (div == 0f) {
            return Math.copySign(0f, a / b);
        }
        float floor = (float) Math.floor(div);
        return div - floor > 0.5f ? floor + 1f : floor;
    }

    /** torch.gcd: the greatest common divisor of each pair of integers, non-negative (gcd(0, 0) = 0). */
    static Tensor gcd(Tensor a, Tensor b) {
        return Compute.zipDouble("gcd", checkedIntegers("gcd", a), checkedIntegers("gcd", b),
                (x, y) -> gcd((long) x, (long) y));
    }

    /** torch.lcm: the least common multiple of each pair of integers, non-negative (0 if either is 0). */
    static Tensor lcm(Tensor a, Tensor b) {
        return Compute.zipDouble("lcm", checkedIntegers("lcm", a), checkedIntegers("lcm", b), (x, y) -> {
            long g = gcd((long) x, (long) y);
            return g == 0 ? 0 : Math.abs((long) x / g * (long) y);
        });
    }

    private static long gcd(long x, long y) {
        x = Math.abs(x);
        y = Math.abs(y);
        while (y != 0) {
            long r = x % y;
            x = y;
            y = r;
        }
        return x;
    }

    /** torch.bitwise_and / or / xor / left_shift / right_shift of integers (as floats), broadcasting; no gradient. */
    static Tensor bitwise(String op, Tensor a, Tensor b) {
        java.util.function.LongBinaryOperator f = switch (op) {
            case "bitwise_and" -> (x, y) -> x & y;
            case "bitwise_or" -> (x, y) -> x | y;
            case "bitwise_xor" -> (x, y) -> x ^ y;
            // PyTorch 1.13's int64 shifts are C++'s on x86, whose count is taken mod 64: so are Java's on a long
            case "bitwise_left_shift" -> (x, y) -> x << y;
            case "bitwise_right_shift" -> (x, y) -> x >> y;
            default -> throw new IllegalArgumentException(op);
        };
        return Compute.zipDouble(op, checkedIntegers(op, a), checkedIntegers(op, b),
                (x, y) -> f.applyAsLong((long) x, (long) y));
    }

    /** torch.bitwise_not: {@code ~x = -x - 1} of each integer; no gradient. */
    static Tensor bitwiseNot(Tensor a) {
        return Compute.zipDouble("bitwise_not", checkedIntegers("bitwise_not", a), Tensor.scalar(0f),
                (x, unused) -> ~(long) x);
    }

    /** t itself, after checking that each element is an integer (NaN and infinities are not). */
    private static Tensor checkedIntegers(String op, Tensor t) {
        float[] v = t.toArray();
        for (int k = 0; k < v.length; k++) {
            if (v[k] != Math.rint(v[k]) || Float.isInfinite(v[k])) {
                throw new IllegalArgumentException(op + ": expected integers (as floats), got " + v[k]
                        + " at flat position " + k + " of " + Shapes.str(t.shape));
            }
        }
        return t;
    }
}

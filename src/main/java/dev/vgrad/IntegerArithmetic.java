package dev.vgrad;

/**
 * Division rounded to an integer and the integer functions of float tensors that hold integers: div with a rounding
 * mode ("trunc" or "floor"), floor_divide, gcd and lcm. Rounded quotients are computed in float as PyTorch's CPU
 * kernels compute them (floor division through fmod, as Python's float //), so they agree bit for bit; their
 * gradient is 0 (div) or refused (floor_divide), as PyTorch's. gcd and lcm refuse a value that is not an integer.
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

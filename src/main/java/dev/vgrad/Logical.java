package dev.vgrad;

/**
 * PyTorch's logical ops and closeness tests on float tensors, as 0/1 floats (vgrad's booleans): logical_and, or,
 * xor and not (nonzero is true, NaN included), isclose and allclose, signbit. None has a gradient, as in PyTorch.
 */
final class Logical {
    private Logical() {}

    /** torch.logical_and / or / xor of two broadcast tensors: 1 where the operation of (a != 0) and (b != 0) holds. */
    static Tensor logical(String op, Tensor a, Tensor b) {
        Tensor x = truth(a), y = truth(b);
        return switch (op) {
            case "and" -> x.mul(y);
            case "or" -> x.add(y).gt(0f);
            case "xor" -> x.ne(y);
            default -> throw new IllegalArgumentException("logical: unknown op " + op);
        };
    }

    /** torch.logical_not: 1 where x is 0. */
    static Tensor not(Tensor x) {
        return truth(x).eq(0f);
    }

    /** 1 where x is nonzero (a NaN is nonzero), with no history. */
    private static Tensor truth(Tensor x) {
        Tensor d = x.detach();
        return d.ne(0f).add(d.isnan()).gt(0f);
    }

    /**
     * torch.isclose: 1 where a and b (broadcast) are finite and |a - b| <= atol + rtol |b|, or a == b (equal
     * infinities), or, with equalNan, both NaN.
     */
    static Tensor isclose(Tensor a, Tensor b, double rtol, double atol, boolean equalNan) {
        if (rtol < 0 || atol < 0) {
            throw new IllegalArgumentException("isclose: rtol and atol must be non-negative, got rtol=" + rtol
                    + " and atol=" + atol);
        }
        Tensor x = a.detach(), y = b.detach();
        // only finite pairs are compared by tolerance (inf - (-inf) is within an infinite bound); the rest by equality
        Tensor close = x.sub(y).abs().le(y.abs().mul((float) rtol).add((float) atol)).mul(x.isfinite())
                .mul(y.isfinite());
        Tensor result = close.add(x.eq(y));
        if (equalNan) {
            result = result.add(x.isnan().mul(y.isnan()));
        }
        return result.gt(0f);
    }

    /** torch.signbit: 1 where the sign bit is set (negative numbers, -0, a NaN whose sign bit is set). */
    static Tensor signbit(Tensor x) {
        float[] v = x.toArray();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]) < 0 ? 1f : 0f;
        }
        return Tensor.of(out, x.shape());
    }
}

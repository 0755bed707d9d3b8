package dev.vgrad;

import java.util.Arrays;

/**
 * Complex arithmetic on complex tensors in the form {@code torch.view_as_real} writes them (a float tensor whose last
 * dimension of 2 holds real and imaginary parts), the form {@link Fft} takes and gives: what PyTorch does to complex64
 * tensors with {@code /}, {@code reciprocal}, {@code exp}, {@code log}, {@code sqrt}, {@code pow}, {@code sgn} and
 * {@code @}. Values follow PyTorch 1.13's CPU kernels, down to their edges: a quotient is {@code a conj(b) / |b|^2}
 * computed in float, so dividing by 0 gives NaN and by a number whose squared magnitude overflows gives 0, as there.
 * Each is written with differentiable real ops, so gradients (PyTorch's, in its conjugate Wirtinger convention, read
 * as the gradient of the pair tensor) come to any order. Sums, means, additions, subtractions and real scaling are the
 * pair tensor's own real ops; the product, conjugate, magnitude and phase are {@link Fft#mul}, {@link Fft#conj},
 * {@link Fft#abs} and {@link Fft#angle}.
 */
public final class Complex {
    private Complex() {}

    /** {@code a / b} of complex tensors ([..., 2] each, broadcasting). */
    public static Tensor div(Tensor a, Tensor b) {
        requireComplexElements("Complex.div", a);
        requireComplexElements("Complex.div", b);
        Tensor ar = a.select(-1, 0), ai = a.select(-1, 1), br = b.select(-1, 0), bi = b.select(-1, 1);
        Tensor d = br.square().add(bi.square());
        return Fft.complex(ar.mul(br).add(ai.mul(bi)).div(d), ai.mul(br).sub(ar.mul(bi)).div(d));
    }

    /** {@code torch.reciprocal} of a complex tensor: {@code conj(z) / |z|^2} (NaN at 0, as PyTorch's). */
    public static Tensor reciprocal(Tensor z) {
        requireComplexElements("Complex.reciprocal", z);
        Tensor re = z.select(-1, 0), im = z.select(-1, 1);
        Tensor d = re.square().add(im.square());
        return Fft.complex(re.div(d), im.neg().div(d));
    }

    /** {@code torch.exp} of a complex tensor: {@code e^re (cos im, sin im)}. */
    public static Tensor exp(Tensor z) {
        requireComplexElements("Complex.exp", z);
        Tensor magnitude = z.select(-1, 0).exp(), im = z.select(-1, 1);
        return Fft.complex(magnitude.mul(im.cos()), magnitude.mul(im.sin()));
    }

    /** {@code torch.log} of a complex tensor, the principal branch: {@code (log |z|, angle z)}; -inf + 0i at 0. */
    public static Tensor log(Tensor z) {
        requireComplexElements("Complex.log", z);
        return Fft.complex(ComplexParts.abs(z).log(), ComplexParts.angle(z));
    }

    /**
     * {@code torch.sqrt} of a complex tensor, the principal root (real part not negative, imaginary part of z's sign),
     * computed without cancellation: {@code t = sqrt((|z| + |re|) / 2)} is the larger part and {@code |im| / 2t} the
     * other. 0 at 0, where its gradient is NaN, as PyTorch's.
     */
    public static Tensor sqrt(Tensor z) {
        requireComplexElements("Complex.sqrt", z);
        Tensor re = z.select(-1, 0), im = z.select(-1, 1);
        Tensor t = ComplexParts.abs(z).add(re.abs()).mul(0.5f).sqrt();
        // At z = 0 the other part is 0, not the quotient's 0/0; its gradient stays the quotient's NaN.
        Tensor other = Tensor.where(t.eq(0f), Tensor.scalar(0f), im.div(t.mul(2f)));
        Tensor rightHalf = re.ge(0f);
        return Fft.complex(Tensor.where(rightHalf, t, other.abs()), Tensor.where(rightHalf, other, t.copysign(im)));
    }

    /**
     * {@code torch.pow(z, exponent)} of a complex tensor and a real exponent, the principal value:
     * {@code |z|^p (cos p angle(z), sin p angle(z))}.
     */
    public static Tensor pow(Tensor z, float exponent) {
        requireComplexElements("Complex.pow", z);
        Tensor magnitude = ComplexParts.abs(z).pow(exponent), phase = ComplexParts.angle(z).mul(exponent);
        return Fft.complex(magnitude.mul(phase.cos()), magnitude.mul(phase.sin()));
    }

    /**
     * {@code torch.sgn} of a complex tensor: {@code z / |z|} as the complex quotient {@link #div} computes it
     * ({@code z |z| / |z|^2} in float, so NaN where |z|^2 overflows or underflows, as PyTorch's), 0 at 0 with gradient
     * 0 there, as PyTorch's.
     */
    public static Tensor sgn(Tensor z) {
        requireComplexElements("Complex.sgn", z);
        Tensor magnitude = ComplexParts.abs(z);
        Tensor zero = magnitude.eq(0f);
        Tensor safe = Tensor.where(zero, Tensor.scalar(1f), magnitude);
        Tensor quotient = div(z, Fft.complex(safe, Tensor.zerosOf(safe.shape, "sgn")));
        return Tensor.where(zero.unsqueeze(-1), Tensor.scalar(0f), quotient);
    }

    /**
     * {@code a @ b} of complex matrices (torch.matmul, [..., m, k, 2] and [..., k, n, 2], batches broadcast, or a
     * complex vector [k, 2] on either side): the real and imaginary parts' four real products.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        requireComplexElements("Complex.matmul", a);
        requireComplexElements("Complex.matmul", b);
        Tensor ar = a.select(-1, 0), ai = a.select(-1, 1), br = b.select(-1, 0), bi = b.select(-1, 1);
        return Fft.complex(ar.matmul(br).sub(ai.matmul(bi)), ar.matmul(bi).add(ai.matmul(br)));
    }

    /**
     * The check of every elementwise complex op (here and {@link Fft}'s helpers): complex numbers as view_as_real
     * writes them, a last dimension of 2, a complex scalar ([2]) included; {@code op} names the op in the message.
     */
    static void requireComplexElements(String op, Tensor z) {
        if (z.dim() < 1 || z.shape[z.dim() - 1] != 2) {
            throw new IllegalArgumentException(op + ": expected a complex tensor as view_as_real writes one (a last "
                    + "dimension of 2), got shape " + Arrays.toString(z.shape));
        }
    }
}

package dev.vgrad;

import java.util.Arrays;
import java.util.List;

/**
 * torch.fft under its names. vgrad has no complex dtype, so a complex tensor is written as PyTorch's
 * {@code torch.view_as_real} writes one: a float tensor with a last dimension of 2 (real, imaginary), and the
 * dimensions a transform takes ({@code dim}, {@code dims}) count the complex tensor's own dimensions, without that
 * last one. {@link #rfft} and {@link #fft} of a real signal ({@link #asComplex}) give PyTorch's values in that form;
 * {@link #irfft} and {@link #hfft} give real tensors, as PyTorch's do. {@code norm} is PyTorch's: "backward" (the
 * default: the forward transform unscaled, the inverse by 1/n), "ortho" (both by 1/sqrt(n)) or "forward" (the forward
 * by 1/n). Every transform is differentiable to any order, with PyTorch's gradients for the real and imaginary parts
 * (its conjugate Wirtinger convention, written as the gradient of the view_as_real tensor). The DFT runs in double
 * ({@code kernels.Fourier}), so values match PyTorch's float pocketfft within float rounding.
 */
public final class Fft {
    private Fft() {}

    /** {@code torch.fft.fft(z)}: the DFT along the last dimension of a complex tensor [..., n, 2]. */
    public static Tensor fft(Tensor z) {
        return fft(z, null, -1, null);
    }

    /**
     * {@code torch.fft.fft(z, n, dim, norm)}: z (complex, [..., 2]) cut or zero-padded to n along dim (null keeps its
     * length), then transformed.
     *
     * @throws IllegalArgumentException for a tensor whose last dimension is not 2, n below 1, or an unknown norm
     */
    public static Tensor fft(Tensor z, Integer n, int dim, String norm) {
        return complexToComplex("fft", z, n, dim, norm, false);
    }

    /** {@code torch.fft.ifft(z)}: the inverse DFT along the last dimension, by 1/n. */
    public static Tensor ifft(Tensor z) {
        return ifft(z, null, -1, null);
    }

    /** {@code torch.fft.ifft(z, n, dim, norm)}. */
    public static Tensor ifft(Tensor z, Integer n, int dim, String norm) {
        return complexToComplex("ifft", z, n, dim, norm, true);
    }

    /** {@code torch.fft.rfft(x)}: the first n/2 + 1 terms of a real signal's DFT along the last dimension. */
    public static Tensor rfft(Tensor x) {
        return rfft(x, null, -1, null);
    }

    /** {@code torch.fft.rfft(x, n, dim, norm)}: x real, cut or zero-padded to n along dim; [..., n/2 + 1, ..., 2]. */
    public static Tensor rfft(Tensor x, Integer n, int dim, String norm) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("rfft: expected a tensor of at least one dimension, got a 0-d tensor");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor sized = resized(x, d, checkedLength("rfft", n == null ? x.shape[d] : n));
        int length = sized.shape[d];
        Tensor full = transformAlong(asComplex(sized), d, false, scale("rfft", norm, length, false));
        return full.narrow(d, 0, length / 2 + 1);
    }

    /**
     * {@code torch.fft.irfft(z)}: the real signal of length 2 (m - 1) whose rfft is z's m terms along the last
     * dimension (the imaginary parts of the first term, and of the last where the length is even, are ignored, as
     * PyTorch ignores them).
     */
    public static Tensor irfft(Tensor z) {
        return irfft(z, null, -1, null);
    }

    /** {@code torch.fft.irfft(z, n, dim, norm)}: a real signal of length n (default 2 (m - 1)) along dim. */
    public static Tensor irfft(Tensor z, Integer n, int dim, String norm) {
        requireComplex("irfft", z);
        int d = Shapes.wrapDim(dim, z.dim() - 1);
        int length = checkedLength("irfft", n == null ? 2 * (z.shape[d] - 1) : n);
        Tensor half = resized(z, d, length / 2 + 1);
        Tensor full = hermitian(half, d, length);
        return transformAlong(full, d, true, scale("irfft", norm, length, true)).select(-1, 0);
    }

    /** {@code torch.fft.hfft(z, n, dim, norm)}: the real DFT of a Hermitian-symmetric signal given by its first half. */
    public static Tensor hfft(Tensor z, Integer n, int dim, String norm) {
        return irfft(conj(z), n, dim, swapped(norm));
    }

    /** {@code torch.fft.ihfft(x, n, dim, norm)}: the first half of a real signal's inverse DFT. */
    public static Tensor ihfft(Tensor x, Integer n, int dim, String norm) {
        return conj(rfft(x, n, dim, swapped(norm)));
    }

    /** {@code torch.fft.fft2(z)}: fft along the last two dimensions. */
    public static Tensor fft2(Tensor z) {
        return fftn(z, null, new int[] {-2, -1}, null);
    }

    /** {@code torch.fft.ifft2(z)}. */
    public static Tensor ifft2(Tensor z) {
        return ifftn(z, null, new int[] {-2, -1}, null);
    }

    /** {@code torch.fft.rfft2(x)}. */
    public static Tensor rfft2(Tensor x) {
        return rfftn(x, null, new int[] {-2, -1}, null);
    }

    /** {@code torch.fft.irfft2(z)}. */
    public static Tensor irfft2(Tensor z) {
        return irfftn(z, null, new int[] {-2, -1}, null);
    }

    /**
     * {@code torch.fft.fftn(z, s, dim, norm)}: fft along each of {@code dims} (null: every dimension), each cut or
     * padded to its entry of {@code s} (null: as they are).
     */
    public static Tensor fftn(Tensor z, int[] s, int[] dims, String norm) {
        requireComplex("fftn", z);
        int[] d = dims(s, dims, z.dim() - 1);
        for (int i = 0; i < d.length; i++) {
            z = fft(z, s == null ? null : s[i], d[i], norm);
        }
        return z;
    }

    /** {@code torch.fft.ifftn(z, s, dim, norm)}. */
    public static Tensor ifftn(Tensor z, int[] s, int[] dims, String norm) {
        requireComplex("ifftn", z);
        int[] d = dims(s, dims, z.dim() - 1);
        for (int i = 0; i < d.length; i++) {
            z = ifft(z, s == null ? null : s[i], d[i], norm);
        }
        return z;
    }

    /** {@code torch.fft.rfftn(x, s, dim, norm)}: rfft along the last of the dims, then fft along the others. */
    public static Tensor rfftn(Tensor x, int[] s, int[] dims, String norm) {
        int[] d = dims(s, dims, x.dim());
        int last = d.length - 1;
        Tensor z = rfft(x, s == null ? null : s[last], d[last], norm);
        for (int i = 0; i < last; i++) {
            z = fft(z, s == null ? null : s[i], d[i], norm);
        }
        return z;
    }

    /** {@code torch.fft.irfftn(z, s, dim, norm)}: ifft along all but the last of the dims, then irfft along it. */
    public static Tensor irfftn(Tensor z, int[] s, int[] dims, String norm) {
        requireComplex("irfftn", z);
        int[] d = dims(s, dims, z.dim() - 1);
        int last = d.length - 1;
        for (int i = 0; i < last; i++) {
            z = ifft(z, s == null ? null : s[i], d[i], norm);
        }
        return irfft(z, s == null ? null : s[last], d[last], norm);
    }

    /**
     * {@code torch.fft.fftfreq(n, d)}: the sample frequencies of an n-point DFT with sample spacing d, {@code [0, 1,
     * ..., -(n / 2), ..., -1] / (d n)}, computed as PyTorch computes them (the integers times the float of 1 / (n d),
     * d a double as Python's float is).
     */
    public static Tensor fftfreq(int n, double d) {
        float step = (float) (1.0 / (n * d));
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i < (n + 1) / 2 ? i : i - n) * step;
        }
        return Tensor.of(f, n);
    }

    /** {@code torch.fft.rfftfreq(n, d)}: the n / 2 + 1 non-negative frequencies of rfft. */
    public static Tensor rfftfreq(int n, double d) {
        float step = (float) (1.0 / (n * d));
        float[] f = new float[n / 2 + 1];
        for (int i = 0; i < f.length; i++) {
            f[i] = i * step;
        }
        return Tensor.of(f, f.length);
    }

    /** {@code torch.fft.fftshift(x, dims)}: the zero frequency moved to the middle (every dimension when none given). */
    public static Tensor fftshift(Tensor x, int... dims) {
        return shifted(x, dims, false);
    }

    /** {@code torch.fft.ifftshift(x, dims)}: fftshift undone. */
    public static Tensor ifftshift(Tensor x, int... dims) {
        return shifted(x, dims, true);
    }

    /** A real tensor as a complex one ([..., 2], imaginary parts 0): what PyTorch does to a real input of fft. */
    public static Tensor asComplex(Tensor real) {
        return complex(real, Tensor.zerosOf(real.shape, "asComplex"));
    }

    /** {@code torch.view_as_real(torch.complex(real, imag))}: the two stacked along a new last dimension. */
    public static Tensor complex(Tensor real, Tensor imag) {
        return Tensor.stack(List.of(real, imag), -1);
    }

    /** The real parts of a complex tensor [..., 2]. */
    public static Tensor real(Tensor z) {
        Complex.requireComplexElements("real", z);
        return z.select(-1, 0);
    }

    /** The imaginary parts of a complex tensor [..., 2]. */
    public static Tensor imag(Tensor z) {
        Complex.requireComplexElements("imag", z);
        return z.select(-1, 1);
    }

    /**
     * The complex product of a and b ([..., 2] each, broadcasting), as PyTorch's {@code a * b} of complex tensors: what
     * a convolution through the transforms multiplies spectra with.
     */
    public static Tensor mul(Tensor a, Tensor b) {
        Complex.requireComplexElements("mul", a);
        Complex.requireComplexElements("mul", b);
        Tensor ar = a.select(-1, 0), ai = a.select(-1, 1), br = b.select(-1, 0), bi = b.select(-1, 1);
        return complex(ar.mul(br).sub(ai.mul(bi)), ar.mul(bi).add(ai.mul(br)));
    }

    /** {@code torch.polar(abs, angle)}: the complex numbers of these magnitudes and phases, [..., 2]. */
    public static Tensor polar(Tensor abs, Tensor angle) {
        return complex(abs.mul(angle.cos()), abs.mul(angle.sin()));
    }

    /** The complex conjugate, imaginary parts negated. */
    public static Tensor conj(Tensor z) {
        Complex.requireComplexElements("conj", z);
        return z.mul(Tensor.of(1f, -1f));
    }

    /** {@code torch.abs} of a complex tensor: the magnitudes sqrt(re^2 + im^2), with gradient 0 at 0 as PyTorch's. */
    public static Tensor abs(Tensor z) {
        Complex.requireComplexElements("abs", z);
        return ComplexParts.abs(z);
    }

    /** {@code torch.angle} of a complex tensor: atan2(im, re), with gradient 0 at 0 as PyTorch's. */
    public static Tensor angle(Tensor z) {
        Complex.requireComplexElements("angle", z);
        return ComplexParts.angle(z);
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static Tensor complexToComplex(String op, Tensor z, Integer n, int dim, String norm, boolean inverse) {
        requireComplex(op, z);
        int d = Shapes.wrapDim(dim, z.dim() - 1);
        Tensor sized = resized(z, d, checkedLength(op, n == null ? z.shape[d] : n));
        return transformAlong(sized, d, inverse, scale(op, norm, sized.shape[d], inverse));
    }

    /** The DFT of complex z along its (complex) dimension d: moved next to the pair dimension and back. */
    private static Tensor transformAlong(Tensor z, int d, boolean inverse, double scale) {
        int last = z.dim() - 2;
        Tensor moved = d == last ? z : z.movedim(d, last);
        Tensor out = FourierOps.transform(moved, inverse, scale);
        return d == last ? out : out.movedim(last, d);
    }

    /** The full n-term spectrum of a real signal from its first n / 2 + 1 terms (along d): the rest conjugated back. */
    private static Tensor hermitian(Tensor half, int d, int n) {
        int tail = n - (n / 2 + 1);
        if (tail == 0) {
            return half;
        }
        int[] mirror = new int[tail];
        for (int k = 0; k < tail; k++) {
            mirror[k] = n - (n / 2 + 1 + k);
        }
        return Tensor.cat(List.of(half, conj(half.indexSelect(d, mirror))), d);
    }

    /** x cut (a narrow view) or zero-padded (a cat) to {@code length} along d. */
    private static Tensor resized(Tensor x, int d, int length) {
        int have = x.shape[d];
        if (have == length) {
            return x;
        }
        if (have > length) {
            return x.narrow(d, 0, length);
        }
        int[] padShape = x.shape.clone();
        padShape[d] = length - have;
        return Tensor.cat(List.of(x, Tensor.zerosOf(padShape, "fft padding")), d);
    }

    private static int checkedLength(String op, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(op + ": Invalid number of data points (" + n + ") specified");
        }
        return n;
    }

    /** The transforms' check: a complex signal has at least one dimension besides the pair's. */
    private static void requireComplex(String op, Tensor z) {
        if (z.dim() < 2 || z.shape[z.dim() - 1] != 2) {
            throw new IllegalArgumentException(op + ": expected a complex tensor as view_as_real writes one (a last "
                    + "dimension of 2 after at least one more), got shape " + Arrays.toString(z.shape));
        }
    }

    /** The factor of a transform of length n in the given direction under PyTorch's norm. */
    private static double scale(String op, String norm, int n, boolean inverse) {
        String mode = norm == null ? "backward" : norm;
        return switch (mode) {
            case "backward" -> inverse ? 1.0 / n : 1.0;
            case "forward" -> inverse ? 1.0 : 1.0 / n;
            case "ortho" -> 1.0 / Math.sqrt(n);
            default -> throw new IllegalArgumentException(op + ": Invalid normalization mode: \"" + norm + "\"");
        };
    }

    /** hfft and ihfft run their counterpart with the normalization's direction swapped, as PyTorch defines them. */
    private static String swapped(String norm) {
        if (norm == null || norm.equals("backward")) {
            return "forward";
        }
        return norm.equals("forward") ? "backward" : norm;
    }

    /** The dimensions of an n-dimensional transform: given, or the last len(s), or all of {@code rank}. */
    private static int[] dims(int[] s, int[] dims, int rank) {
        int[] d;
        if (dims != null) {
            d = dims.clone();
        } else if (s != null) {
            d = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                d[i] = rank - s.length + i;
            }
        } else {
            d = new int[rank];
            for (int i = 0; i < rank; i++) {
                d[i] = i;
            }
        }
        if (s != null && s.length != d.length) {
            throw new IllegalArgumentException("When given, dim and shape arguments must have the same length: "
                    + Arrays.toString(s) + " and " + Arrays.toString(dims));
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = Shapes.wrapDim(d[i], rank);
        }
        return d;
    }

    private static Tensor shifted(Tensor x, int[] dims, boolean undo) {
        int[] d = dims.length == 0 ? dims(null, null, x.dim()) : dims.clone();
        int[] shifts = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Shapes.wrapDim(d[i], x.dim());
            int n = x.shape[d[i]];
            shifts[i] = undo ? (n + 1) / 2 : n / 2;
        }
        return d.length == 0 ? x : x.roll(shifts, d);
    }
}

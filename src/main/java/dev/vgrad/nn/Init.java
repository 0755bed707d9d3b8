package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Linalg;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import java.util.Arrays;
import java.util.List;

/**
 * Parameter initialisation ({@code torch.nn.init}), drawing in PyTorch's element order and arithmetic, so that after
 * {@code new Generator(s)} (or {@code Generator.defaultGenerator().manualSeed(s)}) each function fills a tensor with
 * the values {@code torch.manual_seed(s)} and the same call give in PyTorch 1.13.
 *
 * <p>The in-place functions (trailing {@code _}) write under no-grad, as PyTorch's do, so they apply to parameters
 * that require grad; they bump the tensor's version. Bounds, means and standard deviations are doubles because
 * PyTorch computes them in Python floats: {@code normal_(t, 0, 0.02)} matches {@code normal_(t, 0, 0.02)} in torch,
 * where 0.02f would not. Like PyTorch, a uniform draw's bounds and a normal draw of 16 or more values use their float
 * roundings, a normal draw of fewer than 16 values its double ones.
 */
public final class Init {
    private Init() {}

    /** A tensor of {@code shape} filled with U(from, to) samples from g, as {@code tensor.uniform_(from, to)}. */
    public static Tensor uniform(Generator g, float from, float to, int... shape) {
        return Tensor.uniform(g, from, to, shape);
    }

    /** Fills t with U(a, b) samples from g (torch.nn.init.uniform_). */
    public static Tensor uniform_(Tensor t, double a, double b, Generator g) {
        try (var off = GradMode.noGrad()) {
            return t.uniform_(a, b, g);
        }
    }

    /** {@link #uniform_(Tensor, double, double, Generator)} from the default generator. */
    public static Tensor uniform_(Tensor t, double a, double b) {
        return uniform_(t, a, b, Generator.defaultGenerator());
    }

    /**
     * Fills t with N(mean, std^2) samples from g (torch.nn.init.normal_): for 16 values or more PyTorch's batched
     * Box-Muller scaled by one fused multiply-add in float, for fewer its double-precision pairs scaled in double.
     */
    public static Tensor normal_(Tensor t, double mean, double std, Generator g) {
        try (var off = GradMode.noGrad()) {
            return t.normal_(mean, std, g);
        }
    }

    /** {@link #normal_(Tensor, double, double, Generator)} from the default generator. */
    public static Tensor normal_(Tensor t, double mean, double std) {
        return normal_(t, mean, std, Generator.defaultGenerator());
    }

    /** Fills t with {@code value} (torch.nn.init.constant_). */
    public static Tensor constant_(Tensor t, double value) {
        try (var off = GradMode.noGrad()) {
            return t.fill_((float) value);
        }
    }

    /** Fills t with zeros (torch.nn.init.zeros_). */
    public static Tensor zeros_(Tensor t) {
        return constant_(t, 0);
    }

    /** Fills t with ones (torch.nn.init.ones_). */
    public static Tensor ones_(Tensor t) {
        return constant_(t, 1);
    }

    /** The recommended gain for a nonlinearity (torch.nn.init.calculate_gain); leaky_relu's slope 0.01. */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, Double.NaN);
    }

    /**
     * calculate_gain with its parameter: leaky_relu's negative slope (NaN for PyTorch's None, meaning 0.01); the
     * other nonlinearities ignore it.
     */
    public static double calculateGain(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                 "sigmoid" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> {
                double slope = Double.isNaN(param) ? 0.01 : param;
                yield Math.sqrt(2.0 / (1 + slope * slope));
            }
            case "selu" -> 3.0 / 4;
            default -> throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        };
    }

    /** Xavier/Glorot uniform: U(-a, a) with {@code a = gain sqrt(6 / (fan_in + fan_out))} (xavier_uniform_). */
    public static Tensor xavierUniform_(Tensor t, double gain, Generator g) {
        int[] fans = fans(t);
        double std = gain * Math.sqrt(2.0 / (fans[0] + fans[1]));
        double a = Math.sqrt(3.0) * std;
        return uniform_(t, -a, a, g);
    }

    /** {@link #xavierUniform_(Tensor, double, Generator)} with gain 1 from the default generator. */
    public static Tensor xavierUniform_(Tensor t) {
        return xavierUniform_(t, 1, Generator.defaultGenerator());
    }

    /** Xavier/Glorot normal: N(0, std^2) with {@code std = gain sqrt(2 / (fan_in + fan_out))} (xavier_normal_). */
    public static Tensor xavierNormal_(Tensor t, double gain, Generator g) {
        int[] fans = fans(t);
        return normal_(t, 0, gain * Math.sqrt(2.0 / (fans[0] + fans[1])), g);
    }

    /** {@link #xavierNormal_(Tensor, double, Generator)} with gain 1 from the default generator. */
    public static Tensor xavierNormal_(Tensor t) {
        return xavierNormal_(t, 1, Generator.defaultGenerator());
    }

    /**
     * Kaiming/He uniform: U(-b, b) with {@code b = sqrt(3) gain / sqrt(fan)}, fan the mode's ("fan_in" or
     * "fan_out"), gain calculate_gain(nonlinearity, a) (kaiming_uniform_). A tensor with no elements is left as it is.
     */
    public static Tensor kaimingUniform_(Tensor t, double a, String mode, String nonlinearity, Generator g) {
        if (t.numel() == 0) {
            return t;
        }
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform_(t, -bound, bound, g);
    }

    /** kaiming_uniform_ with PyTorch's defaults (a 0, fan_in, leaky_relu) from the default generator. */
    public static Tensor kaimingUniform_(Tensor t) {
        return kaimingUniform_(t, 0, "fan_in", "leaky_relu", Generator.defaultGenerator());
    }

    /** Kaiming/He normal: N(0, std^2) with {@code std = gain / sqrt(fan)} (kaiming_normal_). */
    public static Tensor kaimingNormal_(Tensor t, double a, String mode, String nonlinearity, Generator g) {
        if (t.numel() == 0) {
            return t;
        }
        return normal_(t, 0, calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode)), g);
    }

    /** kaiming_normal_ with PyTorch's defaults (a 0, fan_in, leaky_relu) from the default generator. */
    public static Tensor kaimingNormal_(Tensor t) {
        return kaimingNormal_(t, 0, "fan_in", "leaky_relu", Generator.defaultGenerator());
    }

    /**
     * Fills t with N(mean, std^2) samples truncated to [a, b] (torch.nn.init.trunc_normal_), drawn as PyTorch draws
     * them: uniforms between the bounds' normal CDF values (mapped to [-1, 1]), the inverse error function of each (in
     * float, PyTorch's rational start and two Newton steps), scaled by std * sqrt(2), shifted by mean and clamped to
     * [a, b].
     */
    public static Tensor truncNormal_(Tensor t, double mean, double std, double a, double b, Generator g) {
        double l = normCdf((a - mean) / std), u = normCdf((b - mean) / std);
        float[] v = uniform(g, (float) (2 * l - 1), (float) (2 * u - 1), t.numel()).toArray();
        float scale = (float) (std * Math.sqrt(2.0)), shift = (float) mean, lo = (float) a, hi = (float) b;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(Math.max(erfinv(v[i]) * scale + shift, lo), hi);
        }
        return fill(t, Tensor.of(v, t.shape()));
    }

    /** trunc_normal_ with PyTorch's defaults (mean 0, std 1, [-2, 2]) from the default generator. */
    public static Tensor truncNormal_(Tensor t) {
        return truncNormal_(t, 0, 1, -2, 2, Generator.defaultGenerator());
    }

    private static double normCdf(double x) {
        return (1 + erf(x / Math.sqrt(2.0))) / 2;
    }

    /** erf in double from the float kernel's series, for the bounds' CDF (PyTorch takes Python's math.erf). */
    private static double erf(double x) {
        return dev.vgrad.kernels.Transcendental.erfDouble(x);
    }

    /** PyTorch's float erfinv (calc_erfinv), as torch.nn.init.trunc_normal_ takes it. */
    static float erfinv(float y) {
        return dev.vgrad.kernels.SpecialFunctions.erfinv(y);
    }

    /**
     * Fills t (2 or more dimensions, flattened to [size(0), rest]) with a (semi-)orthogonal matrix times gain
     * (torch.nn.init.orthogonal_): the Q of a QR factorisation of a standard normal matrix drawn as PyTorch draws it,
     * its columns' signs set so that R's diagonal is positive, which makes Q unique: PyTorch's up to rounding.
     */
    public static Tensor orthogonal_(Tensor t, double gain, Generator g) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported (shape "
                    + Arrays.toString(t.shape()) + ")");
        }
        if (t.numel() == 0) {
            return t;
        }
        int rows = t.size(0), cols = t.numel() / rows;
        Tensor drawn = normal_(Tensor.zeros(rows, cols), 0, 1, g);
        boolean wide = rows < cols;   // factor the tall one
        Tensor q;
        try (var off = GradMode.noGrad()) {
            List<Tensor> qr = Linalg.qr(wide ? drawn.t() : drawn);
            Tensor signs = Tensor.where(qr.get(1).diagonal(0, 0, 1).lt(0f), Tensor.scalar(-1f), Tensor.scalar(1f));
            q = qr.get(0).mul(signs).mul((float) gain);
        }
        return fill(t, (wide ? q.t() : q).reshape(t.shape()));
    }

    /** orthogonal_ with gain 1 from the default generator. */
    public static Tensor orthogonal_(Tensor t) {
        return orthogonal_(t, 1, Generator.defaultGenerator());
    }

    /** Fills a 2-D t with the identity, ones on the diagonal of a non-square one too (torch.nn.init.eye_). */
    public static Tensor eye_(Tensor t) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("Only tensors with 2 dimensions are supported (shape "
                    + Arrays.toString(t.shape()) + ")");
        }
        float[] v = new float[t.numel()];
        for (int i = 0; i < Math.min(t.size(0), t.size(1)); i++) {
            v[i * t.size(1) + i] = 1f;
        }
        return fill(t, Tensor.of(v, t.shape()));
    }

    /**
     * Fills a convolution weight (3 to 5 dimensions) with the Dirac delta, so the convolution passes its input channels
     * through, in each of {@code groups} groups (torch.nn.init.dirac_).
     */
    public static Tensor dirac_(Tensor t, int groups) {
        int dims = t.dim();
        if (dims < 3 || dims > 5) {
            throw new IllegalArgumentException("Only tensors with 3, 4, or 5 dimensions are supported (shape "
                    + Arrays.toString(t.shape()) + ")");
        }
        if (groups < 1 || t.size(0) % groups != 0) {
            throw new IllegalArgumentException("dim 0 must be divisible by groups (shape " + Arrays.toString(t.shape())
                    + ", groups " + groups + ")");
        }
        int perGroup = t.size(0) / groups, minDim = Math.min(perGroup, t.size(1));
        int[] shape = t.shape();
        int spatial = 1, center = 0;
        for (int d = 2; d < dims; d++) {
            spatial *= shape[d];
        }
        for (int d = 2, stride = spatial; d < dims; d++) {
            stride /= shape[d];
            center += shape[d] / 2 * stride;
        }
        float[] v = new float[t.numel()];
        for (int gi = 0; gi < groups; gi++) {
            for (int d = 0; d < minDim; d++) {
                v[((gi * perGroup + d) * shape[1] + d) * spatial + center] = 1f;
            }
        }
        return fill(t, Tensor.of(v, t.shape()));
    }

    /** dirac_ with one group. */
    public static Tensor dirac_(Tensor t) {
        return dirac_(t, 1);
    }

    /**
     * Fills a 2-D t with N(0, std^2) samples, then zeros ceil(sparsity * rows) of each column, the rows a random
     * permutation picks (torch.nn.init.sparse_, the same draws in the same order).
     */
    public static Tensor sparse_(Tensor t, double sparsity, double std, Generator g) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("Only tensors with 2 dimensions are supported (shape "
                    + Arrays.toString(t.shape()) + ")");
        }
        int rows = t.size(0), cols = t.size(1), zeros = (int) Math.ceil(sparsity * rows);
        float[] v = normal_(Tensor.zeros(rows, cols), 0, std, g).toArray();
        for (int c = 0; c < cols; c++) {
            int[] perm = g.randperm(rows);
            for (int k = 0; k < zeros; k++) {
                v[perm[k] * cols + c] = 0f;
            }
        }
        return fill(t, Tensor.of(v, t.shape()));
    }

    /** sparse_ with std 0.01 from the default generator. */
    public static Tensor sparse_(Tensor t, double sparsity) {
        return sparse_(t, sparsity, 0.01, Generator.defaultGenerator());
    }

    private static int fan(Tensor t, String mode) {
        int[] fans = fans(t);
        return switch (mode) {
            case "fan_in" -> fans[0];
            case "fan_out" -> fans[1];
            default -> throw new IllegalArgumentException("Mode " + mode + " not supported, please use one of fan_in, "
                    + "fan_out");
        };
    }

    /** [fan_in, fan_out]: dims 1 and 0 times the product of the rest (a convolution kernel's receptive field). */
    private static int[] fans(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 "
                    + "dimensions (shape " + Arrays.toString(t.shape()) + ")");
        }
        int receptive = 1;
        for (int d = 2; d < t.dim(); d++) {
            receptive *= t.size(d);
        }
        return new int[] {t.size(1) * receptive, t.size(0) * receptive};
    }

    private static Tensor fill(Tensor t, Tensor values) {
        try (var off = GradMode.noGrad()) {
            return t.copy_(values);
        }
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * {@code y = x W^T + b}, as {@code torch.nn.Linear}: weight [out, in] and bias [out] drawn from
 * U(-1/sqrt(in), 1/sqrt(in)) (PyTorch's kaiming_uniform_ with a = sqrt(5), and its bias rule), from the given
 * generator in PyTorch's order (weight, then bias), so {@code new Linear(i, o, new Generator(s))} holds the
 * values of {@code torch.manual_seed(s); nn.Linear(i, o)}. A 2-D input runs as one fused GEMM with the bias
 * (grad_fn AddmmBackward0).
 */
public class Linear extends Module {
    /** in_features: set by a lazy layer on its first call. */
    int in;
    private final int out;
    /** The weight, [out, in]. */
    public Tensor weight;
    /** The bias, [out], or null. */
    public Tensor bias;

    /** A layer with bias, initialised from the default generator. */
    public Linear(int in, int out) {
        this(in, out, true, Generator.defaultGenerator());
    }

    /** A layer with bias, initialised from {@code g}. */
    public Linear(int in, int out, Generator g) {
        this(in, out, true, g);
    }

    /** A layer, with or without bias, initialised from {@code g}. */
    public Linear(int in, int out, boolean bias, Generator g) {
        if (in < 0 || out < 0) {
            throw new IllegalArgumentException("Linear needs sizes >= 0, got in_features=" + in + ", out_features="
                    + out);
        }
        this.in = in;
        this.out = out;
        float bound = initBound(in);
        this.weight = registerParameter("weight", Init.uniform(g, -bound, bound, out, in));
        this.bias = bias ? registerParameter("bias", Init.uniform(g, -bound, bound, out)) : null;
    }

    /** {@code in_features}. */
    public int inFeatures() {
        return in;
    }

    /** {@code out_features}. */
    public int outFeatures() {
        return out;
    }

    /**
     * The half-width of the initial draws for {@code in} inputs, 1/sqrt(in); as torch, a layer of no inputs (its weight
     * has no elements, so nothing is drawn for it) has a bias of zeros.
     */
    static float initBound(int in) {
        return in > 0 ? (float) (1.0 / Math.sqrt(in)) : 0f;
    }

    /** A lazy layer's start ({@link LazyLinear}): in_features 0 and empty placeholder parameters, nothing drawn. */
    Linear(int out, boolean bias) {
        if (out < 0) {
            throw new IllegalArgumentException("Linear needs sizes >= 0, got out_features=" + out);
        }
        this.out = out;
        this.weight = LazyParameters.parameter(this, "weight");
        this.bias = bias ? LazyParameters.parameter(this, "bias") : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.linear(x, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + in + ", out_features=" + out + ", bias=" + (bias != null ? "True" : "False");
    }
}

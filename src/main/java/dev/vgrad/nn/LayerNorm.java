package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Layer normalization over the trailing dimensions, as {@code torch.nn.LayerNorm}: weight ones, bias zeros, eps 1e-5
 * unless given; without elementwise affine, no parameters.
 */
public class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final float eps;
    private final boolean elementwiseAffine;
    /** The elementwise scale, of the normalized shape (null without elementwise affine). */
    public final Tensor weight;
    /** The elementwise shift, of the normalized shape (null without elementwise affine). */
    public final Tensor bias;

    /** Normalizes over trailing dimensions of these sizes. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5f, true);
    }

    /** PyTorch's {@code LayerNorm(normalized_shape, eps, elementwise_affine)}. */
    public LayerNorm(int[] normalizedShape, float eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm needs at least one normalized dimension");
        }
        if (!(eps >= 0f)) {
            throw new IllegalArgumentException("LayerNorm: eps must be non-negative, got " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        this.weight = elementwiseAffine ? registerParameter("weight", Tensor.ones(normalizedShape)) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", Tensor.zeros(normalizedShape)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    @Override
    protected String extraRepr() {
        String dims = java.util.Arrays.toString(normalizedShape).replace('[', '(').replace(']', ')');
        return (normalizedShape.length == 1 ? "(" + normalizedShape[0] + ",)" : dims) + ", eps=" + pythonFloat(eps)
                + ", elementwise_affine=" + (elementwiseAffine ? "True" : "False");
    }

    /**
     * A small float such as an eps as Python's repr writes the literal it came from: 1e-05, 1e-06, 0.001 (the shortest
     * digits that give the float back, an exponent of two digits at least).
     */
    static String pythonFloat(float v) {
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
}

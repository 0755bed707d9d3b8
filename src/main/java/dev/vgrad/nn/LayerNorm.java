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
    public Tensor weight;
    /** The elementwise shift, of the normalized shape (null without elementwise affine). */
    public Tensor bias;

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
        return (normalizedShape.length == 1 ? "(" + normalizedShape[0] + ",)" : dims) + ", eps="
                + PythonRepr.floatLiteral(eps) + ", elementwise_affine=" + (elementwiseAffine ? "True" : "False");
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Layer normalization over the trailing dimensions, as {@code torch.nn.LayerNorm}: weight ones, bias zeros, eps 1e-5. */
public class LayerNorm extends Module {
    private final int[] normalizedShape;
    /** The elementwise scale, of the normalized shape. */
    public final Tensor weight;
    /** The elementwise shift, of the normalized shape. */
    public final Tensor bias;

    /** Normalizes over trailing dimensions of these sizes. */
    public LayerNorm(int... normalizedShape) {
        if (normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm needs at least one normalized dimension");
        }
        this.normalizedShape = normalizedShape.clone();
        this.weight = registerParameter("weight", Tensor.ones(normalizedShape));
        this.bias = registerParameter("bias", Tensor.zeros(normalizedShape));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.layerNorm(x, normalizedShape, weight, bias, 1e-5f);
    }

    @Override
    protected String extraRepr() {
        String dims = java.util.Arrays.toString(normalizedShape).replace('[', '(').replace(']', ')');
        return (normalizedShape.length == 1 ? "(" + normalizedShape[0] + ",)" : dims) + ", eps=1e-05, elementwise_affine=True";
    }
}

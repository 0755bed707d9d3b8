package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * A lookup table of {@code num} vectors of size {@code dim}, as {@code torch.nn.Embedding}: weight drawn from N(0, 1)
 * as torch's normal_ draws it for a seed. Its input is a float tensor of integer indices.
 */
public class Embedding extends Module {
    private final int num, dim;
    /** The table, [num, dim]. */
    public final Tensor weight;

    /** From the default generator. */
    public Embedding(int num, int dim) {
        this(num, dim, Generator.defaultGenerator());
    }

    /** From {@code g}. */
    public Embedding(int num, int dim, Generator g) {
        if (num <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding needs positive sizes, got num_embeddings=" + num
                    + ", embedding_dim=" + dim);
        }
        this.num = num;
        this.dim = dim;
        this.weight = registerParameter("weight", Tensor.randn(g, num, dim));
    }

    @Override
    public Tensor forward(Tensor indices) {
        return Functional.embedding(indices, weight);
    }

    @Override
    protected String extraRepr() {
        return num + ", " + dim;
    }
}

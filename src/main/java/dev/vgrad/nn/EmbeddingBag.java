package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/**
 * Bags of embeddings reduced without building the bags, as {@code torch.nn.EmbeddingBag}: the table starts as
 * {@link Embedding}'s does (N(0, 1) as torch draws it for a seed, the padding row zeros), and {@code forward} sums,
 * averages or takes the maximum of the rows each bag picks (see
 * {@link Functional#embeddingBag(Tensor, Tensor, Tensor, String, Tensor, boolean, Integer)}).
 */
public class EmbeddingBag extends Module {
    private final int num, dim;
    private final String mode;
    private final boolean includeLastOffset;
    private final Integer paddingIdx;
    /** The table, [num, dim]. */
    public Tensor weight;

    /** PyTorch's defaults: mode "mean", from the default generator. */
    public EmbeddingBag(int num, int dim) {
        this(num, dim, "mean", false, null, Generator.defaultGenerator());
    }

    /**
     * PyTorch's {@code EmbeddingBag(num_embeddings, embedding_dim, mode=..., include_last_offset=...,
     * padding_idx=...)}, from {@code g}; paddingIdx null for none, negative from the end.
     */
    public EmbeddingBag(int num, int dim, String mode, boolean includeLastOffset, Integer paddingIdx, Generator g) {
        if (num <= 0 || dim <= 0) {
            throw new IllegalArgumentException("EmbeddingBag needs positive sizes, got num_embeddings=" + num
                    + ", embedding_dim=" + dim);
        }
        if (!mode.equals("sum") && !mode.equals("mean") && !mode.equals("max")) {
            throw new IllegalArgumentException("EmbeddingBag: mode has to be one of sum, mean or max, got " + mode);
        }
        if (paddingIdx != null && (paddingIdx >= num || paddingIdx < -num)) {
            throw new IllegalArgumentException("padding_idx must be within num_embeddings (" + num + "), got "
                    + paddingIdx);
        }
        this.num = num;
        this.dim = dim;
        this.mode = mode;
        this.includeLastOffset = includeLastOffset;
        this.paddingIdx = paddingIdx == null ? null : paddingIdx < 0 ? paddingIdx + num : paddingIdx;
        this.weight = registerParameter("weight", Tensor.randn(g, num, dim));
        if (this.paddingIdx != null) {
            try (var off = GradMode.noGrad()) {
                weight.select(0, this.paddingIdx).zero_();
            }
        }
    }

    /** Bags of a 2-D input: each row one bag of the same length. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null, null);
    }

    /** Bags of a 1-D input starting at {@code offsets} (or of a 2-D input's rows, offsets null). */
    public Tensor forward(Tensor input, Tensor offsets) {
        return forward(input, offsets, null);
    }

    /** As above, each picked row scaled by its entry of {@code perSampleWeights} (input's shape; mode "sum"). */
    public Tensor forward(Tensor input, Tensor offsets, Tensor perSampleWeights) {
        return EmbeddingBags.bag(input, weight, offsets, mode, perSampleWeights, includeLastOffset, paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return num + ", " + dim + ", mode=" + mode + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "");
    }
}

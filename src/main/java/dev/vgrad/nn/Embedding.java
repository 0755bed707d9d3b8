package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/**
 * A lookup table of {@code num} vectors of size {@code dim}, as {@code torch.nn.Embedding}: weight drawn from N(0, 1)
 * as torch's normal_ draws it for a seed; with a padding index, that row is then set to zeros and gets no gradient.
 * Its input is a float tensor of integer indices.
 */
public class Embedding extends Module {
    private final int num, dim;
    /** The padding row (from 0), or -1 for none. */
    private final int paddingIdx;
    /** F.embedding's options: the largest norm a picked row keeps (null: any), the norm's p, gradients by frequency. */
    private final Float maxNorm;
    private final float normType;
    private final boolean scaleGradByFreq;
    /** The table, [num, dim]. */
    public Tensor weight;

    /** From the default generator. */
    public Embedding(int num, int dim) {
        this(num, dim, Generator.defaultGenerator());
    }

    /** From {@code g}. */
    public Embedding(int num, int dim, Generator g) {
        this(num, dim, null, g);
    }

    /**
     * PyTorch's {@code Embedding(num_embeddings, embedding_dim, padding_idx)}, from {@code g}: row paddingIdx
     * (negative: from the end) starts as zeros and gets no gradient from the positions that pick it.
     */
    public Embedding(int num, int dim, int paddingIdx, Generator g) {
        this(num, dim, Integer.valueOf(paddingIdx), g);
    }

    /** As the constructor above, from the default generator. */
    public Embedding(int num, int dim, int paddingIdx) {
        this(num, dim, paddingIdx, Generator.defaultGenerator());
    }

    private Embedding(int num, int dim, Integer paddingIdx, Generator g) {
        this(num, dim, paddingIdx, null, 2f, false, g, null);
    }

    /**
     * PyTorch's {@code Embedding(num_embeddings, embedding_dim, padding_idx, max_norm, norm_type, scale_grad_by_freq)},
     * from {@code g}: with maxNorm (null for none), each row a forward picks is first scaled down in place to that
     * normType-norm; with scaleGradByFreq, the table's gradient at each position is divided by the number of positions
     * in the batch that pick the same row. The padding index may be null.
     */
    public Embedding(int num, int dim, Integer paddingIdx, Float maxNorm, float normType, boolean scaleGradByFreq,
                     Generator g) {
        this(num, dim, paddingIdx, maxNorm, normType, scaleGradByFreq, g, null);
    }

    /**
     * An embedding whose table is {@code embeddings} itself ([num, dim]; its storage shared, not copied), as
     * {@code torch.nn.Embedding.from_pretrained}: frozen (no gradient) unless {@code freeze} is false; the padding
     * row (null for none) keeps its values and gets no gradient.
     */
    public static Embedding fromPretrained(Tensor embeddings, boolean freeze, Integer paddingIdx) {
        if (embeddings.dim() != 2) {
            throw new IllegalArgumentException("Embeddings parameter is expected to be 2-dimensional, got shape "
                    + java.util.Arrays.toString(embeddings.shape()));
        }
        Embedding e = new Embedding(embeddings.size(0), embeddings.size(1), paddingIdx, null, 2f, false, null,
                embeddings.detach());
        e.weight.requiresGrad_(!freeze);
        return e;
    }

    private Embedding(int num, int dim, Integer paddingIdx, Float maxNorm, float normType, boolean scaleGradByFreq,
                      Generator g, Tensor table) {
        if (num <= 0 || dim <= 0) {
            throw new IllegalArgumentException("Embedding needs positive sizes, got num_embeddings=" + num
                    + ", embedding_dim=" + dim);
        }
        if (paddingIdx != null && (paddingIdx >= num || paddingIdx < -num)) {
            throw new IllegalArgumentException("Padding_idx must be within num_embeddings (" + num + "), got "
                    + paddingIdx);
        }
        this.num = num;
        this.dim = dim;
        this.paddingIdx = paddingIdx == null ? -1 : paddingIdx < 0 ? paddingIdx + num : paddingIdx;
        this.maxNorm = maxNorm;
        this.normType = normType;
        this.scaleGradByFreq = scaleGradByFreq;
        this.weight = registerParameter("weight", table != null ? table : Tensor.randn(g, num, dim));
        if (this.paddingIdx >= 0 && table == null) {
            try (var off = GradMode.noGrad()) {
                weight.select(0, this.paddingIdx).zero_();
            }
        }
    }

    @Override
    public Tensor forward(Tensor indices) {
        if (maxNorm != null || scaleGradByFreq) {
            return Functional.embedding(indices, weight, paddingIdx < 0 ? null : paddingIdx, maxNorm, normType,
                    scaleGradByFreq);
        }
        return paddingIdx < 0 ? Functional.embedding(indices, weight)
                : Functional.embedding(indices, weight, paddingIdx);
    }

    /** PyTorch's extra_repr: the sizes, then each option that is not its default. */
    @Override
    protected String extraRepr() {
        return num + ", " + dim + (paddingIdx >= 0 ? ", padding_idx=" + paddingIdx : "")
                + (maxNorm != null ? ", max_norm=" + PythonRepr.pythonFloat(maxNorm) : "")
                + (normType != 2f ? ", norm_type=" + PythonRepr.pythonFloat(normType) : "")
                + (scaleGradByFreq ? ", scale_grad_by_freq=True" : "");
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * The encoder-decoder transformer of "Attention Is All You Need", as {@code torch.nn.Transformer}: an encoder stack
 * with a final LayerNorm over the source, a decoder stack with a final LayerNorm over the target attending to the
 * encoder's output. Built as PyTorch builds it, then every parameter of more than one dimension re-drawn by
 * {@link Init#xavierUniform_} in {@link #parameters()} order, so for a seed the weights equal torch's bit for bit.
 * State-dict names are PyTorch's ({@code encoder.layers.0.self_attn.in_proj_weight}, ..., {@code decoder.norm.bias}).
 */
public class Transformer extends Module {
    /** The encoder: its layers and final norm ("encoder.layers.0...", "encoder.norm"). */
    public final TransformerEncoder encoder;
    /** The decoder: its layers and final norm ("decoder.layers.0...", "decoder.norm"). */
    public final TransformerDecoder decoder;
    private final int dModel;
    private final boolean batchFirst;

    /** PyTorch's defaults: d_model 512, 8 heads, 6 encoder and 6 decoder layers, feed-forward 2048, dropout 0.1. */
    public Transformer() {
        this(512, 8, 6, 6, 2048, 0.1f);
    }

    /** ReLU, LayerNorm eps 1e-5, sequence-first, post-norm, drawn from the default generator. */
    public Transformer(int dModel, int nhead, int numEncoderLayers, int numDecoderLayers, int dimFeedforward,
                       float dropout) {
        this(dModel, nhead, numEncoderLayers, numDecoderLayers, dimFeedforward, dropout, "relu", 1e-5f, false, false,
                Generator.defaultGenerator());
    }

    /**
     * PyTorch's {@code Transformer(d_model, nhead, num_encoder_layers, num_decoder_layers, dim_feedforward, dropout,
     * activation, layer_norm_eps=..., batch_first=..., norm_first=...)}, drawn from {@code g} (dropout masks too).
     */
    public Transformer(int dModel, int nhead, int numEncoderLayers, int numDecoderLayers, int dimFeedforward,
                       float dropout, String activation, float layerNormEps, boolean batchFirst, boolean normFirst,
                       Generator g) {
        this.dModel = dModel;
        this.batchFirst = batchFirst;
        this.encoder = registerModule("encoder", new TransformerEncoder(new TransformerEncoderLayer(dModel, nhead,
                dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, g), numEncoderLayers,
                new LayerNorm(new int[] {dModel}, layerNormEps, true)));
        this.decoder = registerModule("decoder", new TransformerDecoder(new TransformerDecoderLayer(dModel, nhead,
                dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, g), numDecoderLayers,
                new LayerNorm(new int[] {dModel}, layerNormEps, true)));
        try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
            for (Tensor p : parameters()) {
                if (p.dim() > 1) {
                    Init.xavierUniform_(p, 1, g);
                }
            }
        }
    }

    /** Refused: a transformer takes a source and a target; call {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor src) {
        throw new IllegalArgumentException("Transformer needs a source and a target: call forward(src, tgt)");
    }

    /** The target's output, [T, N, E] ([N, T, E] batch-first), attending to the encoded source, without masks. */
    public Tensor forward(Tensor src, Tensor tgt) {
        return forward(src, tgt, null, null, null, null, null, null);
    }

    /**
     * The encoder over src (with srcMask [S, S] and srcKeyPaddingMask [N, S]), then the decoder over tgt (tgtMask
     * [T, T], tgtKeyPaddingMask [N, T]) attending to it (memoryMask [T, S], memoryKeyPaddingMask [N, S]). Masks are
     * additive float masks (0 to keep, -infinity to hide) and each may be null.
     */
    public Tensor forward(Tensor src, Tensor tgt, Tensor srcMask, Tensor tgtMask, Tensor memoryMask,
                          Tensor srcKeyPaddingMask, Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask) {
        boolean batched = src.dim() == 3;
        if (src.dim() != tgt.dim() || (batched && src.size(batchFirst ? 0 : 1) != tgt.size(batchFirst ? 0 : 1))) {
            throw new IllegalArgumentException("Transformer: the batch number of src and tgt must be equal, got src "
                    + Arrays.toString(src.shape()) + " and tgt " + Arrays.toString(tgt.shape())
                    + (batchFirst ? " (batch first)" : " (sequence first)"));
        }
        if (src.size(-1) != dModel || tgt.size(-1) != dModel) {
            throw new IllegalArgumentException("Transformer: the feature number of src and tgt must be equal to d_model "
                    + dModel + ", got src " + Arrays.toString(src.shape()) + " and tgt "
                    + Arrays.toString(tgt.shape()));
        }
        Tensor memory = encoder.call(src, in -> encoder.forward(in, srcMask, srcKeyPaddingMask));
        return decoder.call(tgt, in -> decoder.forward(in, memory, tgtMask, memoryMask, tgtKeyPaddingMask,
                memoryKeyPaddingMask));
    }

    /**
     * A causal mask for a sequence of {@code size}, as {@code Transformer.generate_square_subsequent_mask}: 0 on and
     * below the diagonal, -infinity above, so position i attends to positions up to i.
     */
    public static Tensor generateSquareSubsequentMask(int size) {
        return Tensor.full(Float.NEGATIVE_INFINITY, size, size).triu(1);
    }
}

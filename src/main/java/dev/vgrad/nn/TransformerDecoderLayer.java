package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * One transformer decoder layer, as {@code torch.nn.TransformerDecoderLayer}: self-attention over the target, then
 * attention from the target to the encoder's output (memory), then the feed-forward block, each with a residual and a
 * layer norm (after it by default, before it with normFirst). Submodules and parameter names are PyTorch's, made in
 * its order, so a seeded layer starts from torch's weights for the same seed. Dropout masks are vgrad's own draws.
 */
public class TransformerDecoderLayer extends TransformerLayer {
    /** The target's self-attention. */
    public final MultiheadAttention selfAttn;
    /** The attention from the target to the memory. */
    public final MultiheadAttention multiheadAttn;
    private final Dropout dropout1, dropout2, dropout3;
    private final LayerNorm norm1, norm2, norm3;

    /** ReLU, eps 1e-5, sequence-first, norms after each block, from {@code g}. */
    public TransformerDecoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, Generator g) {
        this(dModel, nhead, dimFeedforward, dropout, "relu", 1e-5f, false, false, g);
    }

    /**
     * PyTorch's {@code TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps,
     * batch_first, norm_first)}, from {@code g} (which also draws the dropout masks).
     */
    public TransformerDecoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, String activation,
                                   float layerNormEps, boolean batchFirst, boolean normFirst, Generator g) {
        this(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, g, g);
    }

    private TransformerDecoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, String activation,
                                    float layerNormEps, boolean batchFirst, boolean normFirst, Generator init,
                                    Generator masks) {
        super(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, masks);
        this.selfAttn = registerModule("self_attn",
                new MultiheadAttention(dModel, nhead, dropout, batchFirst, init, masks));
        this.multiheadAttn = registerModule("multihead_attn",
                new MultiheadAttention(dModel, nhead, dropout, batchFirst, init, masks));
        registerFeedForward(init);
        this.norm1 = registerModule("norm1", norm());
        this.norm2 = registerModule("norm2", norm());
        this.norm3 = registerModule("norm3", norm());
        this.dropout1 = registerModule("dropout1", dropout());
        this.dropout2 = registerModule("dropout2", dropout());
        this.dropout3 = registerModule("dropout3", dropout());
    }

    /** A deep copy with this layer's values and settings, for TransformerDecoder's stack (torch's _get_clones). */
    TransformerDecoderLayer copy() {
        return asCopyOfThis(new TransformerDecoderLayer(dModel, nhead, dimFeedforward, dropoutP, activation(),
                layerNormEps, batchFirst, normFirst, new Generator(0), dropoutGenerator));
    }

    /** Refused: a decoder layer attends to a memory; call {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor tgt) {
        throw new IllegalArgumentException("TransformerDecoderLayer needs the encoder's output: call forward(tgt, "
                + "memory)");
    }

    /** The layer over tgt, attending to memory, without masks. */
    public Tensor forward(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null);
    }

    /**
     * The layer over tgt attending to memory, with additive or 0/1 masks as MultiheadAttention takes them (each may
     * be null): tgtMask [T, T] over the self-attention, memoryMask [T, S] over the cross-attention, and key padding
     * masks [B, T] and [B, S].
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
                          Tensor memoryKeyPaddingMask) {
        Tensor x = tgt;
        // the sublayers' results take their residual sums in place where no hook has seen them (see residual)
        boolean selfUnhooked = attentionUnhooked(selfAttn, dropout1);
        boolean crossUnhooked = attentionUnhooked(multiheadAttn, dropout2);
        boolean feedForwardUnhooked = feedForwardUnhooked(dropout3);
        if (normFirst) {
            x = residual(x, dropout1.call(selfAttention(norm1.call(x), tgtMask, tgtKeyPaddingMask)), selfUnhooked);
            x = residual(x, dropout2.call(crossAttention(norm2.call(x), memory, memoryMask, memoryKeyPaddingMask)),
                    crossUnhooked);
            return residual(x, dropout3.call(feedForward(norm3.call(x))), feedForwardUnhooked);
        }
        x = norm1.call(residual(x, dropout1.call(selfAttention(x, tgtMask, tgtKeyPaddingMask)), selfUnhooked));
        x = norm2.call(residual(x, dropout2.call(crossAttention(x, memory, memoryMask, memoryKeyPaddingMask)),
                crossUnhooked));
        return norm3.call(residual(x, dropout3.call(feedForward(x)), feedForwardUnhooked));
    }

    /**
     * Self-attention over x through the attention module's hooked call (its hooks see x as the input); without hooks
     * straight to forward, sparing the step the lambda.
     */
    private Tensor selfAttention(Tensor x, Tensor mask, Tensor keyPaddingMask) {
        if (!selfAttn.hasHooks()) {
            return selfAttn.forward(x, x, x, keyPaddingMask, mask);
        }
        return selfAttn.call(x, in -> selfAttn.forward(in, in, in, keyPaddingMask, mask));
    }

    /** x attending to memory through the attention module's hooked call (its hooks see x, the query, as the input). */
    private Tensor crossAttention(Tensor x, Tensor memory, Tensor mask, Tensor keyPaddingMask) {
        if (!multiheadAttn.hasHooks()) {
            return multiheadAttn.forward(x, memory, memory, keyPaddingMask, mask);
        }
        return multiheadAttn.call(x, in -> multiheadAttn.forward(in, memory, memory, keyPaddingMask, mask));
    }
}

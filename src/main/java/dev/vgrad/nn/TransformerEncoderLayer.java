package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * A transformer encoder layer, as {@code torch.nn.TransformerEncoderLayer}. Its defaults (ReLU, post-norm,
 * sequence-first [L, N, E]): {@code x = norm1(x + dropout1(selfAttn(x)))}, then
 * {@code x = norm2(x + dropout2(linear2(dropout(relu(linear1(x))))))}; with normFirst (pre-norm)
 * {@code x = x + dropout1(selfAttn(norm1(x)))}, then
 * {@code x = x + dropout2(linear2(dropout(act(linear1(norm2(x))))))};
 * activation "relu" or "gelu"; batchFirst takes [N, L, E]. Submodules are created, and drawn from the generator, in
 * PyTorch's order (the options change none of it), so a seeded layer holds torch's initial values.
 */
public class TransformerEncoderLayer extends TransformerLayer {
    /** The self-attention block. */
    public final MultiheadAttention selfAttn;
    private final Dropout dropout1, dropout2;
    private final LayerNorm norm1, norm2;

    /** From the default generator. */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, float dropout) {
        this(dModel, nhead, dimFeedforward, dropout, Generator.defaultGenerator());
    }

    /** From {@code g} (weights, and dropout's masks). */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, Generator g) {
        this(dModel, nhead, dimFeedforward, dropout, "relu", 1e-5f, false, false, g);
    }

    /**
     * PyTorch's {@code TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps,
     * batch_first, norm_first)}, from the default generator.
     */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, String activation,
                                   float layerNormEps, boolean batchFirst, boolean normFirst) {
        this(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst,
                Generator.defaultGenerator());
    }

    /** As the constructor above, from {@code g}. */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, String activation,
                                   float layerNormEps, boolean batchFirst, boolean normFirst, Generator g) {
        this(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, g, g);
    }

    private TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, String activation,
                                    float layerNormEps, boolean batchFirst, boolean normFirst, Generator init,
                                    Generator masks) {
        super(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, masks);
        this.selfAttn = registerModule("self_attn",
                new MultiheadAttention(dModel, nhead, dropout, batchFirst, init, masks));
        registerFeedForward(init);
        this.norm1 = registerModule("norm1", norm());
        this.norm2 = registerModule("norm2", norm());
        this.dropout1 = registerModule("dropout1", dropout());
        this.dropout2 = registerModule("dropout2", dropout());
    }

    /**
     * A deep copy (torch's copy.deepcopy in TransformerEncoder): the same settings, values, gradient flags and mode;
     * its dropout masks come from this layer's generator.
     */
    TransformerEncoderLayer copy() {
        return asCopyOfThis(new TransformerEncoderLayer(dModel, nhead, dimFeedforward, dropoutP, activation(),
                layerNormEps, batchFirst, normFirst, new Generator(0), dropoutGenerator));
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, null);
    }

    /** The layer with an additive attention mask [L, L] (or null). */
    public Tensor forward(Tensor x, Tensor mask) {
        return forward(x, mask, null);
    }

    /**
     * The layer with an additive attention mask [L, L] and an additive key padding mask [N, L] (either may be null;
     * PyTorch's src_mask and src_key_padding_mask).
     */
    public Tensor forward(Tensor x, Tensor mask, Tensor keyPaddingMask) {
        // the sublayers' results take their residual sums in place where no hook has seen them (see residual)
        boolean attentionUnhooked = attentionUnhooked(selfAttn, dropout1);
        boolean feedForwardUnhooked = feedForwardUnhooked(dropout2);
        if (normFirst) {
            Tensor h = norm1.call(x);
            x = residual(x, dropout1.call(selfAttention(h, mask, keyPaddingMask)), attentionUnhooked);
            return residual(x, dropout2.call(feedForward(norm2.call(x))), feedForwardUnhooked);
        }
        Tensor h = norm1.call(residual(x, dropout1.call(selfAttention(x, mask, keyPaddingMask)), attentionUnhooked));
        return norm2.call(residual(h, dropout2.call(feedForward(h)), feedForwardUnhooked));
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
}

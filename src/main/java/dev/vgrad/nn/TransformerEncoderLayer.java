package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Map;

/**
 * A transformer encoder layer, as {@code torch.nn.TransformerEncoderLayer}. Its defaults (ReLU, post-norm,
 * sequence-first [L, N, E]): {@code x = norm1(x + dropout1(selfAttn(x)))}, then
 * {@code x = norm2(x + dropout2(linear2(dropout(relu(linear1(x))))))}; with normFirst (pre-norm)
 * {@code x = x + dropout1(selfAttn(norm1(x)))}, then
 * {@code x = x + dropout2(linear2(dropout(act(linear1(norm2(x))))))};
 * activation "relu" or "gelu"; batchFirst takes [N, L, E]. Submodules are created, and drawn from the generator, in
 * PyTorch's order (the options change none of it), so a seeded layer holds torch's initial values.
 */
public class TransformerEncoderLayer extends Module {
    /** The self-attention block. */
    public final MultiheadAttention selfAttn;
    private final Linear linear1, linear2;
    private final Dropout dropout, dropout1, dropout2;
    private final LayerNorm norm1, norm2;
    private final boolean gelu, normFirst;
    /** The constructor's arguments, for {@link #copy}. */
    private final int dModel, nhead, dimFeedforward;
    private final float dropoutP, layerNormEps;
    private final boolean batchFirst;
    private final Generator dropoutGenerator;

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

    /** Weights drawn from {@code init}, dropout's masks from {@code masks}. */
    private TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, String activation,
                                    float layerNormEps, boolean batchFirst, boolean normFirst, Generator init,
                                    Generator masks) {
        if (!"relu".equals(activation) && !"gelu".equals(activation)) {
            throw new IllegalArgumentException("activation should be relu/gelu, not " + activation);
        }
        this.gelu = activation.equals("gelu");
        this.normFirst = normFirst;
        this.dModel = dModel;
        this.nhead = nhead;
        this.dimFeedforward = dimFeedforward;
        this.dropoutP = dropout;
        this.layerNormEps = layerNormEps;
        this.batchFirst = batchFirst;
        this.dropoutGenerator = masks;
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, batchFirst, init));
        this.linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, init));
        this.dropout = registerModule("dropout", new Dropout(dropout, masks));
        this.linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, init));
        this.norm1 = registerModule("norm1", new LayerNorm(new int[] {dModel}, layerNormEps, true));
        this.norm2 = registerModule("norm2", new LayerNorm(new int[] {dModel}, layerNormEps, true));
        this.dropout1 = registerModule("dropout1", new Dropout(dropout, masks));
        this.dropout2 = registerModule("dropout2", new Dropout(dropout, masks));
    }

    /**
     * A layer of the same configuration holding copies of this one's parameters and buffers, its dropout drawing from
     * the same generator (as {@code copy.deepcopy} of a torch layer, whose dropout draws from the global one). The
     * copy's construction draws nothing from this layer's generator.
     */
    TransformerEncoderLayer copy() {
        TransformerEncoderLayer c = new TransformerEncoderLayer(dModel, nhead, dimFeedforward, dropoutP,
                gelu ? "gelu" : "relu", layerNormEps, batchFirst, normFirst, new Generator(0), dropoutGenerator);
        c.loadStateDict(stateDict());
        Map<String, Tensor> mine = namedParameters();
        c.namedParameters().forEach((name, p) -> p.requiresGrad_(mine.get(name).requiresGrad()));
        c.train(isTraining());
        return c;
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
        if (normFirst) {
            Tensor h = norm1.forward(x);
            x = x.add(dropout1.forward(selfAttn.forward(h, h, h, keyPaddingMask, mask)));
            return x.add(dropout2.forward(feedForward(norm2.forward(x))));
        }
        Tensor h = norm1.forward(x.add(dropout1.forward(selfAttn.forward(x, x, x, keyPaddingMask, mask))));
        return norm2.forward(h.add(dropout2.forward(feedForward(h))));
    }

    private Tensor feedForward(Tensor x) {
        Tensor hidden = linear1.forward(x);
        return linear2.forward(dropout.forward(gelu ? Functional.gelu(hidden) : hidden.relu()));
    }
}

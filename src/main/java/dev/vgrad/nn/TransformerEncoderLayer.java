package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * A transformer encoder layer, as {@code torch.nn.TransformerEncoderLayer} with its defaults (ReLU, post-norm,
 * sequence-first [L, N, E]): {@code x = norm1(x + dropout1(selfAttn(x)))}, then
 * {@code x = norm2(x + dropout2(linear2(dropout(relu(linear1(x))))))}. Submodules are created, and drawn from the
 * generator, in PyTorch's order, so a seeded layer holds torch's initial values.
 */
public class TransformerEncoderLayer extends Module {
    /** The self-attention block. */
    public final MultiheadAttention selfAttn;
    private final Linear linear1, linear2;
    private final Dropout dropout, dropout1, dropout2;
    private final LayerNorm norm1, norm2;

    /** From the default generator. */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, float dropout) {
        this(dModel, nhead, dimFeedforward, dropout, Generator.defaultGenerator());
    }

    /** From {@code g} (weights, and dropout's masks). */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, float dropout, Generator g) {
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, g));
        this.linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, g));
        this.dropout = registerModule("dropout", new Dropout(dropout, g));
        this.linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, g));
        this.norm1 = registerModule("norm1", new LayerNorm(dModel));
        this.norm2 = registerModule("norm2", new LayerNorm(dModel));
        this.dropout1 = registerModule("dropout1", new Dropout(dropout, g));
        this.dropout2 = registerModule("dropout2", new Dropout(dropout, g));
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** The layer with an additive attention mask [L, L] (or null). */
    public Tensor forward(Tensor x, Tensor mask) {
        Tensor h = norm1.forward(x.add(dropout1.forward(selfAttn.forward(x, x, x, mask))));
        Tensor ff = linear2.forward(dropout.forward(linear1.forward(h).relu()));
        return norm2.forward(h.add(dropout2.forward(ff)));
    }
}

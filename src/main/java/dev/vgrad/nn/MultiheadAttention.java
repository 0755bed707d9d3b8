package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import java.util.List;

/**
 * Multi-head attention, as {@code torch.nn.MultiheadAttention} with bias and, in training, dropout on the attention
 * weights (drawn as PyTorch draws it, from the generator given: torch's masks for a seed): inputs
 * sequence-first [L, N, E] (or [N, L, E] with {@code batchFirst}), or unbatched [L, E]. Initialised in PyTorch's order
 * for a seed: out_proj's weight and bias drawn as a Linear's, then in_proj_weight [3E, E] from xavier_uniform_, both
 * biases set to 0. {@link #forward(Tensor)} is self-attention; {@link #forward(Tensor, Tensor, Tensor, Tensor)} takes
 * query, key, value and an additive mask [L, S] or [N * num_heads, L, S] (or null), and
 * {@link #forward(Tensor, Tensor, Tensor, Tensor, Tensor)} also an additive key padding mask [N, S]; both return the
 * attention output only, and {@link #forwardWithWeights} also the attention weights averaged over heads (PyTorch's
 * need_weights).
 */
public class MultiheadAttention extends Module {
    private final int embedDim, numHeads;
    private final boolean batchFirst;
    /** The probability of dropping an attention weight in training (PyTorch's dropout), and what draws the masks. */
    private final float dropout;
    private final Generator masks;
    /** The stacked query, key and value projections, [3E, E]. */
    public Tensor inProjWeight;
    /** Their biases, [3E]. */
    public Tensor inProjBias;
    /** The output projection. */
    public final Linear outProj;

    /** From the default generator. */
    public MultiheadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, Generator.defaultGenerator());
    }

    /** From {@code g}. */
    public MultiheadAttention(int embedDim, int numHeads, Generator g) {
        this(embedDim, numHeads, false, g);
    }

    /** From the default generator; with {@code batchFirst}, batched inputs are [N, L, E] (PyTorch's batch_first). */
    public MultiheadAttention(int embedDim, int numHeads, boolean batchFirst) {
        this(embedDim, numHeads, batchFirst, Generator.defaultGenerator());
    }

    /** From {@code g}; with {@code batchFirst}, batched inputs and the output are [N, L, E]. */
    public MultiheadAttention(int embedDim, int numHeads, boolean batchFirst, Generator g) {
        this(embedDim, numHeads, 0f, batchFirst, g, g);
    }

    /**
     * PyTorch's {@code MultiheadAttention(embed_dim, num_heads, dropout, batch_first=batchFirst)}: in training each
     * attention weight is dropped with probability {@code dropout} (the rest scaled by 1 / (1 - dropout)); weights and
     * masks from {@code g}.
     */
    public MultiheadAttention(int embedDim, int numHeads, float dropout, boolean batchFirst, Generator g) {
        this(embedDim, numHeads, dropout, batchFirst, g, g);
    }

    /** Weights from {@code init}, dropout masks from {@code masks} (a transformer layer's copies keep their masks'). */
    MultiheadAttention(int embedDim, int numHeads, float dropout, boolean batchFirst, Generator init,
                       Generator masks) {
        if (!(dropout >= 0f && dropout <= 1f)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + dropout);
        }
        this.dropout = dropout;
        this.masks = masks;
        if (embedDim <= 0 || numHeads <= 0 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("embed_dim must be divisible by num_heads, got embed_dim=" + embedDim
                    + ", num_heads=" + numHeads);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.batchFirst = batchFirst;
        Linear out = new Linear(embedDim, embedDim, init);   // PyTorch creates (and draws) out_proj first
        float bound = (float) Math.sqrt(6.0 / (embedDim + 3.0 * embedDim));
        this.inProjWeight = registerParameter("in_proj_weight",
                Init.uniform(init, -bound, bound, 3 * embedDim, embedDim));
        this.inProjBias = registerParameter("in_proj_bias", Tensor.zeros(3 * embedDim));
        this.outProj = registerModule("out_proj", out);
        try (var off = GradMode.noGrad()) {
            out.bias.zero_();
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null);
    }

    /**
     * Attention of query [L, N, E] over key and value [S, N, E] ([N, L, E] and [N, S, E] with batchFirst; unbatched
     * [L, E], [S, E]), with an additive attnMask [L, S] or [N * num_heads, L, S] (or null).
     */
    public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor attnMask) {
        return forward(query, key, value, null, attnMask);
    }

    /**
     * As {@link #forward(Tensor, Tensor, Tensor, Tensor)}, with keyPaddingMask [N, S] ([S] unbatched; or null) added
     * to every head's scores for the keys of its batch element, as PyTorch adds a float key_padding_mask: -inf
     * hides a padded key (a 0/1 mask from a comparison becomes one by {@code maskedFill(pad, -inf)} on zeros).
     */
    public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask) {
        return forward(query, key, value, keyPaddingMask, attnMask, null);
    }

    /**
     * PyTorch's {@code forward(..., need_weights=True)}: [the attention output, the attention weights averaged over
     * the heads, [N, L, S] ([L, S] unbatched; whatever batchFirst says)], differentiable both. The weights come from
     * an explicit softmax of the scores, so this takes the composed path, not the fused one.
     */
    public List<Tensor> forwardWithWeights(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask,
                                           Tensor attnMask) {
        Tensor[] weights = new Tensor[1];
        Tensor out = forward(query, key, value, keyPaddingMask, attnMask, weights);
        return List.of(out, weights[0]);
    }

    /** The output; where {@code weights} is given, the averaged attention weights go into its one element. */
    private Tensor forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask,
                           Tensor[] weights) {
        if (!batchFirst || query.dim() != 3) {   // PyTorch ignores batch_first unbatched
            return attend(query, key, value, keyPaddingMask, attnMask, weights);
        }
        if (query == key && key == value && query.size(2) == embedDim && keyPaddingMask == null
                && packs(weights, attnMask, query.size(1), query.size(0))) {
            // batch-first self-attention as it lies: [N, T, 3E] projections read in place, no transposed copy
            Tensor merged = Tensor.packedSelfAttention(Functional.linear(query, inProjWeight, inProjBias), numHeads,
                    attnMask, false, true);
            return outProj.call(merged);
        }
        // [N, T, E] as [T, N, E] views, one per distinct tensor, so self-attention is still seen as self-attention.
        // Only 3-D ones are turned: a key or value of another rank reaches the shape check as the caller gave it.
        Tensor q = query.transpose(0, 1);
        Tensor k = key == query ? q : key.dim() == 3 ? key.transpose(0, 1) : key;
        Tensor v = value == query ? q : value == key ? k : value.dim() == 3 ? value.transpose(0, 1) : value;
        return attend(q, k, v, keyPaddingMask, attnMask, weights).transpose(0, 1);
    }

    private Tensor attend(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask,
                          Tensor[] weights) {
        boolean unbatched = query.dim() == 2;
        Tensor q = unbatched ? query.unsqueeze(1) : query;
        // One view for a tensor passed three times, so unbatched self-attention is still seen as self-attention.
        Tensor k = key == query ? q : unbatched ? key.unsqueeze(1) : key;
        Tensor v = value == query ? q : value == key ? k : unbatched ? value.unsqueeze(1) : value;
        if (q.dim() != 3 || q.size(2) != embedDim || k.dim() != 3 || v.dim() != 3 || k.size(2) != embedDim
                || v.size(2) != embedDim || k.size(0) != v.size(0) || k.size(1) != q.size(1) || v.size(1) != q.size(1)) {
            String layout = batchFirst && !unbatched ? "[N, L, " + embedDim + "] and key, value [N, S, "
                    : "[L, N, " + embedDim + "] and key, value [S, N, ";
            throw new IllegalArgumentException("MultiheadAttention: expected query " + layout + embedDim + "], got "
                    + Convolution.shape(batchFirst && !unbatched ? query.transpose(0, 1) : query) + ", "
                    + Convolution.shape(batchFirst && !unbatched && key.dim() == 3 ? key.transpose(0, 1) : key) + ", "
                    + Convolution.shape(batchFirst && !unbatched && value.dim() == 3 ? value.transpose(0, 1) : value));
        }
        if (q == k && k == v && !q.isContiguous()) {
            // Self-attention on a strided input (a batch-first sequence transposed to [L, N, E]): one contiguous copy
            // for the three projections, where each would otherwise fold its own copy of the same input.
            q = k = v = q.contiguous();
        }
        int l = q.size(0), s = k.size(0), n = q.size(1), hd = embedDim / numHeads;
        if (attnMask != null && !(attnMask.dim() == 2 && attnMask.size(0) == l && attnMask.size(1) == s)
                && !(attnMask.dim() == 3 && attnMask.size(0) == n * numHeads && attnMask.size(1) == l
                && attnMask.size(2) == s)) {
            throw new IllegalArgumentException("MultiheadAttention: attn_mask must be [L, S] = [" + l + ", " + s
                    + "] or [N * num_heads, L, S] = [" + n * numHeads + ", " + l + ", " + s + "], got "
                    + Convolution.shape(attnMask));
        }
        if (keyPaddingMask != null) {
            attnMask = withKeyPadding(keyPaddingMask, attnMask, unbatched, l, s, n);
        }
        boolean dropping = dropout > 0f && isTraining();
        if (q == k && k == v && packs(weights, attnMask, l, n)) {
            // Self-attention: one projection with the stacked weight, its [L, N, 3E] read head by head in place by
            // one attention node (as PyTorch projects self-attention in one linear): no chunked weights, no head
            // views, and one gradient for the projection, not three slices embedded into zeros.
            Tensor merged = Tensor.packedSelfAttention(Functional.linear(q, inProjWeight, inProjBias), numHeads,
                    attnMask, false);
            Tensor y = outProj.call(merged);
            return unbatched ? y.squeeze(1) : y;
        }
        List<Tensor> w = inProjWeight.chunk(3, 0), b = inProjBias.chunk(3, 0);
        Tensor qh = heads(Functional.linear(q, w.get(0), b.get(0)), l, n, hd);
        Tensor kh = heads(Functional.linear(k, w.get(1), b.get(1)), s, n, hd);
        Tensor vh = heads(Functional.linear(v, w.get(2), b.get(2)), s, n, hd);
        Tensor attended;   // [N*H, L, hd]
        if (weights != null || dropping) {
            Tensor scores = qh.bmm(kh.transpose(1, 2)).mul((float) (1.0 / Math.sqrt(hd)));
            Tensor probabilities = (attnMask == null ? scores : scores.add(attnMask)).softmax(-1);   // [N*H, L, S]
            // PyTorch drops the weights themselves (the ones it returns too), then takes their product with v
            probabilities = Functional.dropout(probabilities, dropout, dropping, masks);
            attended = probabilities.bmm(vh);
            if (weights != null) {
                Tensor averaged = probabilities.reshape(n, numHeads, l, s).mean(1, false);
                weights[0] = unbatched ? averaged.squeeze(0) : averaged;
            }
        } else {
            attended = Functional.scaledDotProductAttention(qh, kh, vh, attnMask, false);
        }
        Tensor merged = attended.transpose(0, 1).reshape(l, n, embedDim);
        Tensor y = outProj.call(merged);
        return unbatched ? y.squeeze(1) : y;
    }

    /**
     * Whether self-attention over l positions of n batch elements takes the packed op: no weights asked for, no
     * dropout drawn, and no mask but a [L, L] one that does not require grad (the node has no edge to it).
     */
    private boolean packs(Tensor[] weights, Tensor attnMask, int l, int n) {
        return weights == null && !(dropout > 0f && isTraining()) && l > 0 && n > 0 && (attnMask == null
                || (attnMask.dim() == 2 && attnMask.size(0) == l && attnMask.size(1) == l
                && !attnMask.requiresGrad()));
    }

    /**
     * attnMask ([L, S], [N*H, L, S] or null) plus keyPaddingMask ([N, S], or [S] unbatched) repeated over heads and
     * queries: one [N*H, L, S] mask, as PyTorch merges the two.
     */
    private Tensor withKeyPadding(Tensor keyPaddingMask, Tensor attnMask, boolean unbatched, int l, int s, int n) {
        boolean fits = unbatched ? keyPaddingMask.dim() == 1 && keyPaddingMask.size(0) == s
                : keyPaddingMask.dim() == 2 && keyPaddingMask.size(0) == n && keyPaddingMask.size(1) == s;
        if (!fits) {
            throw new IllegalArgumentException("MultiheadAttention: key_padding_mask must be " + (unbatched
                    ? "[S] = [" + s + "]" : "[N, S] = [" + n + ", " + s + "]") + ", got "
                    + Convolution.shape(keyPaddingMask));
        }
        Tensor perHead = keyPaddingMask.reshape(n, 1, 1, s).expand(n, numHeads, l, s).reshape(n * numHeads, l, s);
        return attnMask == null ? perHead : perHead.add(attnMask);
    }

    /** [T, N, E] to [N*H, T, hd]: each head of each batch element as one attention problem. */
    private Tensor heads(Tensor x, int t, int n, int hd) {
        return x.reshape(t, n * numHeads, hd).transpose(0, 1);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import java.util.List;

/**
 * Multi-head attention, as {@code torch.nn.MultiheadAttention} with its defaults (bias, no dropout on the weights,
 * sequence-first inputs [L, N, E] or unbatched [L, E]). Initialised in PyTorch's order for a seed: out_proj's
 * weight and bias drawn as a Linear's, then in_proj_weight [3E, E] from xavier_uniform_, both biases set to 0.
 * {@link #forward(Tensor)} is self-attention; {@link #forward(Tensor, Tensor, Tensor, Tensor)} takes query, key,
 * value and an additive mask [L, S] (or null), and returns the attention output only.
 */
public class MultiheadAttention extends Module {
    private final int embedDim, numHeads;
    /** The stacked query, key and value projections, [3E, E]. */
    public final Tensor inProjWeight;
    /** Their biases, [3E]. */
    public final Tensor inProjBias;
    /** The output projection. */
    public final Linear outProj;

    /** From the default generator. */
    public MultiheadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, Generator.defaultGenerator());
    }

    /** From {@code g}. */
    public MultiheadAttention(int embedDim, int numHeads, Generator g) {
        if (embedDim <= 0 || numHeads <= 0 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("embed_dim must be divisible by num_heads, got embed_dim=" + embedDim
                    + ", num_heads=" + numHeads);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        Linear out = new Linear(embedDim, embedDim, g);   // PyTorch creates (and draws) out_proj first
        float bound = (float) Math.sqrt(6.0 / (embedDim + 3.0 * embedDim));
        this.inProjWeight = registerParameter("in_proj_weight", Init.uniform(g, -bound, bound, 3 * embedDim, embedDim));
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

    /** Attention of query [L, N, E] over key and value [S, N, E] (or unbatched [L, E], [S, E]). */
    public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor attnMask) {
        boolean unbatched = query.dim() == 2;
        Tensor q = unbatched ? query.unsqueeze(1) : query;
        // One view for a tensor passed three times, so unbatched self-attention is still seen as self-attention.
        Tensor k = key == query ? q : unbatched ? key.unsqueeze(1) : key;
        Tensor v = value == query ? q : value == key ? k : unbatched ? value.unsqueeze(1) : value;
        if (q.dim() != 3 || q.size(2) != embedDim || k.dim() != 3 || v.dim() != 3 || k.size(2) != embedDim
                || v.size(2) != embedDim || k.size(0) != v.size(0) || k.size(1) != q.size(1) || v.size(1) != q.size(1)) {
            throw new IllegalArgumentException("MultiheadAttention: expected query [L, N, " + embedDim + "] and key, value "
                    + "[S, N, " + embedDim + "], got " + Convolution.shape(query) + ", " + Convolution.shape(key) + ", "
                    + Convolution.shape(value));
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
        if (q == k && k == v && l > 0 && n > 0 && (attnMask == null || (attnMask.dim() == 2 && attnMask.size(0) == l
                && attnMask.size(1) == l && !attnMask.requiresGrad()))) {
            // Self-attention: one projection with the stacked weight, its [L, N, 3E] read head by head in place by
            // one attention node (as PyTorch projects self-attention in one linear): no chunked weights, no head
            // views, and one gradient for the projection, not three slices embedded into zeros.
            Tensor merged = Tensor.packedSelfAttention(Functional.linear(q, inProjWeight, inProjBias), numHeads,
                    attnMask, false);
            Tensor y = outProj.forward(merged);
            return unbatched ? y.squeeze(1) : y;
        }
        List<Tensor> w = inProjWeight.chunk(3, 0), b = inProjBias.chunk(3, 0);
        Tensor qh = heads(Functional.linear(q, w.get(0), b.get(0)), l, n, hd);
        Tensor kh = heads(Functional.linear(k, w.get(1), b.get(1)), s, n, hd);
        Tensor vh = heads(Functional.linear(v, w.get(2), b.get(2)), s, n, hd);
        Tensor attended = Functional.scaledDotProductAttention(qh, kh, vh, attnMask, false);   // [N*H, L, hd]
        Tensor merged = attended.transpose(0, 1).reshape(l, n, embedDim);
        Tensor y = outProj.forward(merged);
        return unbatched ? y.squeeze(1) : y;
    }

    /** [T, N, E] to [N*H, T, hd]: each head of each batch element as one attention problem. */
    private Tensor heads(Tensor x, int t, int n, int hd) {
        return x.reshape(t, n * numHeads, hd).transpose(0, 1);
    }
}

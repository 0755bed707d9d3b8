package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Scaled dot-product attention, softmax(q k^T / sqrt(d) + mask) v: the fused op for batches of 3-D operands (what
 * MultiheadAttention passes), composed from differentiable ops otherwise.
 */
final class Attention {
    private Attention() {}

    /**
     * query [..., L, E], key [..., S, E], value [..., S, Ev] to [..., L, Ev]. attnMask, broadcast to [..., L, S], is
     * added to the scores, as PyTorch's float masks are (put -infinity where a query must not look; vgrad has no bool
     * tensors). isCausal instead hides from each query every key after it.
     */
    static Tensor scaledDotProduct(Tensor query, Tensor key, Tensor value, Tensor attnMask, boolean isCausal) {
        if (query.dim() < 2 || key.dim() < 2 || value.dim() < 2) {
            throw new IllegalArgumentException("scaled_dot_product_attention: query, key and value need at least 2 "
                    + "dimensions, got " + java.util.Arrays.toString(query.shape()) + ", "
                    + java.util.Arrays.toString(key.shape()) + ", " + java.util.Arrays.toString(value.shape()));
        }
        int e = query.size(-1);
        if (key.size(-1) != e || key.size(-2) != value.size(-2)) {
            throw new IllegalArgumentException("scaled_dot_product_attention: expected query [..., L, E], key [..., S, E] "
                    + "and value [..., S, Ev], got " + java.util.Arrays.toString(query.shape()) + ", "
                    + java.util.Arrays.toString(key.shape()) + ", " + java.util.Arrays.toString(value.shape()));
        }
        int l = query.size(-2), s = key.size(-2);
        if (attnMask != null && (attnMask.dim() >= 1 && attnMask.size(-1) != 1 && attnMask.size(-1) != s
                || attnMask.dim() >= 2 && attnMask.size(-2) != 1 && attnMask.size(-2) != l)) {
            throw new IllegalArgumentException("scaled_dot_product_attention: attn_mask " + Convolution.shape(attnMask)
                    + " does not broadcast to the scores [..., L, S] = [..., " + l + ", " + s + "] of query "
                    + java.util.Arrays.toString(query.shape()) + " and key " + java.util.Arrays.toString(key.shape()));
        }
        if (isCausal && attnMask != null) {
            throw new IllegalArgumentException("scaled_dot_product_attention: give attn_mask or is_causal, not both");
        }
        if (fusable(query, key, value, attnMask)) {
            return Tensor.scaledDotProductAttention(query, key, value, attnMask, isCausal);
        }
        Tensor scores = query.matmul(key.transpose(-2, -1)).mul((float) (1.0 / Math.sqrt(e)));
        if (isCausal) {
            Tensor future = Tensor.ones(l, s).triu(1);
            scores = scores.maskedFill(future, Float.NEGATIVE_INFINITY);
        } else if (attnMask != null) {
            scores = scores.add(attnMask);
        }
        return scores.softmax(-1).matmul(value);
    }

    /**
     * Whether the fused op ({@link Tensor#scaledDotProductAttention}) takes these: 3-D operands of one batch, no empty
     * dimension, and no mask or an [L, S] mask that is not differentiated. Anything else is composed here.
     */
    private static boolean fusable(Tensor q, Tensor k, Tensor v, Tensor mask) {
        if (q.dim() != 3 || k.dim() != 3 || v.dim() != 3 || k.size(0) != q.size(0) || v.size(0) != q.size(0)
                || q.numel() == 0 || k.numel() == 0 || v.numel() == 0) {
            return false;
        }
        return mask == null || mask.dim() == 2 && mask.size(0) == q.size(1) && mask.size(1) == k.size(1)
                && !mask.requiresGrad();
    }
}

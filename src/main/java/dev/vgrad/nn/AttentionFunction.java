package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * F.multi_head_attention_forward: multi-head attention with every weight passed in, as PyTorch 1.13 computes it -
 * the packed in-projection (one product for self-attention, one for key and value when they are
 * the same tensor), bias_k and bias_v appended to the keys and values, add_zero_attn's zero key, the masks added to
 * the scores, the query scaled by 1/sqrt(head dim) before the product, in training dropout on the attention weights
 * (drawn as PyTorch's, the weights returned being the dropped ones) - composed of differentiable ops.
 */
final class AttentionFunction {
    private AttentionFunction() {}

    static List<Tensor> forward(Tensor query, Tensor key, Tensor value, int numHeads, Tensor inProjWeight,
                                Tensor inProjBias, Tensor biasK, Tensor biasV, boolean addZeroAttn,
                                Tensor outProjWeight, Tensor outProjBias, Tensor keyPaddingMask, boolean needWeights,
                                Tensor attnMask, boolean averageAttnWeights, float dropoutP, boolean training,
                                dev.vgrad.Generator g) {
        boolean batched = query.dim() == 3;
        Tensor q = batched ? query : query.unsqueeze(1), k = batched ? key : key.unsqueeze(1);
        Tensor v = batched ? value : value.unsqueeze(1);
        Tensor padding = keyPaddingMask == null || batched ? keyPaddingMask : keyPaddingMask.unsqueeze(0);
        int l = q.size(0), n = q.size(1), e = q.size(2);
        if (numHeads <= 0 || e % numHeads != 0 || k.dim() != 3 || v.dim() != 3 || k.size(1) != n || v.size(1) != n
                || k.size(0) != v.size(0) || inProjWeight.dim() != 2 || inProjWeight.size(0) != 3 * e) {
            throw new IllegalArgumentException("multi_head_attention_forward: expected query [L, N, E], key and value "
                    + "[S, N, E'], E divisible by num_heads and in_proj_weight [3E, E], got query "
                    + Arrays.toString(query.shape()) + ", key " + Arrays.toString(key.shape()) + ", value "
                    + Arrays.toString(value.shape()) + ", num_heads " + numHeads + ", in_proj_weight "
                    + Arrays.toString(inProjWeight.shape()));
        }
        if ((biasK == null) != (biasV == null)) {
            throw new IllegalArgumentException("multi_head_attention_forward: bias_k and bias_v go together, got "
                    + (biasK == null ? "bias_v" : "bias_k") + " alone");
        }
        int hd = e / numHeads;
        Tensor[] qkv = projected(query == key && key == value, key == value, q, k, v, inProjWeight, inProjBias);
        Tensor mask = attnMask == null ? null : attnMask.dim() == 2 ? attnMask.unsqueeze(0) : attnMask;
        Tensor pk = qkv[1], pv = qkv[2];
        if (biasK != null) {
            pk = Tensor.cat(List.of(pk, biasK.repeat(1, n, 1)), 0);
            pv = Tensor.cat(List.of(pv, biasV.repeat(1, n, 1)), 0);
            mask = mask == null ? null : Functional.pad(mask, new int[] {0, 1}, "constant", 0f);
            padding = padding == null ? null : Functional.pad(padding, new int[] {0, 1}, "constant", 0f);
        }
        Tensor qh = heads(qkv[0], numHeads, hd), kh = heads(pk, numHeads, hd), vh = heads(pv, numHeads, hd);
        if (addZeroAttn) {
            kh = Tensor.cat(List.of(kh, Tensor.zeros(n * numHeads, 1, hd)), 1);
            vh = Tensor.cat(List.of(vh, Tensor.zeros(n * numHeads, 1, hd)), 1);
            mask = mask == null ? null : Functional.pad(mask, new int[] {0, 1}, "constant", 0f);
            padding = padding == null ? null : Functional.pad(padding, new int[] {0, 1}, "constant", 0f);
        }
        int s = kh.size(1);
        if (padding != null) {
            if (padding.dim() != 2 || padding.size(0) != n || padding.size(1) != s) {
                throw new IllegalArgumentException("multi_head_attention_forward: expecting key_padding_mask shape of ["
                        + n + ", " + s + "], but got " + Arrays.toString(padding.shape()));
            }
            Tensor perHead = padding.reshape(n, 1, 1, s).expand(n, numHeads, 1, s).reshape(n * numHeads, 1, s);
            mask = mask == null ? perHead : mask.add(perHead);
        }
        Tensor scaled = qh.div((float) Math.sqrt(hd));
        Tensor scores = mask == null ? scaled.bmm(kh.transpose(-2, -1))
                : mask.add(scaled.bmm(kh.transpose(-2, -1)));
        Tensor weights = Functional.dropout(scores.softmax(-1), dropoutP, training && dropoutP > 0f, g);
        Tensor attended = weights.bmm(vh).transpose(0, 1).reshape(l * n, e);
        Tensor out = Functional.linear(attended, outProjWeight, outProjBias).reshape(l, n, -1);
        Tensor perHeadWeights = weights.reshape(n, numHeads, l, s);
        Tensor returned = !needWeights ? null
                : averageAttnWeights ? perHeadWeights.sum(1, false).div((float) numHeads) : perHeadWeights;
        if (!batched) {
            out = out.squeeze(1);
            returned = returned == null ? null : returned.squeeze(0);
        }
        return Arrays.asList(out, returned);
    }

    /** PyTorch's _in_projection_packed: [q, k, v] projected by the stacked weight, shared products where it can. */
    private static Tensor[] projected(boolean self, boolean keyIsValue, Tensor q, Tensor k, Tensor v, Tensor w,
                                      Tensor b) {
        if (self) {
            List<Tensor> all = Functional.linear(q, w, b).chunk(3, -1);
            return new Tensor[] {all.get(0), all.get(1), all.get(2)};
        }
        int e = q.size(2);
        Tensor bq = b == null ? null : b.narrow(0, 0, e);
        Tensor pq = Functional.linear(q, w.narrow(0, 0, e), bq);
        if (keyIsValue) {
            List<Tensor> kv = Functional.linear(k, w.narrow(0, e, 2 * e), b == null ? null : b.narrow(0, e, 2 * e))
                    .chunk(2, -1);
            return new Tensor[] {pq, kv.get(0), kv.get(1)};
        }
        return new Tensor[] {pq, Functional.linear(k, w.narrow(0, e, e), b == null ? null : b.narrow(0, e, e)),
                Functional.linear(v, w.narrow(0, 2 * e, e), b == null ? null : b.narrow(0, 2 * e, e))};
    }

    /** [T, N, E] to [N*H, T, hd]. */
    private static Tensor heads(Tensor x, int numHeads, int hd) {
        return x.reshape(x.size(0), x.size(1) * numHeads, hd).transpose(0, 1);
    }
}

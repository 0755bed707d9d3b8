package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.Sgemm;
import dev.vgrad.kernels.UnaryOp;

/**
 * Scaled dot-product attention over batches of 3-D operands as one op: per batch element, the scores
 * {@code scale * q k^T} (scale folded into the product), the mask added (or the causal triangle filled with
 * -infinity), softmax by rows in place, then times v, with the probabilities kept for backward. Backward is one node
 * too: {@code dv = P^T g}, {@code dP = g v^T}, {@code dS = P (dP - rowsum(dP P))}, {@code dq = scale dS k},
 * {@code dk = scale dS^T q}, each product an SGEMM on the operands' own storage through the transpose flags. Composed,
 * the same attention was six nodes forward and their rules' intermediates backward.
 *
 * <p>Batch elements are independent and split between threads whole, so the bits do not depend on the thread count.
 * Under createGraph the backward rule recomputes P from the saved operands with recorded ops and spells the same
 * formulas in them, so attention stays differentiable to any order.
 */
final class FusedAttention {
    private FusedAttention() {}

    /**
     * q [B, L, E], k [B, S, E], v [B, S, Ev] (checked by the caller) to [B, L, Ev]. mask is null or [L, S] and
     * not recorded; causal hides every key after its query.
     */
    static Tensor attend(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        int batch = q.shape[0], l = q.shape[1], s = k.shape[1], e = q.shape[2], ev = v.shape[2];
        float scale = (float) (1.0 / Math.sqrt(e));
        Tensor qd = rowMajorLast(q), kd = rowMajorLast(k), vd = rowMajorLast(v), md = Compute.dense(mask);
        Tensor probs = Tensor.empty(new int[] {batch, l, s}, "attention");
        Tensor out = laidOutLike(q, batch, l, ev, "attention");
        float[] p = probs.array(), o = out.array();
        int parts = Parallel.partsFor((long) batch * l * s * (e + ev));
        Parallel.forRanges(batch, parts, (from, to) -> {
            for (int b = from; b < to; b++) {
                int pb = probs.offset + b * l * s;
                Sgemm.sgemm(false, true, l, s, e, scale, qd.array(), qd.offset + b * qd.stride[0], qd.stride[1],
                        kd.array(), kd.offset + b * kd.stride[0], kd.stride[1], 0f, p, pb, s);
                for (int i = 0; i < l; i++) {
                    int row = pb + i * s;
                    if (causal && i + 1 < s) {
                        java.util.Arrays.fill(p, row + i + 1, row + s, Float.NEGATIVE_INFINITY);
                    } else if (md != null) {
                        Elementwise.binary(BinaryOp.ADD, s, p, row, 1, md.array(), md.offset + i * s, 1, p, row, 1);
                    }
                    Softmax.row(p, row, p, row, s, 1, false);
                }
                Sgemm.sgemm(false, false, l, ev, s, 1f, p, pb, s, vd.array(), vd.offset + b * vd.stride[0],
                        vd.stride[1], 0f, o, out.offset + b * out.stride[0], out.stride[1]);
            }
        });
        if (!Graph.recording(q, k, v)) {
            return out;
        }
        out.setGradFn(new Node("ScaledDotProductAttentionBackward0", q, k, v) {
            private final SavedTensor sq = save(q), sk = save(k), sv = save(v), sp = save(probs);
            private final SavedTensor sm = mask == null ? null : save(mask);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor qs = sq.get(), ks = sk.get(), vs = sv.get(), ps = sp.get();
                Tensor[] grads = GradMode.isEnabled()
                        ? composedBackward(g, qs, ks, vs, sm == null ? null : sm.get(), causal, scale)
                        : fusedBackward(g, qs, ks, vs, ps, scale);
                for (int i = 0; i < 3; i++) {
                    grads[i] = needsGrad(i) ? grads[i] : null;
                }
                return grads;
            }
        });
        return out;
    }

    /**
     * A new [b, rows, cols] tensor laid out as {@code like} is: position-major ([rows, b, cols] in memory, strides
     * [cols, b cols, 1]) when like's batch dimension is the inner of its first two, else contiguous. PyTorch's CPU
     * attention likewise follows the query's layout. MultiheadAttention's heads are transposed views of [T, N*H, hd]:
     * with its result (and the gradients of q, k, v) in that layout, the transposes and reshapes around the op are
     * views both ways, where contiguous results made each of them a copy.
     */
    private static Tensor laidOutLike(Tensor like, int b, int rows, int cols, String madeBy) {
        int[] shape = {b, rows, cols};
        if (b <= 1 || rows <= 1 || like.stride[0] >= like.stride[1]) {
            return Tensor.empty(shape, madeBy);
        }
        return new Tensor(dev.vgrad.memory.Storage.allocate(b * rows * cols, madeBy), 0, shape,
                new int[] {cols, b * cols, 1}, null);
    }

    /** x itself when its last dimension is contiguous (rows readable by SGEMM), else a contiguous copy. */
    private static Tensor rowMajorLast(Tensor x) {
        return x.stride[2] == 1 || x.shape[2] <= 1 ? x : Compute.copy(x);
    }

    /** The gradients as the kernels compute them, from the probabilities saved at forward. */
    private static Tensor[] fusedBackward(Tensor g, Tensor q, Tensor k, Tensor v, Tensor probs, float scale) {
        int batch = q.shape[0], l = q.shape[1], s = k.shape[1], e = q.shape[2], ev = v.shape[2];
        Tensor gd = rowMajorLast(g), qd = rowMajorLast(q), kd = rowMajorLast(k), vd = rowMajorLast(v);
        Tensor dq = laidOutLike(q, batch, l, e, "attention_backward");
        Tensor dk = laidOutLike(k, batch, s, e, "attention_backward");
        Tensor dv = laidOutLike(v, batch, s, ev, "attention_backward");
        Tensor dScores = Tensor.empty(new int[] {batch, l, s}, "attention_backward");
        float[] p = probs.array(), ds = dScores.array(), gs = gd.array();
        int parts = Parallel.partsFor((long) batch * l * s * (2 * e + 2 * ev));
        Parallel.forRanges(batch, parts, (from, to) -> {
            for (int b = from; b < to; b++) {
                int pb = probs.offset + b * l * s, db = dScores.offset + b * l * s, gb = gd.offset + b * gd.stride[0];
                int ldg = gd.stride[1];
                int qb = qd.offset + b * qd.stride[0], kb = kd.offset + b * kd.stride[0], vb = vd.offset + b * vd.stride[0];
                Sgemm.sgemm(true, false, s, ev, l, 1f, p, pb, s, gs, gb, ldg, 0f, dv.array(), dv.offset + b * dv.stride[0],
                        dv.stride[1]);
                Sgemm.sgemm(false, true, l, s, ev, 1f, gs, gb, ldg, vd.array(), vb, vd.stride[1], 0f, ds, db, s);
                for (int i = 0; i < l; i++) {
                    int pr = pb + i * s, dr = db + i * s;
                    float dot = Reductions.dot(s, ds, dr, 1, p, pr, 1);
                    Elementwise.unary(UnaryOp.ADD_SCALAR, -dot, 0f, s, ds, dr, 1, ds, dr, 1);
                    Elementwise.binary(BinaryOp.MUL, s, ds, dr, 1, p, pr, 1, ds, dr, 1);
                }
                Sgemm.sgemm(false, false, l, e, s, scale, ds, db, s, kd.array(), kb, kd.stride[1], 0f, dq.array(),
                        dq.offset + b * dq.stride[0], dq.stride[1]);
                Sgemm.sgemm(true, false, s, e, l, scale, ds, db, s, qd.array(), qb, qd.stride[1], 0f, dk.array(),
                        dk.offset + b * dk.stride[0], dk.stride[1]);
            }
        });
        return new Tensor[] {dq, dk, dv};
    }

    /** The same gradients as recorded ops, P recomputed from q and k, so that they differentiate again. */
    private static Tensor[] composedBackward(Tensor g, Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal,
                                             float scale) {
        Tensor scores = q.matmul(k.transpose(-2, -1)).mul(scale);
        if (causal) {
            scores = scores.maskedFill(Tensor.ones(q.shape[1], k.shape[1]).triu(1), Float.NEGATIVE_INFINITY);
        } else if (mask != null) {
            scores = scores.add(mask);
        }
        Tensor p = scores.softmax(-1);
        Tensor dv = p.transpose(-2, -1).matmul(g);
        Tensor dp = g.matmul(v.transpose(-2, -1));
        Tensor ds = p.mul(dp.sub(dp.mul(p).sum(-1, true)));
        return new Tensor[] {ds.matmul(k).mul(scale), ds.transpose(-2, -1).matmul(q).mul(scale), dv};
    }
}

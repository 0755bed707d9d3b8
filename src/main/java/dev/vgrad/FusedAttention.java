package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.Sgemm;
import dev.vgrad.kernels.SoftmaxRows;

/**
 * Scaled dot-product attention over batches of 3-D operands as one op: per batch element, the scores
 * {@code scale * q k^T} (scale folded into the product), the mask added (or the causal triangle filled with
 * -infinity), softmax by rows in place, then times v, with the probabilities kept for backward. Backward is one node
 * too: {@code dv = P^T g}, {@code dP = g v^T}, {@code dS = P (dP - rowsum(dP P))}, {@code dq = scale dS k},
 * {@code dk = scale dS^T q}, each product an SGEMM on the operands' own storage through the transpose flags. Composed,
 * the same attention was six nodes forward and their rules' intermediates backward.
 *
 * <p>Where every key after its query is hidden (causal, or a mask with -infinity above the diagonal, as
 * TransformerEncoderLayer's callers pass one), row i of the probabilities is 0 past i, and the pass works on bands of
 * rows that stop (or, transposed, start) where those zeros begin: at 64 positions a third of the products' and the
 * softmax's work is left out, towards half at longer ones.
 *
 * <p>Batch elements are independent and split between threads whole, so the bits do not depend on the thread count.
 * Under createGraph the backward rule recomputes P from the saved operands with recorded ops and spells the same
 * formulas in them, so attention stays differentiable to any order.
 */
final class FusedAttention {
    /**
     * Rows of a lower-triangular attention (see {@link #lowerForward}) whose softmax and products with v, k and q go
     * together, reaching as far as their last row: a multiple of 16, so that softmax rows stay whole 16-lane vectors
     * and pairs. Bands of 8, 16 and 32 rows measured 7.0, 7.1 and 7.6 ms for a causal layer's attention forward
     * and backward (64 positions, batch 64, 4 heads of 32; before softmax rows were cut at the band's reach, which
     * took the 16-row bands to 6.4-6.6), the dense pass 8.1-8.3 (Intel Xeon, family 6 model 167, one thread,
     * 2026-12-06).
     */
    private static final int BAND = 16;
    /**
     * Rows of the score products' bands (q k^T forward, g v^T backward), a multiple of {@link #BAND}: each band's
     * product packs the rows of k or v it reaches, so short bands pack the same rows again. Bands of 16, 32 and 64
     * rows (64: one product) measured 7.9-8.1, 6.4-6.6 and 6.7-7.7 ms for the attention above (same machine).
     */
    private static final int SCORE_BAND = 32;

    private FusedAttention() {}

    /**
     * Whether mask md ([l, s], dense, or null) hides every key after its query: -infinity at every j > i, as a
     * causal mask made with triu(1) is. Checked once a call: l (s - 1) / 2 floats at most, stopping at the first
     * that is not.
     */
    private static boolean hidesLaterKeys(Tensor md, int l, int s) {
        if (md == null) {
            return false;
        }
        float[] m = md.array();
        for (int i = 0; i < l; i++) {
            for (int j = md.offset + i * s + i + 1, end = md.offset + (i + 1) * s; j < end; j++) {
                if (m[j] != Float.NEGATIVE_INFINITY) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * q [B, L, E], k [B, S, E], v [B, S, Ev] (checked by the caller) to [B, L, Ev]. mask is null or [L, S] and
     * not recorded; causal hides every key after its query.
     */
    static Tensor attend(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        int batch = q.shape[0], l = q.shape[1], s = k.shape[1], e = q.shape[2], ev = v.shape[2];
        float scale = (float) (1.0 / Math.sqrt(e));
        Tensor qd = rowMajorLast(q), kd = rowMajorLast(k), vd = rowMajorLast(v);
        Tensor probs = Tensor.empty(Shapes.of(batch, l, s), "attention");
        Tensor out = laidOutLike(q, batch, l, ev, "attention");
        Tensor md = Compute.dense(mask);
        boolean lower = causal || hidesLaterKeys(md, l, s);
        forward(batch, 1, l, s, e, ev, scale, PLAIN, qd, kd, vd, md, causal, lower, probs, out);
        if (!Graph.recording(q, k, v)) {
            return out;
        }
        out.setGradFn(new Node("ScaledDotProductAttentionBackward0", q, k, v) {
            private final SavedTensor sq = save(q), sk = save(k), sv = save(v), sp = save(probs);
            private final SavedTensor sm = mask == null ? null : save(mask);

            @Override
            protected boolean keepsNoGradients() {
                return true;
            }

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor qs = sq.get(), ks = sk.get(), vs = sv.get(), ps = sp.get();
                Tensor[] grads = GradMode.isEnabled()
                        ? composedBackward(g, qs, ks, vs, sm == null ? null : sm.get(), causal, scale)
                        : fusedBackward(g, qs, ks, vs, ps, scale, lower);
                for (int i = 0; i < 3; i++) {
                    grads[i] = needsGrad(i) ? grads[i] : null;
                }
                return grads;
            }
        });
        return out;
    }

    /**
     * Self-attention of packed projections: qkv [T, N, 3E], contiguous, holds each position's query, key and value
     * side by side (as one in-projection linear makes them), each E = heads * hd wide; the result is [T, N, E] with the
     * heads merged (MultiheadAttention's layout before its output projection). Head h of batch element n reads columns
     * [h hd, (h+1) hd) of each third in place, so no narrow, reshape or transpose is recorded around it, and backward
     * writes dq, dk and dv into one [T, N, 3E] gradient: a single edge, no embedding of three slices into zeros.
     * mask is null or [T, T] and not recorded. With batchFirst, qkv is [N, T, 3E] and the result [N, T, E]: a batch
     * element's rows lie together, 3E floats apart, where sequence-first puts them N 3E apart.
     */
    static Tensor attendPacked(Tensor qkv, int heads, Tensor mask, boolean causal, boolean batchFirst) {
        int t = qkv.shape[batchFirst ? 1 : 0], n = qkv.shape[batchFirst ? 0 : 1], width = qkv.shape[2] / 3;
        int hd = width / heads;
        float scale = (float) (1.0 / Math.sqrt(hd));
        Tensor probs = Tensor.empty(Shapes.of(n * heads, t, t), "attention");
        Tensor out = Tensor.empty(batchFirst ? Shapes.of(n, t, width) : Shapes.of(t, n, width), "attention");
        Tensor md = Compute.dense(mask);
        boolean lower = causal || hidesLaterKeys(md, t, t);
        forward(n * heads, heads, t, t, hd, hd, scale, packing(batchFirst), qkv, qkv, qkv, md, causal, lower, probs,
                out);
        if (!Graph.recording(qkv)) {
            return out;
        }
        out.setGradFn(new Node("PackedSelfAttentionBackward0", qkv) {
            private final SavedTensor sx = save(qkv), sp = save(probs);
            private final SavedTensor sm = mask == null ? null : save(mask);

            @Override
            protected boolean keepsNoGradients() {
                return true;
            }

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor x = sx.get(), ps = sp.get();
                if (GradMode.isEnabled()) {
                    return grads(composedPackedBackward(g, x, heads, sm == null ? null : sm.get(), causal,
                            scale, batchFirst));
                }
                Tensor gd = Compute.dense(g);
                Tensor dx = Tensor.empty(x.shape, "attention_backward");
                backward(n * heads, heads, t, t, hd, hd, scale, packing(batchFirst), lower, x, x, x, ps, gd, dx, dx,
                        dx);
                return grads(dx);
            }
        });
        return out;
    }

    /** How a call's operands lie: separate 3-D tensors, or packed qkv sequence-first or batch-first. */
    private static final int PLAIN = 0, PACKED = 1, PACKED_BATCH_FIRST = 2;

    private static int packing(boolean batchFirst) {
        return batchFirst ? PACKED_BATCH_FIRST : PACKED;
    }

    /**
     * Where one batch element's matrix of an operand starts, and its row stride. Batch element b is (b / heads,
     * b % heads): an outer index and a head, each with its own stride (heads 1: one stride, a 3-D operand).
     */
    private record Rows(float[] data, int base, int perOuter, int perHead, int ld) {
        int at(int b, int heads) {
            return base + (b / heads) * perOuter + (b % heads) * perHead;
        }
    }

    /**
     * Operand {@code which} (0 q, 1 k, 2 v, 3 the output or its gradient) of a packed call or of a plain one. Packed: x
     * is qkv [T, N, 3E] ([N, T, 3E] batch-first), third {@code which} read head by head, or (3) the merged [T, N, E]
     * ([N, T, E]), head h of batch element n at columns [h hd, (h+1) hd). Plain: x is 3-D with its last dimension
     * contiguous (or of size 1), batch element b at b stride[0]. Made in the method that reads it, once a batch
     * element, which C2 then keeps in registers: records made per call and captured were a twentieth of the character
     * transformer's step allocation, and records passed down to a method C2 did not inline escaped (see {@link
     * #denseForward}).
     */
    private static Rows operand(Tensor x, int which, int packing, int heads, int hd) {
        if (packing == PLAIN) {
            return new Rows(x.array(), x.offset, x.stride[0], 0, x.stride[1]);
        }
        int base = which < 3 ? x.offset + which * heads * hd : x.offset, row = x.shape[2];
        return packing == PACKED ? new Rows(x.array(), base, row, hd, x.shape[1] * row)
                : new Rows(x.array(), base, x.shape[1] * row, hd, row);
    }

    /**
     * One forward or backward call's operands, run over ranges of batch elements. One per thread, reused from call to
     * call (the capturing lambdas it replaces were 300 bytes of the character transformer's step); a new one only
     * when the thread's own is still in use.
     */
    private static final class Pass implements Parallel.RangeConsumer {
        static final ThreadLocal<Pass> MINE = ThreadLocal.withInitial(Pass::new);
        /** Whether every key after its query is hidden: see {@link #lowerForward}. */
        boolean lower;
        boolean busy, backward, causal;
        /** {@link #PLAIN}, {@link #PACKED} or {@link #PACKED_BATCH_FIRST}. */
        int packing;
        /** Batch elements in each part of a backward call but perhaps the last: a part's dS is at from / perPart. */
        int perPart;
        int heads, l, s, e, ev;
        float scale;
        /** q, k, v; the mask (forward); the output (forward) or its gradient (backward); the saved probabilities. */
        Tensor q, k, v, mask, out, probs;
        /** Backward's gradients of q, k, v, and dS's buffer. */
        Tensor dq, dk, dv;
        float[] ds;

        static Pass take(int heads, int l, int s, int e, int ev, float scale, int packing, Tensor q, Tensor k,
                         Tensor v, Tensor probs) {
            Pass mine = MINE.get();
            Pass p = mine.busy ? new Pass() : mine;
            p.busy = true;
            p.heads = heads;
            p.l = l;
            p.s = s;
            p.e = e;
            p.ev = ev;
            p.scale = scale;
            p.packing = packing;
            p.q = q;
            p.k = k;
            p.v = v;
            p.probs = probs;
            return p;
        }

        /** Drops every reference, so that no tensor of this call outlives it. */
        void release() {
            q = k = v = mask = out = probs = dq = dk = dv = null;
            ds = null;
            busy = false;
        }

        @Override
        public void accept(int from, int to) {
            if (backward) {
                backwardRange(this, from, to);
            } else {
                forwardRange(this, from, to);
            }
        }
    }

    /**
     * The forward pass for every batch element: scores {@code scale q k^T} into probs (contiguous [batch, l, s]),
     * the mask or the causal triangle, softmax by rows in place, then {@code P v} into out. Batch elements are split
     * between threads whole.
     */
    private static void forward(int batch, int heads, int l, int s, int e, int ev, float scale, int packing,
                                Tensor qx, Tensor kx, Tensor vx, Tensor md, boolean causal, boolean lower, Tensor probs,
                                Tensor outx) {
        Pass pass = Pass.take(heads, l, s, e, ev, scale, packing, qx, kx, vx, probs);
        pass.backward = false;
        pass.lower = lower;
        pass.mask = md;
        pass.causal = causal;
        pass.out = outx;
        try {
            Parallel.forRanges(batch, Parallel.partsFor((long) batch * l * s * (e + ev)), pass);
        } finally {
            pass.release();
        }
    }

    /** {@link #forward} for batch elements [from, to). */
    private static void forwardRange(Pass c, int from, int to) {
        for (int b = from; b < to; b++) {
            if (c.packing == PACKED && (b == from || b % c.heads == 0)) {
                touchRows(c.q, b / c.heads, c.l);
            }
            int pb = c.probs.offset + b * c.l * c.s;
            if (c.lower) {
                lowerForward(c, b, pb);
            } else {
                denseForward(c, b, pb);
            }
        }
    }

    /**
     * The forward pass of batch element b: scores, softmax over whole rows, then times v. Its operands' {@link Rows}
     * are made here, in the method that reads them (as in lowerForward and elementBackward): made by the range's loop
     * and passed to a method C2 did not inline, they escaped, 4 objects a forward and 7 a backward call (a thread's
     * allocation counter around the character transformer's step: 7.9 KB with them, 7.6 KB without; Intel Xeon,
     * 2026-12-06).
     */
    private static void denseForward(Pass c, int b, int pb) {
        int heads = c.heads, l = c.l, s = c.s;
        float[] p = c.probs.array();
        Rows q = operand(c.q, 0, c.packing, heads, c.e), k = operand(c.k, 1, c.packing, heads, c.e);
        Rows v = operand(c.v, 2, c.packing, heads, c.ev), out = operand(c.out, 3, c.packing, heads, c.ev);
        Sgemm.sgemm(false, true, l, s, c.e, c.scale, q.data(), q.at(b, heads), q.ld(), k.data(), k.at(b, heads),
                k.ld(), 0f, p, pb, s);
        softmaxRows(c, 0, l, s, pb);
        Sgemm.sgemm(false, false, l, c.ev, s, 1f, p, pb, s, v.data(), v.at(b, heads), v.ld(), 0f, out.data(),
                out.at(b, heads), out.ld());
    }

    /**
     * Softmax of score rows [from, to) of the block at pb over their first n floats: the mask added (two rows at once
     * where vectors allow), or the causal triangle, or neither.
     */
    private static void softmaxRows(Pass c, int from, int to, int n, int pb) {
        float[] p = c.probs.array();
        int s = c.s;
        if (c.mask != null && !c.causal) {
            // each row's mask added in the pass that takes its maximum, then Softmax.row's steps
            SoftmaxRows.maskedRows(to - from, n, s, p, pb + from * s, c.mask.array(), c.mask.offset + from * s, s);
            return;
        }
        for (int i = from; i < to; i++) {
            int row = pb + i * s;
            if (c.causal && i + 1 < n) {
                java.util.Arrays.fill(p, row + i + 1, row + n, Float.NEGATIVE_INFINITY);
            }
            Softmax.row(p, row, p, row, n, 1, false);
        }
    }

    /**
     * The forward pass of batch element b where every key after its query is hidden ({@link Pass#lower}): row i's
     * probabilities past i are 0, so each band of {@link #BAND} rows multiplies only the columns its last row reaches
     * (in blocks of {@link #SCORE_BAND} rows for the scores), and its softmax rows stop there too, the rest of each row
     * set to 0. The products skip only terms that are 0 at the end of each sum, and give the dense pass's bits; a
     * softmax sum over fewer vectors groups them otherwise, so probabilities can differ from the dense pass's in the
     * last place. A NaN or infinity in q or k reaches only the outputs and gradients that depend on it: the dense
     * pass also spreads it through the hidden keys' zeros (0 times NaN), as PyTorch 1.13's does.
     */
    private static void lowerForward(Pass c, int b, int pb) {
        int heads = c.heads, l = c.l, s = c.s, e = c.e, ev = c.ev;
        float[] p = c.probs.array();
        Rows q = operand(c.q, 0, c.packing, heads, e), k = operand(c.k, 1, c.packing, heads, e);
        Rows v = operand(c.v, 2, c.packing, heads, ev), out = operand(c.out, 3, c.packing, heads, ev);
        for (int i0 = 0; i0 < l; i0 += SCORE_BAND) {
            int rows = Math.min(SCORE_BAND, l - i0), cols = reach(i0, rows, s);
            Sgemm.sgemm(false, true, rows, cols, e, c.scale, q.data(), q.at(b, heads) + i0 * q.ld(), q.ld(), k.data(),
                    k.at(b, heads), k.ld(), 0f, p, pb + i0 * s, s);
        }
        for (int i0 = 0; i0 < l; i0 += BAND) {
            int rows = Math.min(BAND, l - i0), n = reach(i0, rows, s);
            softmaxRows(c, i0, i0 + rows, n, pb);
            for (int i = i0; i < i0 + rows; i++) {
                java.util.Arrays.fill(p, pb + i * s + n, pb + (i + 1) * s, 0f);
            }
            Sgemm.sgemm(false, false, rows, ev, n, 1f, p, pb + i0 * s, s, v.data(), v.at(b, heads), v.ld(), 0f,
                    out.data(), out.at(b, heads) + i0 * out.ld(), out.ld());
        }
    }

    /** Columns that rows [i0, i0 + rows) of a lower-triangular attention reach: up to the last row's own, at most s. */
    private static int reach(int i0, int rows, int s) {
        return Math.min(s, i0 + rows);
    }

    /**
     * The backward pass for every batch element from the probabilities saved at forward: {@code dv = P^T g},
     * {@code dP = g v^T}, {@code dS = P (dP - rowsum(dP P))}, {@code dq = scale dS k}, {@code dk = scale dS^T q}.
     */
    private static void backward(int batch, int heads, int l, int s, int e, int ev, float scale, int packing,
                                 boolean lower, Tensor qx, Tensor kx, Tensor vx, Tensor probs, Tensor gx, Tensor dqx,
                                 Tensor dkx, Tensor dvx) {
        Pass pass = Pass.take(heads, l, s, e, ev, scale, packing, qx, kx, vx, probs);
        pass.backward = true;
        pass.lower = lower;
        pass.out = gx;
        pass.dq = dqx;
        pass.dk = dkx;
        pass.dv = dvx;
        int parts = Math.max(1, Math.min(batch, Parallel.partsFor((long) batch * l * s * (2 * e + 2 * ev))));
        pass.perPart = (batch + parts - 1) / parts;
        // dS, one matrix a part, reused batch element after batch element: a buffer with no tensor around it
        pass.ds = dev.vgrad.memory.Storage.allocate((batch + pass.perPart - 1) / pass.perPart * l * s,
                "attention_backward").array();
        try {
            Parallel.forRanges(batch, parts, pass);
        } finally {
            pass.release();
        }
    }

    /** {@link #backward} for batch elements [from, to). */
    private static void backwardRange(Pass c, int from, int to) {
        int heads = c.heads, l = c.l, s = c.s;
        int db = from / c.perPart * l * s;
        for (int b = from; b < to; b++) {
            if (c.packing == PACKED && (b == from || b % heads == 0)) {
                int outer = b / heads;
                touchRows(c.q, outer, l);
                touchRows(c.out, outer, l);
                touchRows(c.dq, outer, l);
            }
            int pb = c.probs.offset + b * l * s;
            elementBackward(c, b, pb, db);
        }
    }

    /**
     * dS rows [from, to) over their first n floats, in place over dP: {@code scale P (dP - rowsum(dP P))}. Taking the
     * scores' scale here, where the products with k and q would otherwise fold it into their packing of dS (the same
     * roundings), leaves dq and dk plain products, which small ones take without packing.
     */
    private static void scoreGradients(Pass c, int from, int to, int n, int pb, int db) {
        float[] p = c.probs.array(), ds = c.ds;
        int s = c.s;
        for (int i = from; i < to; i++) {
            int pr = pb + i * s, dr = db + i * s;
            SoftmaxRows.backward(n, ds, dr, Reductions.dot(n, ds, dr, 1, p, pr, 1), p, pr, c.scale);
        }
    }

    /**
     * The backward pass of batch element b, its operands made here (see {@link #denseForward}). Over whole rows, or,
     * with every key after its query hidden (see {@link #lowerForward}), on bands: dS is 0 wherever P is, so dq's bands
     * of queries and dP's bands of scores stop at the columns their last row reaches, and dv's and dk's bands of keys
     * (P^T and dS^T times g and q) start at their first key, the queries before it contributing 0: sums lose only
     * terms that are 0, at their ends.
     */
    private static void elementBackward(Pass c, int b, int pb, int db) {
        int heads = c.heads, l = c.l, s = c.s, e = c.e, ev = c.ev;
        int packing = c.packing;
        float[] p = c.probs.array(), ds = c.ds;
        Rows q = operand(c.q, 0, packing, heads, e), k = operand(c.k, 1, packing, heads, e);
        Rows v = operand(c.v, 2, packing, heads, ev), g = operand(c.out, 3, packing, heads, ev);
        Rows dq = operand(c.dq, 0, packing, heads, e), dk = operand(c.dk, 1, packing, heads, e);
        Rows dv = operand(c.dv, 2, packing, heads, ev);
        int gb = g.at(b, heads);
        if (!c.lower) {
            Sgemm.sgemm(true, false, s, ev, l, 1f, p, pb, s, g.data(), gb, g.ld(), 0f, dv.data(), dv.at(b, heads),
                    dv.ld());
            Sgemm.sgemm(false, true, l, s, ev, 1f, g.data(), gb, g.ld(), v.data(), v.at(b, heads), v.ld(), 0f, ds,
                    db, s);
            scoreGradients(c, 0, l, s, pb, db);
            Sgemm.sgemm(false, false, l, e, s, 1f, ds, db, s, k.data(), k.at(b, heads), k.ld(), 0f, dq.data(),
                    dq.at(b, heads), dq.ld());
            Sgemm.sgemm(true, false, s, e, l, 1f, ds, db, s, q.data(), q.at(b, heads), q.ld(), 0f, dk.data(),
                    dk.at(b, heads), dk.ld());
            return;
        }
        for (int j0 = 0; j0 < s; j0 += BAND) {
            int keys = Math.min(BAND, s - j0), queries = Math.max(0, l - j0), first = Math.min(j0, l);
            Sgemm.sgemm(true, false, keys, ev, queries, 1f, p, pb + first * s + j0, s, g.data(), gb + first * g.ld(),
                    g.ld(), 0f, dv.data(), dv.at(b, heads) + j0 * dv.ld(), dv.ld());
        }
        for (int i0 = 0; i0 < l; i0 += SCORE_BAND) {
            int rows = Math.min(SCORE_BAND, l - i0), cols = reach(i0, rows, s);
            Sgemm.sgemm(false, true, rows, cols, ev, 1f, g.data(), gb + i0 * g.ld(), g.ld(), v.data(), v.at(b, heads),
                    v.ld(), 0f, ds, db + i0 * s, s);
        }
        for (int i0 = 0; i0 < l; i0 += BAND) {
            int rows = Math.min(BAND, l - i0), n = reach(i0, rows, s);
            scoreGradients(c, i0, i0 + rows, n, pb, db);
            // dk's bands below read these rows up to the band's full width; a last band cut short by l (fewer queries
            // than keys) reaches less far, and dS past its reach is 0 (dS's buffer may hold an arena's old floats)
            for (int i = i0, end = Math.min(s, i0 + BAND); n < end && i < i0 + rows; i++) {
                java.util.Arrays.fill(ds, db + i * s + n, db + i * s + end, 0f);
            }
            Sgemm.sgemm(false, false, rows, e, n, 1f, ds, db + i0 * s, s, k.data(), k.at(b, heads), k.ld(), 0f,
                    dq.data(), dq.at(b, heads) + i0 * dq.ld(), dq.ld());
        }
        for (int j0 = 0; j0 < s; j0 += BAND) {
            int keys = Math.min(BAND, s - j0), queries = Math.max(0, l - j0), first = Math.min(j0, l);
            Sgemm.sgemm(true, false, keys, e, queries, 1f, ds, db + first * s + j0, s, q.data(),
                    q.at(b, heads) + first * q.ld(), q.ld(), 0f, dk.data(), dk.at(b, heads) + j0 * dk.ld(), dk.ld());
        }
    }

    /** Where {@link #touchRows}' loads go, so that they are not dropped. */
    private static volatile float touched;

    /**
     * Loads one float of each cache line of batch element {@code outer}'s rows of a sequence-first packed operand x
     * ([T, N, W]: rows of W floats, N W apart), all its heads at once, before the products read them head by head. A
     * prefetch, which Java lacks: the products' packing reads each head's 32-float slices of rows 96 KiB apart (q, k, v
     * in qkv [64, 64, 384]), one cache miss after another with nothing for the hardware prefetcher to follow, while
     * these loads are independent and stream along each row. Measured on an Intel Xeon (one thread, a transformer block
     * at batch 64): attention's backward 4.4 -> 4.0 ms, the step 39.0-40.1 -> 38.1-39.3 ms. On the same CPU on
     * 2026-12-06 (a timer around the op's two passes inside the block step, throwaway), with the lower-triangular
     * bands: touching qkv in forward too, 3.3-3.6 -> 2.9-3.1 ms (on 2026-12-04, before the bands, it had moved
     * nothing); touching the rows of backward's output dx, which the products then write 32 floats at a time, 5.5-6.0
     * -> 4.5-4.6 ms. Touching the output's rows in forward and the saved probabilities in backward moved nothing.
     */
    private static void touchRows(Tensor x, int outer, int rows) {
        float[] data = x.array();
        int width = x.shape[2], ld = x.shape[1] * width, base = x.offset + outer * width;
        float sum = 0f;
        for (int r = 0; r < rows; r++) {
            for (int j = base + r * ld, end = j + width; j < end; j += 16) {
                sum += data[j];
            }
        }
        touched = sum;
    }

    /**
     * A new [b, rows, cols] tensor laid out as {@code like} is: position-major ([rows, b, cols] in memory, strides
     * [cols, b cols, 1]) when like's batch dimension is the inner of its first two, else contiguous. PyTorch's CPU
     * attention likewise follows the query's layout. With MultiheadAttention's heads as transposed views of
     * [T, N*H, hd], the result (and the gradients of q, k, v) in that layout makes the transposes and reshapes around
     * the op views both ways, where contiguous results made each of them a copy.
     */
    private static Tensor laidOutLike(Tensor like, int b, int rows, int cols, String madeBy) {
        int[] shape = {b, rows, cols};
        if (b <= 1 || rows <= 1 || like.stride[0] >= like.stride[1]) {
            return Tensor.empty(shape, madeBy);
        }
        return new Tensor(dev.vgrad.memory.Storage.allocate(Shapes.numel(shape), madeBy), 0, shape,
                new int[] {cols, b * cols, 1}, null);
    }

    /** x itself when its last dimension is contiguous (rows readable by SGEMM), else a contiguous copy. */
    private static Tensor rowMajorLast(Tensor x) {
        return x.stride[2] == 1 || x.shape[2] <= 1 ? x : Compute.copy(x);
    }

    /** The gradients as the kernels compute them, from the probabilities saved at forward. */
    private static Tensor[] fusedBackward(Tensor g, Tensor q, Tensor k, Tensor v, Tensor probs, float scale,
                                          boolean lower) {
        int batch = q.shape[0], l = q.shape[1], s = k.shape[1], e = q.shape[2], ev = v.shape[2];
        Tensor gd = rowMajorLast(g), qd = rowMajorLast(q), kd = rowMajorLast(k), vd = rowMajorLast(v);
        Tensor dq = laidOutLike(q, batch, l, e, "attention_backward");
        Tensor dk = laidOutLike(k, batch, s, e, "attention_backward");
        Tensor dv = laidOutLike(v, batch, s, ev, "attention_backward");
        backward(batch, 1, l, s, e, ev, scale, PLAIN, lower, qd, kd, vd, probs, gd, dq, dk, dv);
        return new Tensor[] {dq, dk, dv};
    }

    /**
     * The packed op's gradient as recorded ops: q, k, v cut from qkv and split into heads with views, the composed
     * gradients merged back and set side by side, so that it differentiates again.
     */
    private static Tensor composedPackedBackward(Tensor g, Tensor qkv, int heads, Tensor mask, boolean causal,
                                                 float scale, boolean batchFirst) {
        if (batchFirst) {   // through sequence-first views: [N, T, 3E] and [N, T, E] as [T, N, 3E] and [T, N, E]
            return composedPackedBackward(g.transpose(0, 1), qkv.transpose(0, 1), heads, mask, causal, scale, false)
                    .transpose(0, 1);
        }
        int t = qkv.shape[0], n = qkv.shape[1], width = qkv.shape[2] / 3, hd = width / heads;
        Tensor[] parts = new Tensor[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = qkv.narrow(2, i * width, width).reshape(t, n * heads, hd).transpose(0, 1);
        }
        Tensor gh = g.reshape(t, n * heads, hd).transpose(0, 1);
        Tensor[] grads = composedBackward(gh, parts[0], parts[1], parts[2], mask, causal, scale);
        java.util.List<Tensor> merged = new java.util.ArrayList<>(3);
        for (Tensor d : grads) {
            merged.add(d.transpose(0, 1).reshape(t, n, width));
        }
        return Tensor.cat(merged, 2);
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

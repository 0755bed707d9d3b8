package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.LayerNormRows;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.UnaryOp;
import dev.vgrad.memory.Storage;

/**
 * Layer normalization over the last dimension as one op: each row's mean, its variance from the centred row (two
 * passes over a row that sits in L1, so no cancellation), and {@code (x - mean) * rstd * w + b}, written once. The
 * composed form (mean, sub, mul, mean, add, rsqrt, mul, mul, add) made nine tensors forward and about twenty
 * backward; this makes one forward and three backward. Every sum is {@link Reductions}' (the canonical order), every
 * other step elementwise, a row's run of them in one {@link LayerNormRows} call, so the scalar and vector paths give
 * the same bits. A row of one value repeated has that value as its mean, as PyTorch's has, even where sum / d rounds
 * off it: its centred row is exactly zero and its output the bias.
 *
 * <p>Backward, for a row with xhat = (x - mean) * rstd and dxhat = g * w: {@code dx = rstd * (dxhat - mean(dxhat) -
 * xhat * mean(dxhat * xhat))}, {@code dw = sum over rows of g * xhat}, {@code db = sum over rows of g}. Under
 * createGraph the same formula runs as recorded ops, with the statistics recomputed from x, so the gradient can be
 * differentiated again.
 */
final class RowNormalization {
    private RowNormalization() {}

    /** x [..., d] normalized over d; weight and bias [d] or null. */
    static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
        int d = x.shape[x.dim() - 1];
        int rows = d == 0 ? 0 : x.numel() / d;
        Tensor in = Compute.dense(x);
        Tensor w = Compute.dense(weight);
        Tensor b = Compute.dense(bias);
        Tensor out = Tensor.empty(x.shape, "layer_norm");
        // Each row's mean, then each row's 1 / std, in one buffer kept for backward (as PyTorch's native_layer_norm
        // keeps them). A bare storage, not a tensor: nothing else sees it, so no tensor or saved tensor is made for it;
        // the node keeps its generation, so a use after its arena's reset is still refused.
        Storage stats = Storage.allocate(2 * rows, "layer_norm");
        int statsGeneration = stats.generation();
        float[] src = in.array(), dst = out.array(), st = stats.array();
        for (int r = 0; r < rows; r++) {
            int s = in.offset + r * d, t = r * d;
            float mean = st[r] = Reductions.sum(d, src, s, 1) / d;
            Elementwise.unary(UnaryOp.ADD_SCALAR, -mean, 0f, d, src, s, 1, dst, t, 1);     // the centred row, into out
            float var = Reductions.dot(d, dst, t, 1, dst, t, 1) / d;
            if (var <= nearlyConstant(mean) && constant(d, src, s)) {
                // sum / d missed the value by a rounding: PyTorch's mean (Welford) is the value itself, and so is
                // this one now, with the centred row exactly zero (so the output is the bias, as there)
                mean = st[r] = src[s];
                java.util.Arrays.fill(dst, t, t + d, 0f);
                var = 0f;
            }
            float rstd = st[rows + r] = (float) (1.0 / Math.sqrt(var + eps));
            LayerNormRows.scaleShift(d, dst, t, rstd, w != null ? w.array() : null, w != null ? w.offset : 0,
                    b != null ? b.array() : null, b != null ? b.offset : 0);
        }
        boolean record = GradMode.isEnabled() && (x.requiresGrad() || (weight != null && weight.requiresGrad())
                || (bias != null && bias.requiresGrad()));
        if (!record) {
            return out;
        }
        out.setGradFn(new Node("NativeLayerNormBackward0", x, weight, bias) {
            private final SavedTensor savedX = save(x);
            private final SavedTensor savedW = weight != null ? save(weight) : null;

            @Override
            protected boolean keepsNoGradients() {
                return true;
            }

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor xs = savedX.get(), ws = savedW != null ? savedW.get() : null;
                if (GradMode.isEnabled()) {
                    return composedBackward(g, xs, ws, eps, needsGrad(0), needsGrad(1), needsGrad(2));
                }
                // The weight's and bias's gradients go straight into their grads where the pass allows it.
                Tensor wInto = needsGrad(1) ? accumulator(1) : null, bInto = needsGrad(2) ? accumulator(2) : null;
                Tensor[] grads = grads(null, null, null);
                fusedBackward(g, xs, ws, stats.array(statsGeneration), needsGrad(0), needsGrad(1), needsGrad(2), wInto,
                        bInto, grads);
                return grads;
            }
        });
        return out;
    }

    /**
     * A variance under which the row may be one value repeated: the squared spread of a mean off by some dozens of
     * roundings. Rows above it are left alone without a look (almost all rows), so only rows of nearly equal values
     * pay {@link #constant}'s pass.
     */
    private static float nearlyConstant(float mean) {
        float off = 64 * Math.ulp(mean);
        return off * off;
    }

    /** Whether the d floats from {@code s} are all the same value (bit for bit). */
    private static boolean constant(int d, float[] x, int s) {
        int first = Float.floatToRawIntBits(x[s]);
        for (int i = 1; i < d; i++) {
            if (Float.floatToRawIntBits(x[s + i]) != first) {
                return false;
            }
        }
        return true;
    }

    /**
     * dx, dw and db (null where not wanted) into {@code grads}, from the statistics forward kept in {@code st} (the
     * rows' means, then their 1 / std); dw and db are added into {@code wInto} and {@code bInto} instead where those
     * are given (contiguous [d]: the parameters' grads), and are then null in {@code grads}.
     */
    private static void fusedBackward(Tensor g, Tensor x, Tensor weight, float[] st, boolean wantX, boolean wantW,
                                      boolean wantB, Tensor wInto, Tensor bInto, Tensor[] grads) {
        int d = x.shape[x.dim() - 1];
        int rows = d == 0 ? 0 : x.numel() / d;
        Tensor gc = Compute.dense(g), xc = Compute.dense(x);
        Tensor w = Compute.dense(weight);
        Tensor dx = wantX ? Tensor.empty(x.shape, "layer_norm_backward") : null;
        Tensor dw = !wantW ? null : wInto != null ? wInto : Tensor.zerosOf(Shapes.of(d), "layer_norm_backward");
        Tensor db = !wantB ? null : bInto != null ? bInto : Tensor.zerosOf(Shapes.of(d), "layer_norm_backward");
        // xhat, then dxhat: a buffer, no tensor around it
        float[] sc = dev.vgrad.memory.Storage.allocate(2 * d, "layer_norm_backward").array();
        float[] gs = gc.array(), xs = xc.array();
        int xhat = 0, dxhat = d, means = 0, rstd = rows;
        float[] wa = w != null ? w.array() : null, dwa = dw != null ? dw.array() : null;
        float[] dba = db != null ? db.array() : null;
        for (int r = 0; r < rows; r++) {
            int go = gc.offset + r * d, xo = xc.offset + r * d;
            // xhat, dw += g * xhat and db += g row after row (the order is fixed, so every path adds the same way),
            // dxhat = g * w
            LayerNormRows.backwardTerms(d, xs, xo, st[means + r], st[rstd + r], gs, go, wa, w != null ? w.offset : 0,
                    dwa, dw != null ? dw.offset : 0, dba, db != null ? db.offset : 0, wantX, sc, xhat, dxhat);
            if (wantX) {
                float a = Reductions.sum(d, sc, dxhat, 1) / d;
                float c = Reductions.dot(d, sc, dxhat, 1, sc, xhat, 1) / d;
                // rstd * ((dxhat - a) - xhat * c), the composed form's order
                LayerNormRows.backwardOut(d, sc, xhat, dxhat, a, c, st[rstd + r], dx.array(), dx.offset + r * d);
            }
        }
        grads[0] = dx;
        grads[1] = wInto != null ? null : dw;
        grads[2] = bInto != null ? null : db;
    }

    /** The same gradients as recorded ops, from x itself (not the saved statistics), so they are differentiable. */
    private static Tensor[] composedBackward(Tensor g, Tensor x, Tensor w, float eps, boolean wantX, boolean wantW,
                                             boolean wantB) {
        int last = x.dim() - 1;
        int[] dims = {last};
        Tensor centred = x.sub(x.mean(dims, true));
        Tensor rstd = centred.mul(centred).mean(dims, true).add(eps).rsqrt();
        Tensor xhat = centred.mul(rstd);
        Tensor dxhat = w != null ? g.mul(w) : g;
        Tensor dx = null;
        if (wantX) {
            dx = rstd.mul(dxhat.sub(dxhat.mean(dims, true)).sub(xhat.mul(dxhat.mul(xhat).mean(dims, true))));
        }
        int[] paramShape = {x.shape[last]};
        Tensor dw = wantW ? Reduction.sumTo(g.mul(xhat), paramShape) : null;
        Tensor db = wantB ? Reduction.sumTo(g, paramShape) : null;
        return new Tensor[] {dx, dw, db};
    }
}

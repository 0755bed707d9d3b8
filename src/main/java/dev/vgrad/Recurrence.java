package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.RecurrentCells;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One direction of one LSTM, GRU or Elman RNN layer over a whole sequence as a single recorded op, what nn.LSTM, nn.GRU
 * and nn.RNN run (PyTorch's native CPU path computes the same per-step updates; cuDNN fuses a layer likewise). The
 * input projections of every step come in precomputed ([T, B, gates H]); each step adds {@code h W_hh^T + b_hh} and
 * applies the cell. Forward runs untracked and keeps the gate activations and cell states; backward walks the steps in
 * reverse (one {@code [B, gates H] x [gates H, H]} product a step for the recurrent gradient, the pointwise part one
 * fused kernel pass: {@link RecurrentCells} for LSTM and GRU, the activations' own backward kernels for an Elman cell)
 * and takes the hidden weights' gradient as one product over all steps at the end. Recorded per step, the same layer
 * was ~12 nodes a step forward and their rules' intermediates backward (2.8x PyTorch's time for an LSTM on the Zen 3;
 * BENCHMARKS.md).
 *
 * <p>The backward formulas are Tensor expressions: under createGraph the forward is recomputed from the saved inputs
 * with recorded ops and the same formulas record, so the layer stays differentiable to any order.
 */
public final class Recurrence {
    private Recurrence() {}

    /**
     * An LSTM layer's direction: [output [T, B, H], h_n [B, H], c_n [B, H]] from the input projections xw [T, B, 4H]
     * (gates i, f, g, o), the initial states h0 and c0 [B, H], the hidden weight whh [4H, H] and bias bhh [4H] (null
     * for none). With reverse the steps run from T - 1 down to 0 and output t is still the state after time t.
     */
    public static List<Tensor> lstm(Tensor xw, Tensor h0, Tensor c0, Tensor whh, Tensor bhh, boolean reverse) {
        return new Layer(Cell.LSTM, xw, h0, c0, whh, bhh, reverse).run();
    }

    /**
     * A GRU layer's direction: [output [T, B, H], h_n [B, H]] from the input projections xw [T, B, 3H] (gates r, z, n),
     * the initial state h0 [B, H], whh [3H, H] and bhh [3H] (null for none); reverse as in {@link #lstm}.
     */
    public static List<Tensor> gru(Tensor xw, Tensor h0, Tensor whh, Tensor bhh, boolean reverse) {
        return new Layer(Cell.GRU, xw, h0, null, whh, bhh, reverse).run();
    }

    /**
     * An Elman RNN layer's direction, {@code h' = act(xw_t + h W_hh^T + b_hh)} with act relu or tanh: [output [T, B, H],
     * h_n [B, H]] from xw [T, B, H], h0 [B, H], whh [H, H] and bhh [H] (null for none); reverse as in {@link #lstm}.
     */
    public static List<Tensor> rnn(Tensor xw, Tensor h0, Tensor whh, Tensor bhh, boolean relu, boolean reverse) {
        return new Layer(relu ? Cell.RNN_RELU : Cell.RNN_TANH, xw, h0, null, whh, bhh, reverse).run();
    }

    /** The cells a layer runs: how many gate blocks their projections hold, and their names in errors and nodes. */
    private enum Cell {
        LSTM(4, "lstm", "LstmLayerBackward0"), GRU(3, "gru", "GruLayerBackward0"),
        RNN_TANH(1, "rnn_tanh", "RnnTanhLayerBackward0"), RNN_RELU(1, "rnn_relu", "RnnReluLayerBackward0");

        final int gates;
        final String op, node;

        Cell(int gates, String op, String node) {
            this.gates = gates;
            this.op = op;
            this.node = node;
        }
    }

    /** A layer's operands and what its forward kept for backward. */
    private static final class Layer {
        final Cell cell;
        /** An LSTM (a cell state beside h); an Elman cell (one gate block, its activation read from its output). */
        final boolean lstm, elman, reverse;
        final Tensor xw, h0, c0, whh, bhh;
        final int steps, batch, hidden;
        /**
         * Per step in processing order. Untracked (the fused kernels' layout): the LSTM's activated gates [B, 4H] (i, f,
         * g, o per row) and tanh of the cell state after it; the GRU's gates [B, 3H] (r, z, n) and its hidden
         * projection [B, 3H]. Recorded (createGraph): the same as separate [B, H] tensors (the GRU keeping only the
         * projection's third part). Nothing for an Elman cell, whose derivative comes from h.
         */
        Tensor[][] kept;
        /** The hidden state before each step (processing order), then the last. */
        Tensor[] h;
        /** The LSTM's cell state before each step (processing order), then the last. */
        Tensor[] c;

        Layer(Cell cell, Tensor xw, Tensor h0, Tensor c0, Tensor whh, Tensor bhh, boolean reverse) {
            this.cell = cell;
            this.lstm = cell == Cell.LSTM;
            this.elman = cell.gates == 1;
            this.xw = xw;
            this.h0 = h0;
            this.c0 = c0;
            this.whh = whh;
            this.bhh = bhh;
            this.reverse = reverse;
            int gates = cell.gates;
            if (xw.dim() != 3 || whh.dim() != 2) {
                throw new IllegalArgumentException(cell.op + ": expected projections [T, B, " + gates
                        + "H] and weight_hh [" + gates + "H, H], got " + Shapes.str(xw.shape) + " and "
                        + Shapes.str(whh.shape));
            }
            this.steps = xw.size(0);
            this.batch = xw.size(1);
            this.hidden = whh.size(1);
            if (xw.size(2) != gates * hidden || whh.size(0) != gates * hidden
                    || !Arrays.equals(h0.shape(), new int[] {batch, hidden})
                    || (lstm && !Arrays.equals(c0.shape(), new int[] {batch, hidden}))) {
                throw new IllegalArgumentException(cell.op + ": expected projections [T, B, " + gates
                        + "H], states [B, H] and weight_hh [" + gates + "H, H], got " + Shapes.str(xw.shape) + ", "
                        + Shapes.str(h0.shape) + (lstm ? ", " + Shapes.str(c0.shape) : "") + " and "
                        + Shapes.str(whh.shape));
            }
        }

        int time(int k) {
            return reverse ? steps - 1 - k : k;
        }

        /** The steps with the current grad mode: recorded under createGraph, untracked otherwise. */
        void forwardSteps() {
            kept = new Tensor[steps][];
            h = new Tensor[steps + 1];
            c = lstm ? new Tensor[steps + 1] : null;
            h[0] = h0;
            if (lstm) {
                c[0] = c0;
            }
            int gates = cell.gates;
            // W_hh^T laid out once for the layer (a transposed B is packed 8 x 8 block by block, every step), and the
            // LSTM's or Elman cell's b_hh added to all steps' projections in one pass, so a step's gates are one addmm
            Tensor whhT = whh.t().contiguous();
            Tensor xwb = !cell.equals(Cell.GRU) && bhh != null ? xw.add(bhh) : xw;
            for (int k = 0; k < steps; k++) {
                Tensor x = xwb.select(0, time(k));
                if (elman) {   // the same ops untracked and recorded: one addmm and the activation
                    Tensor pre = x.addmm(h[k], whhT);
                    h[k + 1] = cell == Cell.RNN_RELU ? pre.relu() : pre.tanh();
                    kept[k] = new Tensor[0];
                } else if (lstm && !GradMode.isEnabled()) {   // untracked: the pointwise part one kernel, in place
                    Tensor act = x.addmm(h[k], whhT), tc = Tensor.empty(Shapes.of(batch, hidden), "lstm");
                    c[k + 1] = Tensor.empty(Shapes.of(batch, hidden), "lstm");
                    h[k + 1] = Tensor.empty(Shapes.of(batch, hidden), "lstm");
                    Tensor cPrev = Compute.dense(c[k]);
                    RecurrentCells.lstmForward(batch, hidden, act.array(), act.offset, cPrev.array(), cPrev.offset,
                            c[k + 1].array(), c[k + 1].offset, tc.array(), tc.offset, h[k + 1].array(), h[k + 1].offset);
                    kept[k] = new Tensor[] {act, tc};
                } else if (lstm) {
                    List<Tensor> q = x.addmm(h[k], whhT).chunk(gates, 1);
                    Tensor i = q.get(0).sigmoid(), f = q.get(1).sigmoid(), g = q.get(2).tanh(), o = q.get(3).sigmoid();
                    c[k + 1] = f.mul(c[k]).add(i.mul(g));
                    Tensor tc = c[k + 1].tanh();
                    h[k + 1] = o.mul(tc);
                    kept[k] = new Tensor[] {i, f, g, o, tc};
                } else if (!GradMode.isEnabled()) {
                    Tensor hw = bhh == null ? h[k].mm(whhT) : bhh.addmm(h[k], whhT);
                    Tensor xd = Compute.dense(x), hp = Compute.dense(h[k]);
                    Tensor act = Tensor.empty(Shapes.of(batch, gates * hidden), "gru");
                    h[k + 1] = Tensor.empty(Shapes.of(batch, hidden), "gru");
                    RecurrentCells.gruForward(batch, hidden, xd.array(), xd.offset, hw.array(), hw.offset, hp.array(),
                            hp.offset, act.array(), act.offset, h[k + 1].array(), h[k + 1].offset);
                    kept[k] = new Tensor[] {act, hw};
                } else {
                    Tensor hw = bhh == null ? h[k].mm(whhT) : bhh.addmm(h[k], whhT);
                    List<Tensor> xq = x.chunk(gates, 1), hq = hw.chunk(gates, 1);
                    Tensor r = xq.get(0).add(hq.get(0)).sigmoid(), z = xq.get(1).add(hq.get(1)).sigmoid();
                    Tensor n = xq.get(2).add(r.mul(hq.get(2))).tanh();
                    h[k + 1] = h[k].sub(n).mul(z).add(n);
                    kept[k] = new Tensor[] {r, z, n, hq.get(2)};
                }
            }
        }

        /** Forward untracked, then one node for the layer; its output holds every h (time order), then c_n. */
        List<Tensor> run() {
            if (steps == 0) {
                Tensor empty = Tensor.zeros(0, batch, hidden);
                return lstm ? List.of(empty, h0, c0) : List.of(empty, h0);
            }
            Tensor flat;
            try (var off = GradMode.noGrad()) {
                forwardSteps();
                List<Tensor> parts = new ArrayList<>(steps + 1);
                for (int t = 0; t < steps; t++) {
                    parts.add(h[reverse ? steps - t : t + 1].reshape(-1));
                }
                if (lstm) {
                    parts.add(c[steps].reshape(-1));
                }
                flat = Tensor.cat(parts, 0);
            }
            List<Tensor> inputs = new ArrayList<>(List.of(xw, h0));
            if (lstm) {
                inputs.add(c0);
            }
            inputs.add(whh);
            if (bhh != null) {
                inputs.add(bhh);
            }
            Tensor[] in = inputs.toArray(new Tensor[0]);
            boolean record = false;
            for (Tensor t : in) {
                record |= t.requiresGrad();
            }
            if (record && GradMode.isEnabled()) {
                flat.setGradFn(node(in));
            }
            int each = steps * batch * hidden;
            Tensor output = flat.narrow(0, 0, each).view(steps, batch, hidden);
            Tensor last = output.select(0, reverse ? 0 : steps - 1);
            return lstm ? List.of(output, last, flat.narrow(0, each, batch * hidden).view(batch, hidden))
                    : List.of(output, last);
        }

        private Node node(Tensor[] in) {
            Layer layer = this;
            return new Node(cell.node, in) {
                private final SavedTensor[] saved = saveAll(in);

                private SavedTensor[] saveAll(Tensor[] ts) {
                    SavedTensor[] s = new SavedTensor[ts.length];
                    for (int i = 0; i < ts.length; i++) {
                        s[i] = save(ts[i]);
                    }
                    return s;
                }

                @Override
                protected Tensor[] apply(Tensor g) {
                    Tensor[] v = new Tensor[saved.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = saved[i].get();
                    }
                    Layer use = layer;
                    if (GradMode.isEnabled()) {   // createGraph: the same steps, recorded, so the formulas below record
                        use = new Layer(cell, v[0], v[1], lstm ? v[2] : null, v[lstm ? 3 : 2],
                                bhh != null ? v[v.length - 1] : null, reverse);
                        use.forwardSteps();
                    }
                    Tensor[] grads = use.backward(g);
                    Tensor[] out = new Tensor[v.length];
                    out[0] = grads[0];
                    out[1] = grads[1];
                    int next = 2;
                    if (lstm) {
                        out[next++] = grads[2];
                    }
                    out[next++] = grads[3];
                    if (bhh != null) {
                        out[next] = grads[4];
                    }
                    for (int i = 0; i < out.length; i++) {
                        out[i] = needsGrad(i) ? out[i] : null;
                    }
                    return out;
                }
            };
        }

        /**
         * Back through the steps from the gradient of the layer's output (every h, then c_n for an LSTM): the
         * gradients of xw, h0, c0 (null for a GRU), whh and bhh.
         */
        Tensor[] backward(Tensor g) {
            if (!GradMode.isEnabled() && !elman) {
                return fusedBackward(g);
            }
            int each = steps * batch * hidden;
            Tensor gOut = g.narrow(0, 0, each).reshape(steps, batch, hidden);
            Tensor dh = null, dc = lstm ? g.narrow(0, each, batch * hidden).reshape(batch, hidden) : null;
            Tensor[] dxw = new Tensor[steps], dhw = lstm || elman ? dxw : new Tensor[steps], hPrev = new Tensor[steps];
            for (int k = steps - 1; k >= 0; k--) {
                int t = time(k);
                Tensor dhk = dh == null ? gOut.select(0, t) : gOut.select(0, t).add(dh);
                Tensor[] q = kept[k];
                Tensor hwGrad;
                if (elman) {   // the activation's slope from its output: h' > 0 for relu, 1 - h'^2 for tanh
                    hwGrad = cell == Cell.RNN_RELU ? Pointwise.zeroUnless(dhk, h[k + 1])
                            : Pointwise.tanhGrad(dhk, h[k + 1]);
                    dxw[t] = hwGrad;
                    dh = hwGrad.mm(whh);
                } else if (lstm) {
                    Tensor i = q[0], f = q[1], gg = q[2], o = q[3], tc = q[4];
                    Tensor dcTotal = dhk.mul(o).mul(tc.mul(tc).rsub(1f)).add(dc);
                    Tensor di = dcTotal.mul(gg).mul(sigmoidSlope(i));
                    Tensor df = dcTotal.mul(c[k]).mul(sigmoidSlope(f));
                    Tensor dg = dcTotal.mul(i).mul(gg.mul(gg).rsub(1f));
                    Tensor dout = dhk.mul(tc).mul(sigmoidSlope(o));
                    hwGrad = Tensor.cat(List.of(di, df, dg, dout), 1);
                    dxw[t] = hwGrad;
                    dc = dcTotal.mul(f);
                    dh = hwGrad.mm(whh);
                } else {
                    Tensor r = q[0], z = q[1], n = q[2], hwn = q[3];
                    Tensor dn = dhk.mul(z.rsub(1f)).mul(n.mul(n).rsub(1f));
                    Tensor dz = dhk.mul(h[k].sub(n)).mul(sigmoidSlope(z));
                    Tensor dr = dn.mul(hwn).mul(sigmoidSlope(r));
                    dxw[t] = Tensor.cat(List.of(dr, dz, dn), 1);
                    hwGrad = Tensor.cat(List.of(dr, dz, dn.mul(r)), 1);
                    dhw[t] = hwGrad;
                    dh = dhk.mul(z).add(hwGrad.mm(whh));
                }
                hPrev[t] = h[k];
            }
            Tensor hiddenGrads = Tensor.stack(List.of(dhw), 0).reshape(-1, dhw[0].size(1));
            Tensor dwhh = hiddenGrads.t().mm(Tensor.stack(List.of(hPrev), 0).reshape(-1, hidden));
            Tensor dbhh = bhh == null ? null : hiddenGrads.sum(0, false);
            return new Tensor[] {Tensor.stack(List.of(dxw), 0), dh, dc, dwhh, dbhh};
        }

        /**
         * {@link #backward} untracked: each step's pointwise part one kernel pass ({@link RecurrentCells}) writing
         * straight into the stacked gate gradients, the same formulas as the composed path.
         */
        private Tensor[] fusedBackward(Tensor g) {
            int each = steps * batch * hidden, bh = batch * hidden, gates = lstm ? 4 : 3;
            Tensor gOut = Compute.dense(g.narrow(0, 0, each));
            Tensor dc = lstm ? Compute.copy(g.narrow(0, each, bh)).reshape(batch, hidden) : null;
            Tensor dxw = Tensor.empty(Shapes.of(steps, batch, gates * hidden), "lstm_backward");
            Tensor dhw = lstm ? dxw : Tensor.empty(Shapes.of(steps, batch, gates * hidden), "gru_backward");
            Tensor dh = null;
            Tensor[] hPrev = new Tensor[steps];
            float[] go = gOut.array();
            for (int k = steps - 1; k >= 0; k--) {
                int t = time(k), gateRow = t * bh * gates;
                Tensor[] q = kept[k];
                float[] carry = dh == null ? null : dh.array();
                int carryOff = dh == null ? 0 : dh.offset;
                Tensor hp = Compute.dense(h[k]);
                if (lstm) {
                    Tensor act = q[0], tc = q[1], cp = Compute.dense(c[k]);
                    RecurrentCells.lstmBackward(batch, hidden, act.array(), act.offset, tc.array(), tc.offset,
                            cp.array(), cp.offset, go, gOut.offset + t * bh, carry, carryOff, dc.array(), dc.offset,
                            dxw.array(), dxw.offset + gateRow, dc.array(), dc.offset);
                    dh = dxw.select(0, t).mm(whh);
                } else {
                    Tensor act = q[0], hw = q[1];
                    Tensor direct = Tensor.empty(Shapes.of(batch, hidden), "gru_backward");
                    RecurrentCells.gruBackward(batch, hidden, act.array(), act.offset, hw.array(), hw.offset,
                            hp.array(), hp.offset, go, gOut.offset + t * bh, carry, carryOff, dxw.array(),
                            dxw.offset + gateRow, dhw.array(), dhw.offset + gateRow, direct.array(), direct.offset);
                    dh = direct.addmm(dhw.select(0, t), whh);
                }
                hPrev[t] = hp;
            }
            Tensor hiddenGrads = dhw.reshape(-1, gates * hidden);
            Tensor dwhh = hiddenGrads.t().mm(Tensor.stack(List.of(hPrev), 0).reshape(-1, hidden));
            Tensor dbhh = bhh == null ? null : hiddenGrads.sum(0, false);
            return new Tensor[] {dxw, dh, dc, dwhh, dbhh};
        }

        /** {@code s (1 - s)}, the sigmoid's slope from its output s. */
        private static Tensor sigmoidSlope(Tensor s) {
            return s.mul(s.rsub(1f));
        }
    }
}

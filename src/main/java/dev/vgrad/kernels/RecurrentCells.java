package dev.vgrad.kernels;

/**
 * The pointwise part of an LSTM or GRU step, fused. Backward: one pass over [B, H] that reads the step's saved
 * activations and the incoming gradients and writes the gate gradients in the layout the recurrent product takes
 * ([B, 4H] or [B, 3H], one row per sample), where composed it took ~25 elementwise ops and their temporaries a step;
 * the LSTM's forward likewise in place over its gates.
 * Every operand is contiguous from its offset; rows of the gate arrays are {@code gates * hidden} long. Plain loops of
 * multiplies and adds (C2 vectorizes them); the composed Tensor expressions in {@code dev.vgrad.Recurrence} are the
 * reference they are tested against.
 */
public final class RecurrentCells {
    private RecurrentCells() {}

    /**
     * An LSTM step's pointwise forward, in place over gates [B, 4H] (each row the pre-activations i, f, g, o, left as
     * their activations: sigmoid, sigmoid, tanh, sigmoid): {@code c' = f c + i g}, {@code tc = tanh(c')},
     * {@code h' = o tc}, each [B, H]. The activations run on {@link Elementwise}'s kernels and the products in the
     * order the composed ops take them, so the values are the composed path's bit for bit.
     */
    public static void lstmForward(int batch, int hidden, float[] gates, int go, float[] c, int co, float[] cNext,
                                   int cno, float[] tc, int tco, float[] h, int ho) {
        int row = 4 * hidden;
        for (int b = 0; b < batch; b++) {
            int r = go + b * row;
            Elementwise.unary(UnaryOp.SIGMOID, 0f, 0f, 2 * hidden, gates, r, 1, gates, r, 1);
            Elementwise.unary(UnaryOp.TANH, 0f, 0f, hidden, gates, r + 2 * hidden, 1, gates, r + 2 * hidden, 1);
            Elementwise.unary(UnaryOp.SIGMOID, 0f, 0f, hidden, gates, r + 3 * hidden, 1, gates, r + 3 * hidden, 1);
            for (int j = 0; j < hidden; j++) {
                int e = b * hidden + j;
                cNext[cno + e] = gates[r + hidden + j] * c[co + e] + gates[r + j] * gates[r + 2 * hidden + j];
            }
        }
        Elementwise.unary(UnaryOp.TANH, 0f, 0f, batch * hidden, cNext, cno, 1, tc, tco, 1);
        for (int b = 0; b < batch; b++) {
            int r = go + b * row + 3 * hidden;
            for (int j = 0; j < hidden; j++) {
                int e = b * hidden + j;
                h[ho + e] = gates[r + j] * tc[tco + e];
            }
        }
    }

    /**
     * An LSTM step's pointwise backward: from the activated gates ([B, 4H], i, f, g, o per row, as
     * {@link #lstmForward} leaves them), tanh of the new cell state, the previous cell state, and the gradients of the
     * new h (dh + dhCarry, dhCarry null for none) and of the new c, writes the gate gradients {@code [di | df | dg |
     * do]} into dGates ([B, 4H]) and the previous cell state's gradient into dcPrev ([B, H]; may be dc itself).
     */
    public static void lstmBackward(int batch, int hidden, float[] gates, int go, float[] tc, int tco, float[] cPrev,
                                    int cpo, float[] dh, int dho, float[] dhCarry, int dhco, float[] dc, int dco,
                                    float[] dGates, int dgo, float[] dcPrev, int dcpo) {
        for (int b = 0; b < batch; b++) {
            int row = b * hidden, in = go + b * 4 * hidden, out = dgo + b * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                int e = row + j;
                float iv = gates[in + j], fv = gates[in + hidden + j], gv = gates[in + 2 * hidden + j];
                float ov = gates[in + 3 * hidden + j], t = tc[tco + e];
                float h = dhCarry == null ? dh[dho + e] : dh[dho + e] + dhCarry[dhco + e];
                float cTotal = h * ov * (1f - t * t) + dc[dco + e];
                dGates[out + j] = cTotal * gv * (iv * (1f - iv));
                dGates[out + hidden + j] = cTotal * cPrev[cpo + e] * (fv * (1f - fv));
                dGates[out + 2 * hidden + j] = cTotal * iv * (1f - gv * gv);
                dGates[out + 3 * hidden + j] = h * t * (ov * (1f - ov));
                dcPrev[dcpo + e] = cTotal * fv;
            }
        }
    }

    /**
     * A GRU step: from the gates r, z, n ([B, H] each), the hidden projection's third part hn, the previous h and the
     * gradient of the new h (dh + dhCarry, dhCarry null for none), writes {@code [dr | dz | dn]} (the input
     * projection's gradient) into dInput, {@code [dr | dz | dn r]} (the hidden projection's) into dHidden (both
     * [B, 3H]), and the part of the previous h's gradient that bypasses the product, {@code dh z}, into dhDirect.
     */
    public static void gruBackward(int batch, int hidden, float[] r, int ro, float[] z, int zo, float[] n, int no,
                                   float[] hn, int hno, float[] hPrev, int hpo, float[] dh, int dho, float[] dhCarry,
                                   int dhco, float[] dInput, int dio, float[] dHidden, int dhio, float[] dhDirect,
                                   int dhdo) {
        for (int b = 0; b < batch; b++) {
            int row = b * hidden, in = dio + b * 3 * hidden, hid = dhio + b * 3 * hidden;
            for (int j = 0; j < hidden; j++) {
                int e = row + j;
                float rv = r[ro + e], zv = z[zo + e], nv = n[no + e];
                float h = dhCarry == null ? dh[dho + e] : dh[dho + e] + dhCarry[dhco + e];
                float dn = h * (1f - zv) * (1f - nv * nv);
                float dz = h * (hPrev[hpo + e] - nv) * (zv * (1f - zv));
                float dr = dn * hn[hno + e] * (rv * (1f - rv));
                dInput[in + j] = dr;
                dInput[in + hidden + j] = dz;
                dInput[in + 2 * hidden + j] = dn;
                dHidden[hid + j] = dr;
                dHidden[hid + hidden + j] = dz;
                dHidden[hid + 2 * hidden + j] = dn * rv;
                dhDirect[dhdo + e] = h * zv;
            }
        }
    }
}

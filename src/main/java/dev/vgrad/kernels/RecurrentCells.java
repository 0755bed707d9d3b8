package dev.vgrad.kernels;

/**
 * The pointwise part of an LSTM or GRU step, fused. Backward: one pass over [B, H] that reads the step's saved
 * activations and the incoming gradients and writes the gate gradients in the layout the recurrent product takes
 * ([B, 4H] or [B, 3H], one row per sample), where composed it took ~25 elementwise ops and their temporaries a step;
 * the forward likewise (the LSTM's in place over its gates).
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
     * A GRU step's pointwise forward: from the input projection x and the hidden projection hw (each [B, 3H], parts r, z,
     * n per row) and the previous h, writes {@code r, z = sigmoid(x + hw)}, {@code n = tanh(x_n + r hw_n)} into act
     * ([B, 3H]) and {@code h' = (h - n) z + n} into hNext ([B, H]), in the composed ops' order (the same bits).
     */
    public static void gruForward(int batch, int hidden, float[] x, int xo, float[] hw, int hwo, float[] hPrev, int hpo,
                                  float[] act, int ao, float[] hNext, int hno) {
        int row = 3 * hidden;
        for (int b = 0; b < batch; b++) {
            int xr = xo + b * row, hr = hwo + b * row, a = ao + b * row;
            for (int j = 0; j < 2 * hidden; j++) {
                act[a + j] = x[xr + j] + hw[hr + j];
            }
            Elementwise.unary(UnaryOp.SIGMOID, 0f, 0f, 2 * hidden, act, a, 1, act, a, 1);
            for (int j = 0; j < hidden; j++) {
                act[a + 2 * hidden + j] = x[xr + 2 * hidden + j] + act[a + j] * hw[hr + 2 * hidden + j];
            }
            Elementwise.unary(UnaryOp.TANH, 0f, 0f, hidden, act, a + 2 * hidden, 1, act, a + 2 * hidden, 1);
            for (int j = 0; j < hidden; j++) {
                int e = b * hidden + j;
                float n = act[a + 2 * hidden + j];
                hNext[hno + e] = (hPrev[hpo + e] - n) * act[a + hidden + j] + n;
            }
        }
    }

    /**
     * A GRU step's pointwise backward: from the gates r, z, n ([B, 3H] as {@link #gruForward} leaves them), the hidden
     * projection hw ([B, 3H]; its third part is read), the previous h and the gradient of the new h (dh + dhCarry,
     * dhCarry null for none), writes {@code [dr | dz | dn]} (the input projection's gradient) into dInput,
     * {@code [dr | dz | dn r]} (the hidden projection's) into dHidden (both [B, 3H]), and the part of the previous h's
     * gradient that bypasses the product, {@code dh z}, into dhDirect.
     */
    public static void gruBackward(int batch, int hidden, float[] act, int ao, float[] hw, int hwo, float[] hPrev,
                                   int hpo, float[] dh, int dho, float[] dhCarry, int dhco, float[] dInput, int dio,
                                   float[] dHidden, int dhio, float[] dhDirect, int dhdo) {
        int row = 3 * hidden;
        for (int b = 0; b < batch; b++) {
            int a = ao + b * row, hr = hwo + b * row, in = dio + b * row, hid = dhio + b * row;
            for (int j = 0; j < hidden; j++) {
                int e = b * hidden + j;
                float rv = act[a + j], zv = act[a + hidden + j], nv = act[a + 2 * hidden + j];
                float h = dhCarry == null ? dh[dho + e] : dh[dho + e] + dhCarry[dhco + e];
                float dn = h * (1f - zv) * (1f - nv * nv);
                float dz = h * (hPrev[hpo + e] - nv) * (zv * (1f - zv));
                float dr = dn * hw[hr + 2 * hidden + j] * (rv * (1f - rv));
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

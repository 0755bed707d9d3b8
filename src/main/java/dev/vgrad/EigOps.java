package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.Factorizations;
import java.util.List;

/**
 * torch.linalg.eig and eigvals of real matrices, in the view_as_real form of their complex results (eigenvalues
 * [..., n, 2], eigenvectors [..., n, n, 2], as {@link Complex} and {@link Fft} write complex tensors), with PyTorch's
 * gradient: {@code gA = Re(V^-H (diag(gL) + F o (V^H gV - V^H V Re(diag(V^H gV)))) V^H)}, F_ij = 1 / conj(L_j - L_i)
 * off the diagonal and 0 on it, written with differentiable ops (the complex solve through its real 2n x 2n form), so
 * second derivatives follow. Eigenvectors are defined up to a phase: a loss that depends on it is refused in
 * backward, as PyTorch refuses it.
 */
final class EigOps {
    private EigOps() {}

    static List<Tensor> eig(Tensor a, boolean vectors, String op) {
        MatrixBatch in = MatrixBatch.square(op, a);
        int n = in.rows;
        boolean recording = Graph.recording(a);
        // eigvals outside autograd skips the eigenvectors' back substitution (the values do not depend on it)
        boolean needVectors = vectors || recording;
        Tensor values = Tensor.zeros(in.batchShape(n, 2));
        Tensor v = needVectors ? Tensor.zeros(in.batchShape(n, n, 2)) : null;
        double[] wr = new double[n], wi = new double[n];
        double[] vre = needVectors ? new double[n * n] : null, vim = needVectors ? new double[n * n] : null;
        double[] pairs = new double[2 * n], vpairs = needVectors ? new double[2 * n * n] : null;
        for (int b = 0; b < in.count; b++) {
            double[] m = in.matrix(b);
            for (double x : m) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("torch." + op + ": input tensor should not contain infs or "
                            + "NaNs.");
                }
            }
            if (!Factorizations.eig(m, n, wr, wi, vre, vim)) {
                throw new IllegalArgumentException(op + ": " + in.element(b) + "The algorithm failed to converge "
                        + "because the input matrix is ill-conditioned or has too many repeated eigenvalues");
            }
            for (int k = 0; k < n; k++) {
                pairs[2 * k] = wr[k];
                pairs[2 * k + 1] = wi[k];
            }
            MatrixBatch.store(pairs, values, b);
            if (needVectors) {
                for (int i = 0; i < n * n; i++) {
                    vpairs[2 * i] = vre[i];
                    vpairs[2 * i + 1] = vim[i];
                }
                MatrixBatch.store(vpairs, v, b);
            }
        }
        if (recording) {
            Tensor vs = v;
            values.setGradFn(new Node("LinalgEigBackward0", a) {
                private final SavedTensor savedV = save(vs);

                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(valuesGrad(g, savedV.get()));
                }
            });
            // The eigenvectors keep their node even when only the values are returned: the values' rule reads them,
            // so a second derivative of eigvals runs through it.
            v.setGradFn(new Node("LinalgEigBackward0", a) {
                private final SavedTensor savedL = save(values), savedV = saveOutput(vs);

                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(vectorsGrad(g, savedL.get(), savedV.get()));
                }
            });
        }
        return vectors ? List.of(values, v) : List.of(values);
    }

    /** The eigenvalues' part: {@code Re(V^-H diag(gL) V^H)}. */
    static Tensor valuesGrad(Tensor gL, Tensor v) {
        Tensor vh = conjugateTranspose(v);
        return Fft.real(solve(vh, Fft.mul(gL.unsqueeze(-2), vh)));
    }

    /** The eigenvectors' part: {@code Re(V^-H (F o (V^H gV - V^H V Re(diag(V^H gV)))) V^H)}. */
    static Tensor vectorsGrad(Tensor gV, Tensor l, Tensor v) {
        Tensor vh = conjugateTranspose(v);
        Tensor vhgv = Complex.matmul(vh, gV);
        Tensor diag = vhgv.diagonal(0, -3, -2).movedim(-1, -2);   // [..., n, 2]
        for (float phase : diag.select(-1, 1).contiguous().toArray()) {
            // PyTorch's check, allclose(imag(diag(V^H gV)), 0, rtol=1e-2, atol=1e-2): within 1e-2 of 0, not NaN.
            if (!(Math.abs(phase) <= 1e-2f)) {
                throw new IllegalStateException("linalg_eig_backward: The eigenvectors in the complex case are "
                        + "specified up to multiplication by e^{i phi}. The specified loss function depends on this "
                        + "quantity, so it is ill-defined.");
            }
        }
        // V^H V Re(diag(V^H gV)): scale the columns of V^H V by the real parts.
        Tensor projected = vhgv.sub(Complex.matmul(vh, v).mul(diag.select(-1, 0).unsqueeze(-2).unsqueeze(-1)));
        Tensor lc = Fft.conj(l);
        Tensor gaps = lc.unsqueeze(-3).sub(lc.unsqueeze(-2));   // conj(L_j - L_i) at [i, j]
        int n = l.size(-2);
        Tensor offDiagonal = Tensor.eye(n).eq(0f).unsqueeze(-1);
        Tensor safeGaps = Tensor.where(offDiagonal, gaps, Fft.complex(Tensor.ones(n, n), Tensor.zeros(n, n)));
        Tensor mid = Tensor.where(offDiagonal, Complex.div(projected, safeGaps), Tensor.scalar(0f));
        return Fft.real(solve(vh, Complex.matmul(mid, vh)));
    }

    /** The conjugate transpose of complex matrices [..., n, m, 2]. */
    private static Tensor conjugateTranspose(Tensor m) {
        return Fft.conj(m.transpose(-3, -2));
    }

    /**
     * The complex X with M X = B (M [..., n, n, 2], B [..., n, k, 2]), through the real system
     * {@code [[Mr, -Mi], [Mi, Mr]] [Xr; Xi] = [Br; Bi]}.
     */
    private static Tensor solve(Tensor m, Tensor b) {
        Tensor mr = m.select(-1, 0), mi = m.select(-1, 1);
        Tensor big = Tensor.cat(List.of(Tensor.cat(List.of(mr, mi.neg()), -1), Tensor.cat(List.of(mi, mr), -1)), -2);
        Tensor rhs = Tensor.cat(List.of(b.select(-1, 0), b.select(-1, 1)), -2);
        Tensor x = Linalg.solve(big, rhs);
        int n = m.size(-3);
        return Fft.complex(x.narrow(-2, 0, n), x.narrow(-2, n, n));
    }
}

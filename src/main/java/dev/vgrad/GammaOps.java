package dev.vgrad;

/**
 * The gamma and Dirichlet draws as tensor ops: torch._standard_gamma (differentiable through its implicit
 * reparameterization, PyTorch's StandardGammaBackward0: grad times _standard_gamma_grad), _standard_gamma_grad,
 * _sample_dirichlet and _dirichlet_grad (PyTorch gives these three no derivative: their nodes refuse backward, naming
 * the op). The draws are {@link GammaSampling}'s, the gradients {@link GammaGradients}'.
 */
final class GammaOps {
    private GammaOps() {}

    static Tensor standardGamma(Tensor alpha, Generator g) {
        Tensor out = GammaSampling.standardGamma(alpha, g);
        if (!Graph.recording(alpha)) {
            return out;
        }
        return Graph.recordWithOutput(out, "StandardGammaBackward0", alpha,
                (grad, input, output) -> grad.mul(standardGammaGrad(input, output)));
    }

    static Tensor standardGammaGrad(Tensor alpha, Tensor x) {
        BroadcastValues in = BroadcastValues.of("_standard_gamma_grad", alpha, x);
        float[] a = in.values()[0];
        float[] v = in.values()[1];
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = GammaGradients.standardGamma(a[i], v[i]);
        }
        return Graph.recordUndifferentiable(Tensor.of(out, in.shape()), "_standard_gamma_grad", alpha, x);
    }

    static Tensor sampleDirichlet(Tensor alpha, Generator g) {
        return Graph.recordUndifferentiable(GammaSampling.dirichlet(alpha, g), "_sample_dirichlet", alpha);
    }

    static Tensor dirichletGrad(Tensor x, Tensor alpha, Tensor total) {
        BroadcastValues in = BroadcastValues.of("_dirichlet_grad", x, alpha, total);
        float[] xs = in.values()[0];
        float[] a = in.values()[1];
        float[] t = in.values()[2];
        float[] out = new float[xs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = GammaGradients.dirichlet(xs[i], a[i], t[i]);
        }
        return Graph.recordUndifferentiable(Tensor.of(out, in.shape()), "_dirichlet_grad", x, alpha, total);
    }
}

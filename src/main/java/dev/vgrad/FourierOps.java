package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.kernels.Fourier;

/**
 * The one differentiable primitive under {@link Fft}: the DFT of complex sequences along the second-to-last
 * dimension of a tensor [..., n, 2] (PyTorch's view_as_real layout), times a scale. Its gradient is the same transform
 * the other way at the same scale ({@code s F^H g}: the DFT matrix's adjoint is the inverse transform unscaled), so
 * gradients of any order come from the op itself.
 */
final class FourierOps {
    private FourierOps() {}

    /** {@code scale} times the forward (or inverse) DFT of each sequence z[..., :, :] along dimension -2. */
    static Tensor transform(Tensor z, boolean inverse, double scale) {
        int[] shape = z.shape;
        int n = shape[shape.length - 2];
        Tensor result = Tensor.empty(shape, inverse ? "ifft" : "fft");
        int lines = n == 0 ? 0 : z.numel() / (2 * n);
        float[] in = z.toArray();
        double[] re = new double[in.length / 2], im = new double[in.length / 2];
        for (int i = 0; i < re.length; i++) {
            re[i] = in[2 * i];
            im[i] = in[2 * i + 1];
        }
        Fourier.transform(re, im, lines, n, inverse);
        float[] out = result.array();
        for (int i = 0, o = result.offset; i < re.length; i++) {
            out[o + 2 * i] = (float) (re[i] * scale);
            out[o + 2 * i + 1] = (float) (im[i] * scale);
        }
        if (!Graph.recording(z)) {
            return result;
        }
        result.setGradFn(new Node("FftC2CBackward0", z) {
            @Override
            protected Tensor[] apply(Tensor g) {
                return grads(transform(g, !inverse, scale));
            }
        });
        return result;
    }
}

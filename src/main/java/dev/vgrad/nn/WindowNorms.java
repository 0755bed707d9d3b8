package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Norms over sliding windows: local response normalization across channels and power-average (Lp) pooling. */
final class WindowNorms {
    private WindowNorms() {}

    /**
     * {@code x / (k + alpha * mean of x^2 over the size neighbouring channels)^beta}, the window centred as PyTorch
     * pads it (size / 2 channels before, (size - 1) / 2 after, zeros beyond the edges, always divided by size).
     */
    static Tensor localResponseNorm(Tensor x, int size, float alpha, float beta, float k) {
        if (x.dim() < 3) {
            throw new IllegalArgumentException("local_response_norm: expected 3D or higher dimensionality input (got "
                    + x.dim() + " dimensions: " + Arrays.toString(x.shape()) + ")");
        }
        if (size < 1) {
            throw new IllegalArgumentException("local_response_norm: size must be positive, got " + size);
        }
        int channels = x.size(1);
        Tensor squares = x.mul(x);
        int[] padShape = x.shape();
        List<Tensor> parts = new ArrayList<>(3);
        if (size / 2 > 0) {
            padShape[1] = size / 2;
            parts.add(Tensor.zeros(padShape.clone()));
        }
        parts.add(squares);
        if ((size - 1) / 2 > 0) {
            padShape[1] = (size - 1) / 2;
            parts.add(Tensor.zeros(padShape.clone()));
        }
        Tensor padded = parts.size() == 1 ? squares : Tensor.cat(parts, 1);
        Tensor window = padded.narrow(1, 0, channels);
        for (int j = 1; j < size; j++) {
            window = window.add(padded.narrow(1, j, channels));
        }
        return x.div(window.div(size).mul(alpha).add(k).pow(beta));
    }

    /**
     * {@code (sum over each window of x^p)^(1/p)}, as PyTorch computes it: the average pool of x^p times the window's
     * size, with a window whose sum is 0 (or negative, for odd p) giving a zero gradient.
     */
    static Tensor lpPool(Tensor x, float p, int[] kernel, int[] stride) {
        Tensor powered = x.pow(p);
        Tensor mean = kernel.length == 1 ? Functional.avgPool1d(powered, kernel[0], stride[0], 0)
                : Functional.avgPool2d(powered, kernel, stride, new int[] {0, 0});
        int area = 1;
        for (int k : kernel) {
            area *= k;
        }
        return mean.sign().mul(mean.abs().relu()).mul(area).pow(1f / p);
    }
}

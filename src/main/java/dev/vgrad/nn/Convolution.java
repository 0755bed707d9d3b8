package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The functional convolutions' argument forms: an unbatched [C, H, W] input as a batch of one, and conv1d as conv2d over
 * images of height 1. The convolution itself is {@link Tensor#conv2d} (implicit GEMM, one node).
 */
final class Convolution {
    private Convolution() {}

    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                         int groups) {
        if (input.dim() == 3) {
            return Tensor.conv2d(input.unsqueeze(0), weight, bias, stride, padding, dilation, groups).squeeze(0);
        }
        return Tensor.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    /** conv2d over [N, C, L] (or [C, L]) as images of height 1. */
    static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        if ((input.dim() != 3 && input.dim() != 2) || weight.dim() != 3) {
            throw new IllegalArgumentException("conv1d: expected input [N, C, L] (or [C, L]) and weight "
                    + "[O, C/groups, k], got " + shape(input) + " and " + shape(weight));
        }
        Tensor y = conv2d(input.unsqueeze(-2), weight.unsqueeze(2), bias, new int[] {1, stride}, new int[] {0, padding},
                new int[] {1, dilation}, groups);
        return y.squeeze(-2);
    }

    static String shape(Tensor t) {
        return java.util.Arrays.toString(t.shape());
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * torch.nn.functional.conv_transpose2d / conv_transpose1d, composed on conv2d so that every gradient (input, weight,
 * bias, and their second derivatives) is conv2d's: the input's pixels spread stride apart with zeros between them,
 * padded by {@code dilation (k - 1) - padding} on each side (cropped where that is negative) and output_padding more
 * at the bottom and right, then convolved at stride 1 with the kernel flipped and its in/out channels swapped within
 * each group. The zeros cost stride^2 times the multiply-adds of a direct kernel; correct first.
 */
final class TransposedConvolution {
    private TransposedConvolution() {}

    static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                  int[] outputPadding, int groups, int[] dilation) {
        boolean unbatched = input.dim() == 3;
        if ((input.dim() != 4 && !unbatched) || weight.dim() != 4) {
            throw new IllegalArgumentException("conv_transpose2d: expected input [N, C, H, W] or [C, H, W] and weight "
                    + "[C_in, C_out / groups, kH, kW], got " + Arrays.toString(input.shape()) + " and "
                    + Arrays.toString(weight.shape()));
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int in = x.size(1);
        if (groups <= 0 || weight.size(0) != in || in % groups != 0) {
            throw new IllegalArgumentException("conv_transpose2d: weight " + Arrays.toString(weight.shape())
                    + " needs " + in + " input channels (dimension 0) for input " + Arrays.toString(input.shape())
                    + ", divisible by groups=" + groups);
        }
        for (int k = 0; k < 2; k++) {
            if (stride[k] <= 0 || dilation[k] <= 0 || padding[k] < 0 || outputPadding[k] < 0) {
                throw new IllegalArgumentException("conv_transpose2d: stride and dilation must be positive, padding "
                        + "and output_padding non-negative, got stride=" + Arrays.toString(stride) + ", padding="
                        + Arrays.toString(padding) + ", output_padding=" + Arrays.toString(outputPadding)
                        + ", dilation=" + Arrays.toString(dilation));
            }
            if (outputPadding[k] >= stride[k] && outputPadding[k] >= dilation[k]) {
                throw new IllegalArgumentException("output padding must be smaller than either stride or dilation, but "
                        + "got output_padding=" + Arrays.toString(outputPadding) + ", stride=" + Arrays.toString(stride)
                        + ", dilation=" + Arrays.toString(dilation));
            }
        }
        int perGroupOut = weight.size(1), kh = weight.size(2), kw = weight.size(3);
        if (bias != null && (bias.dim() != 1 || bias.size(0) != perGroupOut * groups)) {
            throw new IllegalArgumentException("conv_transpose2d: bias " + Arrays.toString(bias.shape())
                    + " should be [" + perGroupOut * groups + "]");
        }
        Tensor spread = spread(spread(x, 2, stride[0]), 3, stride[1]);
        int ph = dilation[0] * (kh - 1) - padding[0], pw = dilation[1] * (kw - 1) - padding[1];
        Tensor padded = Functional.pad(spread, new int[] {pw, pw + outputPadding[1], ph, ph + outputPadding[0]});
        Tensor kernel = weight.flip(2, 3).reshape(groups, in / groups, perGroupOut, kh, kw).transpose(1, 2)
                .reshape(groups * perGroupOut, in / groups, kh, kw);
        Tensor y = Functional.conv2d(padded, kernel, bias, new int[] {1, 1}, new int[] {0, 0}, dilation, groups);
        return unbatched ? y.squeeze(0) : y;
    }

    /** x with stride - 1 zeros between neighbours along dimension d (itself for stride 1). */
    private static Tensor spread(Tensor x, int d, int stride) {
        if (stride == 1 || x.size(d) == 0) {
            return x;
        }
        int n = x.size(d);
        Tensor gapped = x.unsqueeze(d + 1);
        int[] pad = new int[2 * (gapped.dim() - d - 1)];
        pad[pad.length - 1] = stride - 1;   // the pair of dimension d + 1, counted from the last
        int[] shape = x.shape();
        shape[d] = n * stride;
        return Functional.pad(gapped, pad).reshape(shape).narrow(d, 0, (n - 1) * stride + 1);
    }

    static Tensor convTranspose1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int outputPadding,
                                  int groups, int dilation) {
        if ((input.dim() != 3 && input.dim() != 2) || weight.dim() != 3) {
            throw new IllegalArgumentException("conv_transpose1d: expected input [N, C, L] or [C, L] and weight "
                    + "[C_in, C_out / groups, k], got " + Arrays.toString(input.shape()) + " and "
                    + Arrays.toString(weight.shape()));
        }
        return convTranspose2d(input.unsqueeze(-2), weight.unsqueeze(2), bias, new int[] {1, stride},
                new int[] {0, padding}, new int[] {0, outputPadding}, groups, new int[] {1, dilation}).squeeze(-2);
    }
}

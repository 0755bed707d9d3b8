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

    /**
     * The transposed 3-D convolution of [N, C_in, D, H, W] (or unbatched) by weight [C_in, C_out / groups, kD, kH, kW]
     * as one transposed 2-D convolution per depth tap: tap kd turns input depth d into output depth
     * {@code d * stride - padding + kd * dilation}, and the taps' results are added there (an index-add along depth);
     * the bias once at the end.
     */
    static Tensor convTranspose3d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                  int[] outputPadding, int groups, int[] dilation) {
        if ((input.dim() != 5 && input.dim() != 4) || weight.dim() != 5) {
            throw new IllegalArgumentException("conv_transpose3d: expected input [N, C, D, H, W] or [C, D, H, W] and "
                    + "weight [C_in, C_out / groups, kD, kH, kW], got " + Arrays.toString(input.shape()) + " and "
                    + Arrays.toString(weight.shape()));
        }
        if (input.dim() == 4) {
            return convTranspose3d(input.unsqueeze(0), weight, bias, stride, padding, outputPadding, groups, dilation)
                    .squeeze(0);
        }
        int n = input.size(0), c = input.size(1), depth = input.size(2), h = input.size(3), w = input.size(4);
        int taps = weight.size(2);
        int outDepth = (depth - 1) * stride[0] - 2 * padding[0] + dilation[0] * (taps - 1) + outputPadding[0] + 1;
        if (outDepth <= 0) {
            throw new IllegalArgumentException("conv_transpose3d: the output depth of " + Arrays.toString(
                    input.shape()) + " with weight " + Arrays.toString(weight.shape()) + " would be " + outDepth);
        }
        Tensor images = input.movedim(2, 1).reshape(n * depth, c, h, w);
        int[] stride2 = {stride[1], stride[2]}, padding2 = {padding[1], padding[2]};
        int[] outputPadding2 = {outputPadding[1], outputPadding[2]}, dilation2 = {dilation[1], dilation[2]};
        Tensor sum = null;
        for (int kd = 0; kd < taps; kd++) {
            Tensor y = convTranspose2d(images, weight.select(2, kd), null, stride2, padding2, outputPadding2, groups,
                    dilation2);
            int oh = y.size(2), ow = y.size(3), out = y.size(1);
            if (sum == null) {
                sum = Tensor.zeros(n, out, outDepth, oh, ow);
            }
            Tensor planes = y.reshape(n, depth, out, oh, ow).movedim(1, 2);
            int first = -1, count = 0;
            float[] at = new float[depth];
            for (int d = 0; d < depth; d++) {
                int z = d * stride[0] - padding[0] + kd * dilation[0];
                if (z >= 0 && z < outDepth) {
                    first = first < 0 ? d : first;
                    at[count++] = z;
                }
            }
            if (count > 0) {   // the input depths that land inside the output are consecutive
                sum = sum.indexAdd(2, Tensor.of(Arrays.copyOf(at, count)), planes.narrow(2, first, count));
            }
        }
        return bias == null ? sum : sum.add(bias.reshape(1, -1, 1, 1, 1));
    }

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

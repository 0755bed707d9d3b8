package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The functional convolutions' argument forms: an unbatched [C, H, W] input as a batch of one, conv1d as conv2d over
 * images of height 1, conv3d as conv2d per depth tap. The convolution itself is {@link Tensor#conv2d} (implicit GEMM,
 * one node).
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

    /**
     * conv2d with torch's string padding: "valid" pads nothing; "same" (stride 1 only) pads each spatial dimension by
     * dilation * (k - 1) in all, half before and the rest after, so an odd total puts the extra row or column at the
     * bottom or right, as torch pads it (a zero-padded copy of the input, then the symmetric part in the convolution).
     */
    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation,
                         int groups) {
        if (!isSame(padding, stride)) {
            return conv2d(input, weight, bias, stride, new int[2], dilation, groups);
        }
        int[] before = new int[2], after = new int[2];
        for (int i = 0; i < 2; i++) {
            int total = dilation[i] * (weight.shape()[weight.dim() - 2 + i] - 1);
            before[i] = total / 2;
            after[i] = total % 2;
        }
        Tensor padded = after[0] + after[1] == 0 ? input : Functional.pad(input, new int[] {0, after[1], 0, after[0]});
        return conv2d(padded, weight, bias, stride, before, dilation, groups);
    }

    /** conv1d with torch's string padding, as {@link #conv2d(Tensor, Tensor, Tensor, int[], String, int[], int)}. */
    static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, String padding, int dilation,
                         int groups) {
        if (!isSame(padding, new int[] {stride})) {
            return conv1d(input, weight, bias, stride, 0, dilation, groups);
        }
        int total = dilation * (weight.shape()[weight.dim() - 1] - 1), before = total / 2, after = total % 2;
        Tensor padded = after == 0 ? input : Functional.pad(input, new int[] {0, after});
        return conv1d(padded, weight, bias, stride, before, dilation, groups);
    }

    /**
     * Whether a string padding is "same" (true) or "valid" (false); refuses other strings and "same" with a stride, in
     * PyTorch's words.
     */
    static boolean isSame(String padding, int[] stride) {
        if ("valid".equals(padding)) {
            return false;
        }
        if (!"same".equals(padding)) {
            throw new IllegalArgumentException("Invalid padding string '" + padding
                    + "', should be one of {'same', 'valid'}");
        }
        for (int s : stride) {
            if (s != 1) {
                throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
            }
        }
        return true;
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

    /**
     * conv3d over [N, C, D, H, W] (or [C, D, H, W]) as one conv2d per depth tap of the kernel: for tap kd, the input
     * planes each output depth reads through it (zero planes standing in for the depth padding) go through conv2d
     * with the kernel's kd slice as a batch of N x outD images, and the taps add up. Every product runs on the 2-D
     * implicit GEMM; the whole is differentiable through the ops it is made of.
     */
    static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                         int groups) {
        if ((input.dim() != 5 && input.dim() != 4) || weight.dim() != 5) {
            throw new IllegalArgumentException("conv3d: expected input [N, C, D, H, W] (or [C, D, H, W]) and weight "
                    + "[O, C/groups, kD, kH, kW], got " + shape(input) + " and " + shape(weight));
        }
        if (input.dim() == 4) {
            return conv3d(input.unsqueeze(0), weight, bias, stride, padding, dilation, groups).squeeze(0);
        }
        int n = input.size(0), c = input.size(1), depth = input.size(2), h = input.size(3), w = input.size(4);
        int taps = weight.size(2);
        if (c != weight.size(1) * groups) {
            throw new IllegalArgumentException("conv3d: expected input " + shape(input) + " to have "
                    + weight.size(1) * groups + " channels (weight " + shape(weight) + ", groups " + groups
                    + "), but got " + c + " channels instead");
        }
        int outDepth = Math.floorDiv(depth + 2 * padding[0] - dilation[0] * (taps - 1) - 1, stride[0]) + 1;
        if (outDepth <= 0) {
            throw new IllegalArgumentException("conv3d: the kernel " + shape(weight) + " with dilation "
                    + dilation[0] + " does not fit the padded depth of " + shape(input));
        }
        Tensor x = input;
        if (padding[0] > 0) {
            Tensor zeros = Tensor.zeros(n, c, padding[0], h, w);
            x = Tensor.cat(java.util.List.of(zeros, input, zeros), 2);
        }
        int[] stride2 = {stride[1], stride[2]}, padding2 = {padding[1], padding[2]}, dilation2 = {dilation[1],
            dilation[2]};
        Tensor sum = null;
        for (int kd = 0; kd < taps; kd++) {
            Tensor planes;
            if (stride[0] == 1) {
                planes = x.narrow(2, kd * dilation[0], outDepth);
            } else {
                float[] at = new float[outDepth];
                for (int d = 0; d < outDepth; d++) {
                    at[d] = kd * dilation[0] + d * stride[0];
                }
                planes = x.indexSelect(2, Tensor.of(at));
            }
            Tensor images = planes.movedim(2, 1).reshape(n * outDepth, c, h, w);
            Tensor y = Tensor.conv2d(images, weight.select(2, kd), kd == 0 ? bias : null, stride2, padding2, dilation2,
                    groups);
            sum = sum == null ? y : sum.add(y);
        }
        return sum.reshape(n, outDepth, sum.size(1), sum.size(2), sum.size(3)).movedim(1, 2);
    }

    static String shape(Tensor t) {
        return java.util.Arrays.toString(t.shape());
    }
}

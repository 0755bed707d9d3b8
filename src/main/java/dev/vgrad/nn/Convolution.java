package dev.vgrad.nn;

import dev.vgrad.Patches;
import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolution as patches times weights: each group's input unfolded into one matrix of the whole batch's patches
 * [C/g*kh*kw, N*L], multiplied by the group's weights [O/g, C/g*kh*kw] (one GEMM), the groups stacked. Unfold, fold and matmul are
 * differentiable, so both backward products (through the GEMM's transpose flags) and second derivatives follow.
 * (An implicit GEMM that never materialises the columns is the throughput issue's: issue 9, item 4.)
 */
final class Convolution {
    private Convolution() {}

    static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                         int groups) {
        boolean unbatched = input.dim() == 3;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        if (x.dim() != 4 || weight.dim() != 4) {
            throw new IllegalArgumentException("conv2d: expected input [N, C, H, W] (or [C, H, W]) and weight "
                    + "[O, C/groups, kh, kw], got " + shape(input) + " and " + shape(weight));
        }
        int channels = x.size(1), out = weight.size(0);
        if (groups <= 0 || out % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups must be positive and divide the " + out
                    + " output channels, got groups=" + groups);
        }
        if (channels != weight.size(1) * groups) {
            throw new IllegalArgumentException("Given groups=" + groups + ", weight of size " + shape(weight)
                    + ", expected input" + shape(input) + " to have " + weight.size(1) * groups
                    + " channels, but got " + channels + " channels instead");
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != out)) {
            throw new IllegalArgumentException("conv2d: bias must be [" + out + "], got " + shape(bias));
        }
        int[] kernel = {weight.size(2), weight.size(3)};
        int perGroupIn = channels / groups, perGroupOut = out / groups;
        List<Tensor> parts = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            Tensor xg = groups == 1 ? x : x.narrow(1, g * perGroupIn, perGroupIn);
            // [C/g*kh*kw, N*L]: the whole batch's patches, so the group is one GEMM
            Tensor columns = Patches.batchColumns(xg, kernel, dilation, padding, stride);
            Tensor wg = (groups == 1 ? weight : weight.narrow(0, g * perGroupOut, perGroupOut)).reshape(perGroupOut, -1);
            parts.add(wg.matmul(columns));
        }
        Tensor y = groups == 1 ? parts.get(0) : Tensor.cat(parts, 0);   // [O, N*L]
        int outH = (x.size(2) + 2 * padding[0] - dilation[0] * (kernel[0] - 1) - 1) / stride[0] + 1;
        int outW = y.size(1) / x.size(0) / outH;
        y = y.reshape(out, x.size(0), outH, outW).permute(1, 0, 2, 3);
        if (bias != null) {
            y = y.add(bias.reshape(1, out, 1, 1));
        }
        return unbatched ? y.squeeze(0) : y;
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

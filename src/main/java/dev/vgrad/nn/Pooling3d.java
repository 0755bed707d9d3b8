package dev.vgrad.nn;

import dev.vgrad.AdaptivePooling;
import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * 3-D max and average pooling as 2-D pooling of every depth plane followed by the depth windows: a box's maximum is
 * the largest of its planes' window maxima (taken in PyTorch's scan order, see {@link #scanMax}), and (zero padding
 * counted, PyTorch's default) its mean is the mean of theirs. Differentiable through the ops it is made of.
 */
final class Pooling3d {
    private Pooling3d() {}

    static Tensor pool(String op, Tensor input, int[] kernel, int[] stride, int[] padding, boolean max) {
        boolean unbatched = input.dim() == 4;
        if (input.dim() != 5 && !unbatched) {
            throw new IllegalArgumentException(op + ": expected input [N, C, D, H, W] or [C, D, H, W], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        for (int i = 0; i < 3; i++) {
            if (padding[i] * 2 > kernel[i]) {
                throw new IllegalArgumentException(op + ": pad should be at most half of kernel size, but got pad="
                        + java.util.Arrays.toString(padding) + " and kernel_size=" + java.util.Arrays.toString(kernel));
            }
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int n = x.size(0), c = x.size(1), depth = x.size(2), h = x.size(3), w = x.size(4);
        int outDepth = Math.floorDiv(depth + 2 * padding[0] - kernel[0], stride[0]) + 1;
        if (outDepth <= 0) {
            throw new IllegalArgumentException(op + ": the window " + java.util.Arrays.toString(kernel)
                    + " does not fit the padded depth of " + java.util.Arrays.toString(input.shape()));
        }
        int[] k2 = {kernel[1], kernel[2]}, s2 = {stride[1], stride[2]}, p2 = {padding[1], padding[2]};
        Tensor planes = x.reshape(n * c * depth, 1, h, w);
        Tensor pooled = max ? Functional.maxPool2d(planes, k2, s2, p2) : Functional.avgPool2d(planes, k2, s2, p2);
        int oh = pooled.size(2), ow = pooled.size(3);
        Tensor perPlane = pooled.reshape(n, c, depth, oh, ow);
        if (max) {
            // Each window's own planes in depth order, padding left out: PyTorch's scan starts from a window's first
            // real element, so a window of -infinity goes to that element, where -infinity padding planes ahead of it
            // had taken it (and its gradient)
            List<Tensor> slices = new ArrayList<>(outDepth);
            for (int d = 0; d < outDepth; d++) {
                int from = Math.max(0, d * stride[0] - padding[0]);
                slices.add(planesMax(perPlane, from, Math.min(depth, d * stride[0] - padding[0] + kernel[0])));
            }
            Tensor out = Tensor.stack(slices, 2);
            return unbatched ? out.squeeze(0) : out;
        }
        if (padding[0] > 0) {   // zeros count in the mean, as PyTorch's default
            Tensor pad = Tensor.full(0f, n, c, padding[0], oh, ow);
            perPlane = Tensor.cat(List.of(pad, perPlane, pad), 2);
        }
        List<Tensor> taps = new ArrayList<>(kernel[0]);
        for (int kd = 0; kd < kernel[0]; kd++) {
            if (stride[0] == 1) {
                taps.add(perPlane.narrow(2, kd, outDepth));
            } else {
                float[] at = new float[outDepth];
                for (int d = 0; d < outDepth; d++) {
                    at[d] = kd + d * stride[0];
                }
                taps.add(perPlane.indexSelect(2, Tensor.of(at)));
            }
        }
        Tensor out = taps.get(0);
        for (int kd = 1; kd < taps.size(); kd++) {
            out = out.add(taps.get(kd));
        }
        if (taps.size() > 1) {
            out = out.div(taps.size());
        }
        return unbatched ? out.squeeze(0) : out;
    }

    /**
     * The larger of the maxima of a window's earlier and later depth planes, as PyTorch's 3-D max pooling picks it: its
     * scan runs through depth before height and width and takes a value only where it is greater than the maximum so
     * far or NaN, so of equal maxima the earlier plane keeps the window, and its gradient, and a NaN in the later plane
     * takes it. The maximum of the two split the gradient of equal values between them instead (seed 6006 of
     * scripts/fixture-seeds.sh: a MaxPool3d's input gradient -0.762 where PyTorch's is -0.219), and max over the depth
     * window gave it to the first NaN.
     */
    private static Tensor scanMax(Tensor earlier, Tensor later) {
        return Tensor.where(later.gt(earlier).logicalOr(later.isnan()), later, earlier);
    }

    /** The maximum of depth planes [from, to) of [N, C, D, h, w] (to > from), reduced in depth order by scanMax. */
    private static Tensor planesMax(Tensor planes, int from, int to) {
        Tensor m = planes.select(2, from);
        for (int d = from + 1; d < to; d++) {
            m = scanMax(m, planes.select(2, d));
        }
        return m;
    }

    /**
     * Adaptive 3-D pooling of [N, C, D, H, W] (or [C, D, H, W]) to (od, oh, ow): every depth plane pooled adaptively
     * in 2-D, then PyTorch's depth windows [floor(i D / od), ceil((i + 1) D / od)) reduced plane by plane in depth
     * order ({@link #scanMax}) or by mean (each plane's window has the same area, so the mean of the planes' means is
     * the box's mean).
     */
    static Tensor adaptive(String op, Tensor input, int[] outputSize, boolean max) {
        boolean unbatched = input.dim() == 4;
        if ((input.dim() != 5 && !unbatched) || outputSize.length != 3 || outputSize[0] <= 0 || outputSize[1] <= 0
                || outputSize[2] <= 0) {
            throw new IllegalArgumentException(op + ": expected input [N, C, D, H, W] or [C, D, H, W] and a positive "
                    + "output size (d, h, w), got " + java.util.Arrays.toString(input.shape()) + " and "
                    + java.util.Arrays.toString(outputSize));
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        int n = x.size(0), c = x.size(1), depth = x.size(2), od = outputSize[0];
        int[] planeSize = {outputSize[1], outputSize[2]};
        Tensor planes = x.reshape(n * c * depth, 1, x.size(3), x.size(4));
        Tensor pooled = (max ? Functional.adaptiveMaxPool2d(planes, planeSize)
                : Functional.adaptiveAvgPool2d(planes, planeSize)).reshape(n, c, depth, planeSize[0], planeSize[1]);
        List<Tensor> slices = new ArrayList<>(od);
        for (int i = 0; i < od; i++) {
            int d0 = AdaptivePooling.start(i, depth, od), d1 = AdaptivePooling.end(i, depth, od);
            slices.add(max ? planesMax(pooled, d0, d1) : pooled.narrow(2, d0, d1 - d0).mean(2, false));
        }
        Tensor out = Tensor.stack(slices, 2);
        return unbatched ? out.squeeze(0) : out;
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * Spatial transformers' two halves, as {@code torch.nn.functional.affine_grid} and {@code grid_sample}: a grid of
 * sampling points from affine matrices, and an image read at those points (bilinear or nearest). Composed from differentiable ops: the image gets its gradient through a gather, the grid through the
 * bilinear weights (a point's corners do not move with it, as in PyTorch). Padding outside: zeros, the border, or the
 * image reflected.
 */
final class GridSampling {
    private GridSampling() {}

    /**
     * Normalized sampling points [N, H, W, 2] (x, y) for output size [N, C, H, W]: theta [N, 2, 3] applied to the
     * pixel centres (or, with alignCorners, the corner pixels) spread over [-1, 1].
     */
    static Tensor affineGrid(Tensor theta, int[] size, boolean alignCorners) {
        if (theta.dim() != 3 || theta.size(1) != 2 || theta.size(2) != 3 || size.length != 4
                || size[0] != theta.size(0)) {
            throw new IllegalArgumentException("affine_grid: expected theta [N, 2, 3] and size [N, C, H, W] with the "
                    + "same N, got " + Arrays.toString(theta.shape()) + " and " + Arrays.toString(size));
        }
        int n = size[0], h = size[2], w = size[3];
        float[] xs = coordinates(w, alignCorners), ys = coordinates(h, alignCorners);
        float[] base = new float[h * w * 3];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                base[(i * w + j) * 3] = xs[j];
                base[(i * w + j) * 3 + 1] = ys[i];
                base[(i * w + j) * 3 + 2] = 1f;
            }
        }
        Tensor points = Tensor.of(base, 1, h * w, 3).expand(n, h * w, 3);
        return points.bmm(theta.transpose(1, 2)).reshape(n, h, w, 2);
    }

    /**
     * PyTorch's {@code linspace(-1, 1, steps)} (the same bits: {@link Tensor#linspace}), each point times
     * {@code steps - 1} and then divided by {@code steps} without alignCorners, as its float ops round them; one 0 for a
     * single step.
     */
    private static float[] coordinates(int steps, boolean alignCorners) {
        if (steps <= 1) {
            return new float[steps];
        }
        float[] v = Tensor.linspace(-1f, 1f, steps).toArray();
        for (int i = 0; !alignCorners && i < steps; i++) {
            v[i] = v[i] * (steps - 1) / steps;
        }
        return v;
    }

    /** input [N, C, H, W] read at grid [N, Ho, Wo, 2] (x then y, in [-1, 1]): [N, C, Ho, Wo]. */
    static Tensor gridSample(Tensor input, Tensor grid, String mode, String paddingMode, boolean alignCorners) {
        if (input.dim() != 4 || grid.dim() != 4 || grid.size(3) != 2 || grid.size(0) != input.size(0)) {
            throw new IllegalArgumentException("grid_sample: expected input [N, C, H, W] and grid [N, Ho, Wo, 2] with "
                    + "the same N, got " + Arrays.toString(input.shape()) + " and " + Arrays.toString(grid.shape()));
        }
        if (!mode.equals("bilinear") && !mode.equals("nearest")) {
            throw new IllegalArgumentException("grid_sample: mode " + mode + " is not supported (bilinear or nearest)");
        }
        if (!paddingMode.equals("zeros") && !paddingMode.equals("border") && !paddingMode.equals("reflection")) {
            throw new IllegalArgumentException("grid_sample: padding_mode " + paddingMode
                    + " is not supported (zeros, border or reflection)");
        }
        int n = input.size(0), c = input.size(1), h = input.size(2), w = input.size(3);
        int oh = grid.size(1), ow = grid.size(2);
        Tensor x = unnormalize(grid.select(3, 0), w, alignCorners, paddingMode);
        Tensor y = unnormalize(grid.select(3, 1), h, alignCorners, paddingMode);
        Tensor flat = input.reshape(n, c, h * w);
        if (mode.equals("nearest")) {
            // the grid gets a zero gradient, as PyTorch's: joined by a where that always takes the pixels
            Tensor pixels = corner(flat, x.detach().round(), y.detach().round(), h, w, c);
            Tensor points = x.add(y).reshape(n, 1, oh * ow);
            return Tensor.where(Tensor.ones(1), pixels, points).reshape(n, c, oh, ow);
        }
        Tensor x0 = x.detach().floor(), y0 = y.detach().floor();
        Tensor x1 = x0.add(1f), y1 = y0.add(1f);
        int points = oh * ow;
        Tensor wx1 = x.sub(x0).reshape(n, 1, points), wx0 = x1.sub(x).reshape(n, 1, points);
        Tensor wy1 = y.sub(y0).reshape(n, 1, points), wy0 = y1.sub(y).reshape(n, 1, points);
        Tensor out = corner(flat, x0, y0, h, w, c).mul(wx0.mul(wy0))
                .add(corner(flat, x1, y0, h, w, c).mul(wx1.mul(wy0)))
                .add(corner(flat, x0, y1, h, w, c).mul(wx0.mul(wy1)))
                .add(corner(flat, x1, y1, h, w, c).mul(wx1.mul(wy1)));
        return out.reshape(n, c, oh, ow);
    }

    /**
     * Pixel coordinates of normalized ones; with border padding clamped inside the image, with reflection mirrored
     * at its edges (the corner pixels' centres, or their outer edges without alignCorners) and then clamped.
     */
    private static Tensor unnormalize(Tensor v, int size, boolean alignCorners, String paddingMode) {
        Tensor pixel = alignCorners ? v.add(1f).mul((size - 1) / 2f) : v.add(1f).mul(size).sub(1f).div(2f);
        if (paddingMode.equals("reflection")) {
            pixel = alignCorners ? reflect(pixel, 0, 2 * (size - 1)) : reflect(pixel, -1, 2 * size - 1);
        }
        return paddingMode.equals("zeros") ? pixel : pixel.clamp(0f, size - 1);
    }

    /**
     * PyTorch's reflect_coordinates: x folded into [low / 2, high / 2] (given doubled, to stay integral) by mirroring
     * at both ends as often as it takes; the slope is +1 or -1 by the number of folds.
     */
    private static Tensor reflect(Tensor x, int twiceLow, int twiceHigh) {
        if (twiceLow == twiceHigh) {
            return x.mul(0f);
        }
        float min = twiceLow / 2f, span = (twiceHigh - twiceLow) / 2f;
        Tensor distance = x.sub(min).abs();
        Tensor flips = distance.detach().div(span).floor();
        Tensor extra = distance.sub(flips.mul(span));
        Tensor even = flips.remainder(2f).eq(0f);
        return Tensor.where(even, extra.add(min), extra.neg().add(span + min));
    }

    /**
     * The input at integer pixels (x, y) [N, Ho, Wo] as [N, C, Ho * Wo], zero where the pixel is outside the image
     * (or not a number).
     */
    private static Tensor corner(Tensor flat, Tensor x, Tensor y, int h, int w, int c) {
        int n = x.size(0), points = x.size(1) * x.size(2);
        float[] xs = x.contiguous().toArray(), ys = y.contiguous().toArray();
        // written into tensors of their own (arena memory inside an arena), not arrays copied into Tensor.of
        Tensor at = Tensor.zeros(n, 1, points), inside = Tensor.zeros(n, 1, points);
        float[] index = at.sharedArray(), isInside = inside.sharedArray();
        for (int i = 0; i < xs.length; i++) {
            boolean in = xs[i] >= 0 && xs[i] <= w - 1 && ys[i] >= 0 && ys[i] <= h - 1;
            isInside[i] = in ? 1f : 0f;
            index[i] = in ? ys[i] * w + xs[i] : 0f;
        }
        // where, not a product: an infinite or NaN pixel at index 0 must not leak into points outside the image
        return Tensor.where(inside, flat.gather(2, at.expand(n, c, points)), Tensor.zeros(1));
    }
}

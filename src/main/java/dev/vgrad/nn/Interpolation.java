package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * torch.nn.functional.interpolate for "nearest", the linear modes ("linear" on [N, C, L], "bilinear" on [N, C, H, W],
 * "trilinear" on [N, C, D, H, W]), "bicubic" and "area", one spatial dimension at a time: nearest picks source rows with
 * one index_select, a linear mode blends two picked rows with per-row weights, bicubic four (Keys' cubic convolution with
 * a = -0.75, rows beyond an edge replaced by the edge, as PyTorch's kernel reads them), so the whole op is
 * differentiable (repeated rows' gradients add up). "area" is adaptive average pooling to the output size.
 * Source positions are computed in float as PyTorch's CPU kernels compute them: a given scale factor s is used as
 * 1/s (not recomputed from the sizes), align_corners maps the corner pixels onto each other, and otherwise pixel
 * centres are aligned ({@code (i + 0.5) scale - 0.5}, clamped at 0).
 */
final class Interpolation {
    private Interpolation() {}

    static Tensor interpolate(Tensor x, int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        int spatial = x.dim() - 2;
        int needed = switch (mode) {
            case "linear" -> 1;
            case "bilinear", "bicubic" -> 2;
            case "trilinear" -> 3;
            case "nearest", "area" -> 0;
            default -> throw new IllegalArgumentException("interpolate: mode '" + mode + "' is not supported (nearest, "
                    + "linear, bilinear, bicubic, trilinear, area)");
        };
        boolean linear = mode.endsWith("linear"), cubic = mode.equals("bicubic"), area = mode.equals("area");
        if (needed > 0 && spatial != needed) {
            throw new IllegalArgumentException("interpolate: " + mode + " needs a " + (needed + 2)
                    + "-D input [N, C, ...], got " + Arrays.toString(x.shape()));
        }
        if (area && spatial == 3) {
            throw new IllegalArgumentException("interpolate: area on a 5-D input (adaptive 3-D pooling) is not "
                    + "supported, got " + Arrays.toString(x.shape()));
        }
        if (spatial < 1 || spatial > 3) {
            throw new IllegalArgumentException("interpolate: expected a 3-D, 4-D or 5-D input [N, C, ...], got "
                    + Arrays.toString(x.shape()));
        }
        if (!linear && !cubic && alignCorners != null) {
            throw new IllegalArgumentException("align_corners option can only be set with the interpolating modes: "
                    + "linear | bilinear | bicubic | trilinear");
        }
        if ((size == null) == (scaleFactor == null)) {
            throw new IllegalArgumentException("interpolate: give either size or scale_factor, not both or neither");
        }
        int[] out = size != null ? size : new int[spatial];
        if ((size != null ? size.length : scaleFactor.length) != spatial) {
            throw new IllegalArgumentException("interpolate: input " + Arrays.toString(x.shape()) + " has " + spatial
                    + " spatial dimension(s), but " + (size != null ? "size " + Arrays.toString(size)
                    : "scale_factor " + Arrays.toString(scaleFactor)) + " has " + (size != null ? size.length
                    : scaleFactor.length));
        }
        boolean corners = alignCorners != null && alignCorners;
        Tensor y = x;
        for (int k = 0; k < spatial; k++) {
            int in = x.size(k + 2);
            if (scaleFactor != null) {
                if (!(scaleFactor[k] > 0)) {
                    throw new IllegalArgumentException("interpolate: scale_factor must be positive, got "
                            + Arrays.toString(scaleFactor));
                }
                out[k] = (int) Math.floor(in * scaleFactor[k]);
            }
            if (out[k] <= 0 || in <= 0) {
                throw new IllegalArgumentException("interpolate: input and output sizes should be greater than 0, but "
                        + "got input " + Arrays.toString(x.shape()) + " and output size " + out[k] + " in dimension "
                        + (k + 2));
            }
            Double scale = scaleFactor == null ? null : scaleFactor[k];
            if (!area) {
                y = linear ? linearAlong(y, k + 2, in, out[k], scale, corners)
                        : cubic ? cubicAlong(y, k + 2, in, out[k], scale, corners)
                        : nearestAlong(y, k + 2, in, out[k], scale);
            }
        }
        return !area ? y : spatial == 1 ? Functional.adaptiveAvgPool1d(x, out[0]) : Functional.adaptiveAvgPool2d(x, out);
    }

    /** Keys' cubic convolution coefficient a, PyTorch's. */
    private static final float CUBIC_A = -0.75f;

    private static float cubicNear(float t) {   // |t| <= 1
        return ((CUBIC_A + 2) * t - (CUBIC_A + 3)) * t * t + 1;
    }

    private static float cubicFar(float t) {   // 1 < |t| < 2
        return ((CUBIC_A * t - 5 * CUBIC_A) * t + 8 * CUBIC_A) * t - 4 * CUBIC_A;
    }

    /** Bicubic along d: four source rows a output row, clamped into [0, in), weighted by the cubic kernel. */
    private static Tensor cubicAlong(Tensor x, int d, int in, int out, Double scaleFactor, boolean corners) {
        float scale = corners ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f) : scale(in, out, scaleFactor);
        int[][] rows = new int[4][out];
        float[][] weights = new float[4][out];
        for (int o = 0; o < out; o++) {
            float src = corners ? scale * o : scale * (o + 0.5f) - 0.5f;   // not clamped at 0, as for cubic in torch
            int base = (int) Math.floor(src);
            float t = src - base;
            weights[0][o] = cubicFar(t + 1);
            weights[1][o] = cubicNear(t);
            weights[2][o] = cubicNear(1 - t);
            weights[3][o] = cubicFar(2 - t);
            for (int k = 0; k < 4; k++) {
                rows[k][o] = Math.min(Math.max(base - 1 + k, 0), in - 1);
            }
        }
        int[] along = new int[x.dim()];
        Arrays.fill(along, 1);
        along[d] = out;
        Tensor y = null;
        for (int k = 0; k < 4; k++) {
            Tensor term = x.indexSelect(d, rows[k]).mul(Tensor.of(weights[k], along));
            y = y == null ? term : y.add(term);
        }
        return y;
    }

    /** compute_scales_value: 1/scale_factor where one was given, else in/out, in float. */
    private static float scale(int in, int out, Double scaleFactor) {
        return scaleFactor != null ? (float) (1.0 / scaleFactor) : (float) in / out;
    }

    private static Tensor nearestAlong(Tensor x, int d, int in, int out, Double scaleFactor) {
        int[] from = new int[out];
        float scale = scale(in, out, scaleFactor);
        for (int o = 0; o < out; o++) {
            from[o] = out == in ? o : out == 2 * in ? o >> 1 : Math.min((int) Math.floor(o * scale), in - 1);
        }
        return x.indexSelect(d, from);
    }

    private static Tensor linearAlong(Tensor x, int d, int in, int out, Double scaleFactor, boolean corners) {
        float scale = corners ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f) : scale(in, out, scaleFactor);
        int[] lo = new int[out], hi = new int[out];
        float[] wLo = new float[out], wHi = new float[out];
        for (int o = 0; o < out; o++) {
            float src = corners ? scale * o : Math.max(scale * (o + 0.5f) - 0.5f, 0f);
            lo[o] = Math.min((int) src, in - 1);
            hi[o] = lo[o] + (lo[o] < in - 1 ? 1 : 0);
            wHi[o] = src - lo[o];
            wLo[o] = 1f - wHi[o];
        }
        int[] along = new int[x.dim()];
        Arrays.fill(along, 1);
        along[d] = out;
        return x.indexSelect(d, lo).mul(Tensor.of(wLo, along)).add(x.indexSelect(d, hi).mul(Tensor.of(wHi, along)));
    }
}

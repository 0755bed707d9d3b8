package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Layers that only move values: pixel shuffle and unshuffle (sub-pixel convolution's rearrangement), composed of a
 * reshape, a permute and a reshape, so their gradients are those views' and copies'.
 */
final class Reshuffles {
    private Reshuffles() {}

    /** [*, C r^2, H, W] to [*, C, H r, W r] (F.pixel_shuffle). */
    static Tensor pixelShuffle(Tensor x, int r) {
        int d = x.dim();
        if (d < 3 || r <= 0 || x.size(-3) % (r * r) != 0) {
            throw new IllegalArgumentException("pixel_shuffle: expected an input of at least 3 dimensions whose "
                    + "channels divide by upscale_factor^2 = " + ((long) r * r) + ", got "
                    + java.util.Arrays.toString(x.shape()) + " and upscale_factor " + r);
        }
        int c = x.size(-3) / (r * r), h = x.size(-2), w = x.size(-1);
        int[] lead = java.util.Arrays.copyOf(x.shape(), d - 3);
        int b = Math.toIntExact(java.util.Arrays.stream(lead).asLongStream().reduce(1, (p, q) -> p * q));
        Tensor y = x.reshape(b, c, r, r, h, w).permute(0, 1, 4, 2, 5, 3).reshape(b, c, h * r, w * r);
        return y.reshape(concat(lead, c, h * r, w * r));
    }

    /** [*, C, H r, W r] to [*, C r^2, H, W] (F.pixel_unshuffle), the inverse of pixel shuffle. */
    static Tensor pixelUnshuffle(Tensor x, int r) {
        int d = x.dim();
        if (d < 3 || r <= 0 || x.size(-2) % r != 0 || x.size(-1) % r != 0) {
            throw new IllegalArgumentException("pixel_unshuffle: expected an input of at least 3 dimensions whose "
                    + "height and width divide by downscale_factor " + r + ", got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int c = x.size(-3), h = x.size(-2) / r, w = x.size(-1) / r;
        int[] lead = java.util.Arrays.copyOf(x.shape(), d - 3);
        int b = Math.toIntExact(java.util.Arrays.stream(lead).asLongStream().reduce(1, (p, q) -> p * q));
        Tensor y = x.reshape(b, c, h, r, w, r).permute(0, 1, 3, 5, 2, 4).reshape(b, c * r * r, h, w);
        return y.reshape(concat(lead, c * r * r, h, w));
    }

    private static int[] concat(int[] lead, int... tail) {
        int[] out = java.util.Arrays.copyOf(lead, lead.length + tail.length);
        System.arraycopy(tail, 0, out, lead.length, tail.length);
        return out;
    }
}

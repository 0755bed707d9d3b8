package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * torch.nn.functional.pad. {@code pad} lists (before, after) pairs from the last dimension backward. Constant padding
 * cats blocks of the value on (a negative pair crops instead, as PyTorch allows); reflect, replicate and circular pick
 * each output row from the input with one index_select per padded dimension, so gradients of repeated rows add up
 * and every backward is differentiable again.
 */
final class Padding {
    private Padding() {}

    static Tensor pad(Tensor x, int[] pad, String mode, float value) {
        if (pad.length % 2 != 0) {
            throw new IllegalArgumentException("Padding length must be divisible by 2, got " + pad.length);
        }
        if (pad.length / 2 > x.dim()) {
            throw new IllegalArgumentException("Padding length too large: " + pad.length + " values pad "
                    + pad.length / 2 + " dimensions of a " + x.dim() + "-D input " + Arrays.toString(x.shape()));
        }
        if ("constant".equals(mode)) {
            return constant(x, pad, value);
        }
        if (!mode.equals("reflect") && !mode.equals("replicate") && !mode.equals("circular")) {
            throw new IllegalArgumentException("pad: unknown padding mode '" + mode
                    + "' (expected constant, reflect, replicate or circular)");
        }
        int dims = pad.length / 2;
        if (dims < 1 || dims > 3 || (x.dim() != dims + 1 && x.dim() != dims + 2)) {
            throw new IllegalArgumentException(mode + " padding of " + dims + " dimension(s) needs a " + (dims + 1)
                    + "-D or " + (dims + 2) + "-D input, got " + Arrays.toString(x.shape())
                    + " (only 2D, 3D, 4D, 5D padding with non-constant padding are supported)");
        }
        Tensor out = x;
        for (int i = 0; i < dims; i++) {
            int d = x.dim() - 1 - i;
            out = out.indexSelect(d, rows(mode, x.size(d), pad[2 * i], pad[2 * i + 1], d, x.shape()));
        }
        return out;
    }

    /** The input row each output row of dimension d copies, for reflect, replicate or circular padding. */
    private static int[] rows(String mode, int n, int before, int after, int d, int[] shape) {
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException(mode + " padding takes no negative sizes, got (" + before + ", " + after
                    + ") for dimension " + d + " of " + Arrays.toString(shape));
        }
        boolean reflect = mode.equals("reflect");
        int limit = reflect ? n - 1 : mode.equals("circular") ? n : Integer.MAX_VALUE;
        if (n == 0 || before > limit || after > limit) {
            throw new IllegalArgumentException(mode + " padding (" + before + ", " + after + ") of dimension " + d
                    + " of input " + Arrays.toString(shape) + " must be "
                    + (reflect ? "less than" : mode.equals("circular") ? "at most" : "applied to")
                    + " the dimension's size " + n);
        }
        int[] from = new int[before + n + after];
        for (int o = 0; o < from.length; o++) {
            int i = o - before;
            from[o] = switch (mode) {
                case "reflect" -> i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
                case "replicate" -> Math.min(Math.max(i, 0), n - 1);
                default -> Math.floorMod(i, n);
            };
        }
        return from;
    }

    private static Tensor constant(Tensor x, int[] pad, float value) {
        Tensor out = x;
        for (int i = 0; i < pad.length / 2; i++) {
            int d = x.dim() - 1 - i, before = pad[2 * i], after = pad[2 * i + 1], n = out.size(d);
            int start = Math.max(-before, 0), kept = n - start - Math.max(-after, 0);
            if (n + before + after < 0 || kept < 0) {
                throw new IllegalArgumentException("The input size " + n + ", plus negative padding " + before + " and "
                        + after + " resulted in a negative output size, which is invalid. Check dimension " + d
                        + " of your input.");
            }
            Tensor middle = start == 0 && kept == n ? out : out.narrow(d, start, kept);
            List<Tensor> parts = new ArrayList<>(3);
            if (before > 0) {
                parts.add(block(middle.shape(), d, before, value));
            }
            parts.add(middle);
            if (after > 0) {
                parts.add(block(middle.shape(), d, after, value));
            }
            out = parts.size() == 1 ? middle : Tensor.cat(parts, d);
        }
        return out == x ? x.clone() : out;
    }

    private static Tensor block(int[] shape, int d, int size, float value) {
        int[] s = shape.clone();
        s[d] = size;
        return Tensor.full(value, s);
    }
}

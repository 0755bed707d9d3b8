package dev.vgrad.nn;

/** Pads the last two dimensions of [N, C, H, W] (or [C, H, W]) with zeros, as {@code torch.nn.ZeroPad2d}. */
public class ZeroPad2d extends PadNd {
    /** The same padding on every side. */
    public ZeroPad2d(int padding) {
        this(new int[] {padding});
    }

    /** Padding (left, right, top, bottom). */
    public ZeroPad2d(int... padding) {
        super(2, padding, "constant", 0f, false);
    }
}

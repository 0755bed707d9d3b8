package dev.vgrad.nn;

/**
 * Pads the last two dimensions of [N, C, H, W] (or [C, H, W]) with their reflection (the edge not repeated), as
 * {@code torch.nn.ReflectionPad2d}.
 */
public class ReflectionPad2d extends PadNd {
    /** The same padding on every side. */
    public ReflectionPad2d(int padding) {
        this(new int[] {padding});
    }

    /** Padding (left, right, top, bottom). */
    public ReflectionPad2d(int... padding) {
        super(2, padding, "reflect", 0f, false);
    }
}

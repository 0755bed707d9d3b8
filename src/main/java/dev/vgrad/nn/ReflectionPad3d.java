package dev.vgrad.nn;

/**
 * Pads the last three dimensions of [N, C, D, H, W] (or [C, D, H, W]) with their reflection (the edge not repeated),
 * as {@code torch.nn.ReflectionPad3d}.
 */
public class ReflectionPad3d extends PadNd {
    /** The same padding on every side. */
    public ReflectionPad3d(int padding) {
        this(new int[] {padding});
    }

    /** Padding (left, right, top, bottom, front, back). */
    public ReflectionPad3d(int... padding) {
        super(3, padding, "reflect", 0f, false);
    }
}

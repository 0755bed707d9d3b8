package dev.vgrad.nn;

/**
 * Pads the last three dimensions of [N, C, D, H, W] (or [C, D, H, W]) with a constant value, as
 * {@code torch.nn.ConstantPad3d}.
 */
public class ConstantPad3d extends PadNd {
    /** The same padding on every side. */
    public ConstantPad3d(int padding, float value) {
        this(new int[] {padding}, value);
    }

    /** Padding (left, right, top, bottom, front, back), filled with value. */
    public ConstantPad3d(int[] padding, float value) {
        super(3, padding, "constant", value, true);
    }
}

package dev.vgrad.nn;

/**
 * Pads the last two dimensions of [N, C, H, W] (or [C, H, W]) with a constant value, as
 * {@code torch.nn.ConstantPad2d}.
 */
public class ConstantPad2d extends PadNd {
    /** The same padding on every side. */
    public ConstantPad2d(int padding, float value) {
        this(new int[] {padding}, value);
    }

    /** Padding (left, right, top, bottom), filled with value. */
    public ConstantPad2d(int[] padding, float value) {
        super(2, padding, "constant", value, true);
    }
}

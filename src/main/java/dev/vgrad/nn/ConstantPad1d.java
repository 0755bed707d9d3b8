package dev.vgrad.nn;

/** Pads the last dimension of [N, C, L] (or [C, L]) with a constant value, as {@code torch.nn.ConstantPad1d}. */
public class ConstantPad1d extends PadNd {
    /** The same padding on every side. */
    public ConstantPad1d(int padding, float value) {
        this(new int[] {padding}, value);
    }

    /** Padding (left, right), filled with value. */
    public ConstantPad1d(int[] padding, float value) {
        super(1, padding, "constant", value, true);
    }
}

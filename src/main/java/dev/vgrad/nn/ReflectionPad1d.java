package dev.vgrad.nn;

/**
 * Pads the last dimension of [N, C, L] (or [C, L]) with their reflection (the edge not repeated), as
 * {@code torch.nn.ReflectionPad1d}.
 */
public class ReflectionPad1d extends PadNd {
    /** The same padding on every side. */
    public ReflectionPad1d(int padding) {
        this(new int[] {padding});
    }

    /** Padding (left, right). */
    public ReflectionPad1d(int... padding) {
        super(1, padding, "reflect", 0f, false);
    }
}

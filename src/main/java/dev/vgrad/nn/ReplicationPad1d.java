package dev.vgrad.nn;

/** Pads the last dimension of [N, C, L] (or [C, L]) with copies of the edge, as {@code torch.nn.ReplicationPad1d}. */
public class ReplicationPad1d extends PadNd {
    /** The same padding on every side. */
    public ReplicationPad1d(int padding) {
        this(new int[] {padding});
    }

    /** Padding (left, right). */
    public ReplicationPad1d(int... padding) {
        super(1, padding, "replicate", 0f, false);
    }
}

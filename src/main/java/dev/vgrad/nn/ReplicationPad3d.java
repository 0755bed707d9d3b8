package dev.vgrad.nn;

/**
 * Pads the last three dimensions of [N, C, D, H, W] (or [C, D, H, W]) by repeating their edges, as
 * {@code torch.nn.ReplicationPad3d}.
 */
public class ReplicationPad3d extends PadNd {
    /** The same padding on every side. */
    public ReplicationPad3d(int padding) {
        this(new int[] {padding});
    }

    /** Padding (left, right, top, bottom, front, back). */
    public ReplicationPad3d(int... padding) {
        super(3, padding, "replicate", 0f, false);
    }
}

package dev.vgrad.nn;

/**
 * Pads the last two dimensions of [N, C, H, W] (or [C, H, W]) with copies of the edge, as
 * {@code torch.nn.ReplicationPad2d}.
 */
public class ReplicationPad2d extends PadNd {
    /** The same padding on every side. */
    public ReplicationPad2d(int padding) {
        this(new int[] {padding});
    }

    /** Padding (left, right, top, bottom). */
    public ReplicationPad2d(int... padding) {
        super(2, padding, "replicate", 0f, false);
    }
}

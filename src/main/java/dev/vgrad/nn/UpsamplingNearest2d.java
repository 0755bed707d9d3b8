package dev.vgrad.nn;

/** Nearest-neighbour 2-D upsampling, as {@code torch.nn.UpsamplingNearest2d}: {@link Upsample} in mode "nearest". */
public class UpsamplingNearest2d extends Upsample {
    /** By {@code scaleFactor} in both spatial dimensions. */
    public UpsamplingNearest2d(double scaleFactor) {
        super(null, new double[] {scaleFactor}, "nearest", null);
    }

    /** To {@code size} ([H, W]). */
    public UpsamplingNearest2d(int[] size) {
        super(size, null, "nearest", null);
    }
}

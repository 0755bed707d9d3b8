package dev.vgrad.nn;

/**
 * Bilinear 2-D upsampling with the corners aligned, as {@code torch.nn.UpsamplingBilinear2d}: {@link Upsample} in
 * mode "bilinear" with align_corners true.
 */
public class UpsamplingBilinear2d extends Upsample {
    /** By {@code scaleFactor} in both spatial dimensions. */
    public UpsamplingBilinear2d(double scaleFactor) {
        super(null, new double[] {scaleFactor}, "bilinear", true);
    }

    /** To {@code size} ([H, W]). */
    public UpsamplingBilinear2d(int[] size) {
        super(size, null, "bilinear", true);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** [*, C, H r, W r] to [*, C r^2, H, W], as {@code torch.nn.PixelUnshuffle}. */
public class PixelUnshuffle extends Module {
    private final int factor;

    /** The downscale factor r. */
    public PixelUnshuffle(int downscaleFactor) {
        this.factor = downscaleFactor;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.pixelUnshuffle(x, factor);
    }

    @Override
    protected String extraRepr() {
        return "downscale_factor=" + factor;
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** [*, C r^2, H, W] to [*, C, H r, W r], as {@code torch.nn.PixelShuffle}. */
public class PixelShuffle extends Module {
    private final int factor;

    /** The upscale factor r. */
    public PixelShuffle(int upscaleFactor) {
        this.factor = upscaleFactor;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.pixelShuffle(x, factor);
    }

    @Override
    protected String extraRepr() {
        return "upscale_factor=" + factor;
    }
}

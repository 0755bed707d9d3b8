package dev.vgrad.nn;

import dev.vgrad.Generator;

/**
 * {@link AlphaDropout} of whole channels, as {@code torch.nn.FeatureAlphaDropout}: one keep-or-drop per channel of
 * each sample of [N, C, ...].
 */
public class FeatureAlphaDropout extends AlphaDropout {
    /** PyTorch's default p = 0.5, from the default generator. */
    public FeatureAlphaDropout() {
        this(0.5f, Generator.defaultGenerator());
    }

    /** Drops each channel with probability {@code p}, drawn from {@code g}. */
    public FeatureAlphaDropout(float p, Generator g) {
        super(p, true, false, g);
    }

    /** As {@link #FeatureAlphaDropout(float, Generator)}; with {@code inplace}, written into the input. */
    public FeatureAlphaDropout(float p, boolean inplace, Generator g) {
        super(p, true, inplace, g);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;

/**
 * Zeros whole channels of [N, C, H, W] in training, as {@code torch.nn.Dropout2d}; a 3-D input as [N, C, L], as
 * PyTorch 1.13 reads it (see {@link Functional#dropout2d}).
 */
public class Dropout2d extends ChannelDropout {
    /** p = 0.5, masks from the default generator. */
    public Dropout2d() {
        this(0.5f);
    }

    /** Probability p, masks from the default generator. */
    public Dropout2d(float p) {
        this(p, Generator.defaultGenerator());
    }

    /** Probability p, masks from g. */
    public Dropout2d(float p, Generator g) {
        super(p, 2, g);
    }

    /** As {@link #Dropout2d(float, Generator)}; with {@code inplace}, written into the input (PyTorch's inplace). */
    public Dropout2d(float p, boolean inplace, Generator g) {
        super(p, 2, inplace, g);
    }
}

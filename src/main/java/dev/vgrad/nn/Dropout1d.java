package dev.vgrad.nn;

import dev.vgrad.Generator;

/** Zeros whole channels of [N, C, L] (or [C, L]) in training, as {@code torch.nn.Dropout1d}. */
public class Dropout1d extends ChannelDropout {
    /** p = 0.5, masks from the default generator. */
    public Dropout1d() {
        this(0.5f);
    }

    /** Probability p, masks from the default generator. */
    public Dropout1d(float p) {
        this(p, Generator.defaultGenerator());
    }

    /** Probability p, masks from g. */
    public Dropout1d(float p, Generator g) {
        super(p, 1, g);
    }

    /** As {@link #Dropout1d(float, Generator)}; with {@code inplace}, written into the input (PyTorch's inplace). */
    public Dropout1d(float p, boolean inplace, Generator g) {
        super(p, 1, inplace, g);
    }
}

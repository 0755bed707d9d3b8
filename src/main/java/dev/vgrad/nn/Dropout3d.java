package dev.vgrad.nn;

import dev.vgrad.Generator;

/** Zeros whole channels of [N, C, D, H, W] (or [C, D, H, W]) in training, as {@code torch.nn.Dropout3d}. */
public class Dropout3d extends ChannelDropout {
    /** p = 0.5, masks from the default generator. */
    public Dropout3d() {
        this(0.5f);
    }

    /** Probability p, masks from the default generator. */
    public Dropout3d(float p) {
        this(p, Generator.defaultGenerator());
    }

    /** Probability p, masks from g. */
    public Dropout3d(float p, Generator g) {
        super(p, 3, g);
    }

    /** As {@link #Dropout3d(float, Generator)}; with {@code inplace}, written into the input (PyTorch's inplace). */
    public Dropout3d(float p, boolean inplace, Generator g) {
        super(p, 3, inplace, g);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * Dropout for self-normalizing (SELU) networks, as {@code torch.nn.AlphaDropout}: dropped values go to SELU's
 * saturation and the result is rescaled so a zero-mean unit-variance input keeps both; the identity in evaluation.
 * The masks come from the generator given, drawn as PyTorch draws them.
 */
public class AlphaDropout extends Module {
    private final float p;
    private final boolean perChannel, inplace;
    private final Generator generator;

    /** PyTorch's default p = 0.5, from the default generator. */
    public AlphaDropout() {
        this(0.5f, Generator.defaultGenerator());
    }

    /** Drops each value with probability {@code p}, drawn from {@code g}. */
    public AlphaDropout(float p, Generator g) {
        this(p, false, false, g);
    }

    /** As {@link #AlphaDropout(float, Generator)}; with {@code inplace}, written into the input (PyTorch's inplace). */
    public AlphaDropout(float p, boolean inplace, Generator g) {
        this(p, false, inplace, g);
    }

    AlphaDropout(float p, boolean perChannel, boolean inplace, Generator g) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        this.p = p;
        this.perChannel = perChannel;
        this.inplace = inplace;
        this.generator = g;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (inplace && isTraining() && p > 0f) {
            return x.update_(perChannel ? "feature_alpha_dropout_" : "alpha_dropout_",
                    t -> RandomizedActivations.alphaDropout(t, p, true, perChannel, generator));
        }
        return RandomizedActivations.alphaDropout(x, p, isTraining(), perChannel, generator);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p + ", inplace=" + (inplace ? "True" : "False");
    }
}

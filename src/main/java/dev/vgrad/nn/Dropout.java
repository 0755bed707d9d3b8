package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * In training, zeros each element with probability p and scales the rest by 1/(1-p); in evaluation, the
 * identity ({@code torch.nn.Dropout}). The mask comes from the given generator, drawn as PyTorch's CPU dropout draws
 * it: a generator seeded as torch's default gives torch's masks.
 */
public class Dropout extends Module {
    private final float p;
    private final boolean inplace;
    private final Generator generator;

    /** Dropout with p = 0.5 from the default generator. */
    public Dropout() {
        this(0.5f);
    }

    /** Dropout with probability p from the default generator. */
    public Dropout(float p) {
        this(p, Generator.defaultGenerator());
    }

    /** Dropout with probability p drawing its masks from g. */
    public Dropout(float p, Generator g) {
        this(p, false, g);
    }

    /** Dropout with probability p from g; with {@code inplace}, the masked values written into the input. */
    public Dropout(float p, boolean inplace, Generator g) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        this.p = p;
        this.inplace = inplace;
        this.generator = g;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (inplace && isTraining() && p > 0f) {
            return x.update_("dropout_", t -> Functional.dropout(t, p, true, generator));
        }
        return Functional.dropout(x, p, isTraining(), generator);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p + ", inplace=" + (inplace ? "True" : "False");
    }
}

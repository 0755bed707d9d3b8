package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * {@code x} where x > 0, else {@code a x} with a learned slope a, as {@code torch.nn.PReLU}: one slope shared by all
 * channels, or one per channel (dimension 1 of the input), each starting at {@code init} (0.25 by default).
 */
public class PReLU extends Module {
    /** The slopes, [numParameters]. */
    public Tensor weight;

    /** One shared slope starting at 0.25. */
    public PReLU() {
        this(1, 0.25f);
    }

    /** {@code numParameters} slopes (1, or the number of channels), each starting at {@code init}. */
    public PReLU(int numParameters, float init) {
        if (numParameters <= 0) {
            throw new IllegalArgumentException("PReLU: num_parameters must be positive, got " + numParameters);
        }
        this.weight = registerParameter("weight", Tensor.full(init, numParameters));
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.prelu(x, weight);
    }

    @Override
    protected String extraRepr() {
        return "num_parameters=" + weight.size(0);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** {@code max(0, x) + negativeSlope * min(0, x)}, as {@code torch.nn.LeakyReLU} (slope 0.01 by default). */
public class LeakyReLU extends Module {
    private final float negativeSlope;
    private final boolean inplace;

    /** Slope 0.01 for negative inputs. */
    public LeakyReLU() {
        this(0.01f);
    }

    /** The given slope for negative inputs. */
    public LeakyReLU(float negativeSlope) {
        this(negativeSlope, false);
    }

    /** The given slope; with {@code inplace}, written into the input (PyTorch's inplace=True). */
    public LeakyReLU(float negativeSlope, boolean inplace) {
        this.negativeSlope = negativeSlope;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor x) {
        return inplace ? Functional.leakyRelu_(x, negativeSlope) : Functional.leakyRelu(x, negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + PythonRepr.floatLiteral(negativeSlope) + (inplace ? ", inplace=True" : "");
    }
}

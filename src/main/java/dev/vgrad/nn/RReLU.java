package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * Randomized leaky ReLU, as {@code torch.nn.RReLU}: in training each negative value gets a slope drawn from
 * U(lower, upper); in evaluation the mean slope. The slopes come from the generator given, drawn as PyTorch draws them.
 */
public class RReLU extends Module {
    private final double lower, upper;
    private final boolean inplace;
    private final Generator generator;

    /** PyTorch's defaults: slopes from U(1/8, 1/3), from the default generator. */
    public RReLU() {
        this(1.0 / 8, 1.0 / 3, Generator.defaultGenerator());
    }

    /** Slopes from U(lower, upper) (doubles, as Python's floats), drawn from {@code g}. */
    public RReLU(double lower, double upper, Generator g) {
        this(lower, upper, false, g);
    }

    /** As {@link #RReLU(double, double, Generator)}; with {@code inplace}, written into the input. */
    public RReLU(double lower, double upper, boolean inplace, Generator g) {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("RReLU: lower bound " + lower + " must not exceed the upper bound "
                    + upper);
        }
        this.lower = lower;
        this.upper = upper;
        this.inplace = inplace;
        this.generator = g;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (inplace) {
            return Functional.rrelu_(x, (float) lower, (float) upper, isTraining(), generator);
        }
        return RandomizedActivations.rrelu(x, (float) lower, (float) upper, isTraining(), generator);
    }

    @Override
    protected String extraRepr() {
        return "lower=" + PythonRepr.pythonDouble(lower) + ", upper=" + PythonRepr.pythonDouble(upper)
                + (inplace ? ", inplace=True" : "");
    }
}

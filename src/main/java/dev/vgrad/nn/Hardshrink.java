package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** x where |x| > lambda, else 0, as {@code torch.nn.Hardshrink} (lambda 0.5). */
public class Hardshrink extends Module {
    private final float lambda;

    /** lambda 0.5. */
    public Hardshrink() {
        this(0.5f);
    }

    /** The given lambda. */
    public Hardshrink(float lambda) {
        this.lambda = lambda;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.hardshrink(x, lambda);
    }

    @Override
    protected String extraRepr() {
        return PythonRepr.floatLiteral(lambda);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** x moved toward 0 by lambda and 0 within [-lambda, lambda], as {@code torch.nn.Softshrink} (lambda 0.5). */
public class Softshrink extends Module {
    private final float lambda;

    /** lambda 0.5. */
    public Softshrink() {
        this(0.5f);
    }

    /** The given lambda (at least 0). */
    public Softshrink(float lambda) {
        this.lambda = lambda;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.softshrink(x, lambda);
    }

    @Override
    protected String extraRepr() {
        return PythonRepr.floatLiteral(lambda);
    }
}

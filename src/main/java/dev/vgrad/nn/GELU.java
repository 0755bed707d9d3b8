package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** The GELU activation, as {@code torch.nn.GELU}: exact (through erf) or with approximate "tanh". */
public class GELU extends Module {
    private final String approximate;

    /** Exact GELU. */
    public GELU() {
        this("none");
    }

    /** GELU with PyTorch's {@code approximate}: "none" or "tanh". */
    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate)) {
            throw new IllegalArgumentException("approximate argument must be either none or tanh, got " + approximate);
        }
        this.approximate = approximate;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.gelu(x, approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}

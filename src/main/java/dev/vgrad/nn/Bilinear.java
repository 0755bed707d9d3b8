package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * {@code y_o = x1^T A_o x2 + b_o}, as {@code torch.nn.Bilinear}: weight [out, in1, in2] and bias [out] drawn from
 * U(-1/sqrt(in1), 1/sqrt(in1)) in that order, as torch draws them for a seed.
 */
public class Bilinear extends Module {
    private final int in1, in2, out;
    private Tensor weight, bias;

    /** With a bias, from {@code g}. */
    public Bilinear(int in1Features, int in2Features, int outFeatures, Generator g) {
        this(in1Features, in2Features, outFeatures, true, g);
    }

    /** PyTorch's {@code Bilinear(in1_features, in2_features, out_features, bias)}, from {@code g}. */
    public Bilinear(int in1Features, int in2Features, int outFeatures, boolean bias, Generator g) {
        if (in1Features <= 0 || in2Features <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Bilinear: feature sizes must be positive, got " + in1Features + ", "
                    + in2Features + ", " + outFeatures);
        }
        this.in1 = in1Features;
        this.in2 = in2Features;
        this.out = outFeatures;
        float bound = (float) (1.0 / Math.sqrt(in1Features));
        this.weight = registerParameter("weight", Init.uniform(g, -bound, bound, outFeatures, in1Features, in2Features));
        this.bias = bias ? registerParameter("bias", Init.uniform(g, -bound, bound, outFeatures)) : null;
    }

    /** Refused: a bilinear layer takes two inputs. */
    @Override
    public Tensor forward(Tensor x) {
        throw new IllegalArgumentException("Bilinear takes two inputs: call forward(x1, x2)");
    }

    /** x1 [*, in1] and x2 [*, in2] (the same leading dimensions) to [*, out]. */
    public Tensor forward(Tensor x1, Tensor x2) {
        return Functional.bilinear(x1, x2, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in1_features=" + in1 + ", in2_features=" + in2 + ", out_features=" + out + ", bias="
                + (bias != null ? "True" : "False");
    }
}

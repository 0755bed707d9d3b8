package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * The activations and dropouts whose training pass draws random numbers beyond a plain mask: randomized leaky ReLU
 * and alpha dropout (plain or per channel). Draws come from the generator given, made as PyTorch's CPU kernels make
 * them (a generator seeded as torch's default gives torch's slopes and masks); evaluation is deterministic.
 */
final class RandomizedActivations {
    /** SELU's negative saturation, -scale * alpha: where alpha dropout sends the dropped values. */
    private static final double SATURATION = 1.7580993408473766;

    private RandomizedActivations() {}

    /**
     * {@code F.rrelu}: in training each negative value is multiplied by its own slope drawn from U(lower, upper)
     * (its gradient is that slope); in evaluation by the mean slope (lower + upper) / 2.
     */
    static Tensor rrelu(Tensor x, float lower, float upper, boolean training, Generator g) {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("rrelu: lower bound " + lower + " must not exceed the upper bound "
                    + upper);
        }
        if (!training) {
            return Functional.leakyRelu(x, (lower + upper) / 2);
        }
        // PyTorch's rrelu_with_noise: one U(lower, upper) draw in double for each element not above 0, in order
        float[] values = x.detach().contiguous().toArray(), slopes = new float[values.length];
        double low = lower, high = upper;
        for (int i = 0; i < values.length; i++) {
            slopes[i] = values[i] <= 0f ? (float) (g.uniformDouble() * (high - low) + low) : 1f;
        }
        return x.mul(Tensor.of(slopes, x.shape()));
    }

    /**
     * PyTorch's alpha dropout (F.alpha_dropout, F.feature_alpha_dropout): values dropped with probability p are set
     * to SELU's saturation, then everything is scaled and shifted so that a zero-mean unit-variance input keeps its
     * mean and variance. {@code perChannel} draws one keep-or-drop per channel of [N, C, ...]. The identity in
     * evaluation or at p = 0; at p = 1 all zeros.
     */
    static Tensor alphaDropout(Tensor x, float p, boolean training, boolean perChannel, Generator g) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        if (!training || p == 0f || x.numel() == 0) {
            return x;
        }
        if (p == 1f) {
            return x.mul(0f);
        }
        int[] maskShape = x.shape();
        if (perChannel) {
            if (x.dim() < 2) {
                throw new IllegalArgumentException("feature_alpha_dropout: expected [N, C, ...], got "
                        + java.util.Arrays.toString(x.shape()));
            }
            for (int d = 2; d < maskShape.length; d++) {
                maskShape[d] = 1;
            }
        }
        Tensor keep = Tensor.zeros(maskShape).bernoulli_(1.0 - p, g);   // PyTorch's noise.bernoulli_(1 - p)
        double a = 1. / Math.sqrt((SATURATION * SATURATION * p + 1) * (1 - p));
        // as PyTorch's kernel: b = (keep - 1) * alpha * a + alpha * a * p, the output x * keep * a + b
        Tensor b = keep.sub(1f).mul((float) (SATURATION * a)).add((float) (SATURATION * a * p));
        return x.mul(keep.mul((float) a)).add(b);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * What Dropout1d and Dropout2d share: in training, each sample's whole channel is zeroed with probability p and the
 * rest scaled by 1/(1-p); in evaluation, the identity. The masks come from the given generator (vgrad's own sequence,
 * as {@link Dropout}'s).
 */
abstract class ChannelDropout extends Module {
    private final float p;
    private final int spatial;
    private final Generator generator;

    ChannelDropout(float p, int spatial, Generator g) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        this.p = p;
        this.spatial = spatial;
        this.generator = g;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != spatial + 1 && x.dim() != spatial + 2) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected " + (spatial + 1) + "-D "
                    + "(unbatched) or " + (spatial + 2) + "-D input, got " + java.util.Arrays.toString(x.shape()));
        }
        if (!isTraining() || p == 0f) {
            return x;
        }
        int[] maskShape = x.shape();
        for (int d = x.dim() - spatial; d < x.dim(); d++) {
            maskShape[d] = 1;
        }
        return x.mul(Functional.dropout(Tensor.ones(maskShape), p, true, generator));
    }

    @Override
    protected String extraRepr() {
        return "p=" + p + ", inplace=False";
    }
}

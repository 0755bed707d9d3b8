package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/**
 * What Dropout1d, Dropout2d and Dropout3d share: in training, each sample's whole channel is zeroed with probability p
 * and the rest scaled by 1/(1-p); in evaluation, the identity. The masks come from the given generator, one draw a
 * channel as PyTorch's feature dropout draws them (torch's masks for a generator seeded as torch's default).
 */
abstract class ChannelDropout extends Module {
    private final float p;
    private final int spatial;
    private final boolean inplace;
    private final Generator generator;

    ChannelDropout(float p, int spatial, Generator g) {
        this(p, spatial, false, g);
    }

    ChannelDropout(float p, int spatial, boolean inplace, Generator g) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        this.p = p;
        this.spatial = spatial;
        this.inplace = inplace;
        this.generator = g;
    }

    @Override
    public Tensor forward(Tensor x) {
        String name = getClass().getSimpleName();
        int spatial = this.spatial == 2 ? Functional.dropout2dSpatial(x) : this.spatial;
        if (inplace && isTraining() && p > 0f) {
            return x.update_(name.toLowerCase(java.util.Locale.ROOT) + "_",
                    t -> Functional.channelDropout(name, t, spatial, p, true, generator));
        }
        return Functional.channelDropout(name, x, spatial, p, isTraining(), generator);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p + ", inplace=" + (inplace ? "True" : "False");
    }
}

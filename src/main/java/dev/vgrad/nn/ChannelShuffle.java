package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * Interleaves the channels of [N, C, ...] across {@code groups} (ShuffleNet), as {@code torch.nn.ChannelShuffle}:
 * channel g * (C / groups) + i moves to i * groups + g.
 */
public class ChannelShuffle extends Module {
    private final int groups;

    /** Shuffles across {@code groups}, which must divide the channel count. */
    public ChannelShuffle(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("ChannelShuffle: number of groups to divide channels in must be "
                    + "positive, got " + groups);
        }
        this.groups = groups;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.channelShuffle(x, groups);
    }

    @Override
    protected String extraRepr() {
        return "groups=" + groups;
    }
}

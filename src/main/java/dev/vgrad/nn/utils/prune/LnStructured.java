package dev.vgrad.nn.utils.prune;

import dev.vgrad.Linalg;
import dev.vgrad.Tensor;

/**
 * Prunes the channels of smallest norm ({@code torch.nn.utils.prune.LnStructured}): each channel's n-norm over the
 * other dimensions, as {@code torch.norm(t, p=n, dim=others)} takes it: any p (0 counts the nonzero entries, infinity
 * takes the largest magnitude), "fro" (the 2-norm, over at most two other dimensions, as PyTorch allows) or "nuc" (the
 * nuclear norm, over exactly two).
 */
public final class LnStructured extends ChannelPruning {
    private final double n;
    private final String norm;

    /** Prunes {@code amount} channels along the last dimension by their {@code n}-norm. */
    public LnStructured(Number amount, double n) {
        this(amount, n, -1);
    }

    /** Prunes {@code amount} channels (a count when integral, a share when fractional) along {@code dim}. */
    public LnStructured(Number amount, double n, int dim) {
        super(amount, dim);
        this.n = n;
        this.norm = null;
    }

    /** Prunes {@code amount} channels along the last dimension by the norm named "fro" or "nuc". */
    public LnStructured(Number amount, String n) {
        this(amount, n, -1);
    }

    /** Prunes {@code amount} channels along {@code dim} by the norm named "fro" or "nuc". */
    public LnStructured(Number amount, String n, int dim) {
        super(amount, dim);
        if (!"fro".equals(n) && !"nuc".equals(n)) {
            throw new IllegalArgumentException("LnStructured: the norm n is a number, \"fro\" or \"nuc\", not " + n);
        }
        this.n = Double.NaN;
        this.norm = n;
    }

    @Override
    boolean[] keptChannels(Tensor t, int dim, int toPrune) {
        int channels = t.size(dim);
        boolean[] keep = new boolean[channels];
        for (float c : channelNorms(t, dim).topk(channels - toPrune, 0, true).get(1).toArray()) {
            keep[(int) c] = true;
        }
        return keep;
    }

    /** Each channel's norm over the other dimensions. */
    private Tensor channelNorms(Tensor t, int dim) {
        Tensor byChannel = t.movedim(dim, 0);
        int others = t.dim() - 1;
        if ("nuc".equals(norm)) {
            if (others != 2) {
                throw new IllegalArgumentException("nuclear norm requires a 'dim' argument of size 2");
            }
            return Linalg.matrixNorm(byChannel, "nuc", false);
        }
        if ("fro".equals(norm) && others > 2) {
            throw new IllegalArgumentException("Expected at most 2 dimensions, but got " + others
                    + " dimensions instead.");
        }
        return byChannel.reshape(t.size(dim), -1).norm(norm != null ? 2f : (float) n, 1, false);
    }
}

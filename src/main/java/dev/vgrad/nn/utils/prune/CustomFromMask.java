package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;
import java.util.Arrays;

/** Prunes where a given mask is 0 ({@code torch.nn.utils.prune.CustomFromMask}); a global method. */
public final class CustomFromMask extends BasePruningMethod {
    private final Tensor mask;

    /** Prunes where {@code mask}, of the tensor's shape, is 0. */
    public CustomFromMask(Tensor mask) {
        if (mask == null) {
            throw new IllegalArgumentException("CustomFromMask: mask is null");
        }
        this.mask = mask.detach();
    }

    @Override
    public PruningType pruningType() {
        return PruningType.GLOBAL;
    }

    /** {@code defaultMask} times the given mask, whose shape must be the default mask's. */
    @Override
    public Tensor computeMask(Tensor t, Tensor defaultMask) {
        if (!Arrays.equals(defaultMask.shape(), mask.shape())) {
            throw new IllegalArgumentException("custom_from_mask: the mask's shape " + Arrays.toString(mask.shape())
                    + " is not the tensor's " + Arrays.toString(defaultMask.shape()));
        }
        return defaultMask.mul(mask);
    }
}

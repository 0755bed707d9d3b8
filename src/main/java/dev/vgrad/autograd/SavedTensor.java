package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * A tensor a backward rule needs, saved at forward time together with its version. Reading it back checks
 * that backward has not freed it and that no in-place operation changed it since, with PyTorch's errors.
 */
public final class SavedTensor {
    private Tensor tensor;
    private final int version;

    SavedTensor(Tensor tensor) {
        this.tensor = tensor;
        this.version = tensor.versionCounter().get();
    }

    /** The saved tensor, after checking that it may still be used. */
    public Tensor get() {
        if (tensor == null) {
            throw new IllegalStateException(Node.FREED_MESSAGE);
        }
        int now = tensor.versionCounter().get();
        if (now != version) {
            Node fn = tensor.gradFn();
            String what = "[torch.FloatTensor " + Arrays.toString(tensor.shape()) + "]"
                    + (fn != null ? ", which is output 0 of " + fn.name() + "," : "");
            throw new IllegalStateException("one of the variables needed for gradient computation has been "
                    + "modified by an inplace operation: " + what + " is at version " + now
                    + "; expected version " + version + " instead.");
        }
        return tensor;
    }

    void release() {
        tensor = null;
    }
}

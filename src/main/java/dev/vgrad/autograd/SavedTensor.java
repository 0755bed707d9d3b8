package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * A tensor a backward rule needs, saved at forward time together with its version. Reading it back checks
 * that backward has not freed it and that no in-place operation changed it since, with PyTorch's errors.
 */
public final class SavedTensor {
    static final String ANOMALY_HINT = " Hint: enable anomaly detection to find the operation that failed to "
            + "compute its gradient, with torch.autograd.set_detect_anomaly(True).";
    static final String ANOMALY_ON_HINT = " Hint: the backtrace further above shows the operation that failed to "
            + "compute its gradient. The variable in question was changed in there or anywhere later. Good luck!";

    private Tensor tensor;
    /**
     * What an open {@link SavedTensorsHooks} pair's pack hook made of the tensor (then {@link #tensor} is null): the
     * hooks own the data, and versions are not checked, as PyTorch 1.13 does not check them under hooks (a pack hook
     * that copies makes later in-place changes to the original harmless).
     */
    private Object packed;
    private SavedTensorsHooks hooks;
    private final int version;
    /** The node whose output the tensor was when saved (null for a leaf): the error names it, as PyTorch does. */
    private final Node madeBy;
    /** The tensor the same node saved before this one (null for its first): the node's saved tensors are a chain. */
    SavedTensor savedBefore;

    SavedTensor(Tensor tensor, Node madeBy) {
        if (tensor.isInference()) {
            throw new IllegalStateException("Inference tensors cannot be saved for backward. To work around you can "
                    + "make a clone to get a normal tensor and use it in autograd.");
        }
        // version(), not versionCounter().get(): a tensor never viewed or changed in place has no counter yet, and
        // saving it must not make one (most saved intermediates are never changed).
        this.version = tensor.version();
        this.madeBy = madeBy;
        SavedTensorsHooks open = SavedTensorsHooks.current();
        if (open == null) {
            this.tensor = tensor;
        } else {
            this.hooks = open;
            this.packed = open.pack(tensor);
        }
    }

    /** The saved tensor, after checking that it may still be used. */
    public Tensor get() {
        if (tensor == null && packed == null) {
            throw new IllegalStateException(Node.FREED_MESSAGE);
        }
        if (tensor == null) {
            return hooks.unpack(packed);
        }
        int now = tensor.version();
        if (now != version) {
            String what = "[torch.FloatTensor " + Arrays.toString(tensor.shape()) + "]"
                    + (madeBy != null ? ", which is output 0 of " + madeBy.name() + "," : "");
            throw new IllegalStateException("one of the variables needed for gradient computation has been "
                    + "modified by an inplace operation: " + what + " is at version " + now
                    + "; expected version " + version + " instead." + (Anomaly.enabled() ? ANOMALY_ON_HINT : ANOMALY_HINT));
        }
        return tensor;
    }

    void release() {
        tensor = null;
        packed = null;
    }
}

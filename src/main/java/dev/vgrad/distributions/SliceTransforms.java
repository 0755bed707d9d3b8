package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import java.util.Arrays;

/** What {@link CatTransform} and {@link StackTransform} share. */
final class SliceTransforms {
    private SliceTransforms() {}

    /** Refuses a dimension outside the value's (PyTorch asserts it), naming both. */
    static void requireDim(Tensor v, int dim, String who) {
        if (dim < -v.dim() || dim >= v.dim()) {
            throw new IllegalArgumentException(who + ": dim " + dim + " is out of range for shape "
                    + Arrays.toString(v.shape()));
        }
    }

    /**
     * A part's event dimensions where its domain's and codomain's agree (PyTorch's {@code Transform.event_dim});
     * refused otherwise, with PyTorch's message.
     */
    static int eventDim(Transform t) {
        if (t.domainEventDim() != t.codomainEventDim()) {
            throw new IllegalArgumentException("Please use either .domain.event_dim or .codomain.event_dim (" + t
                    + " maps events of " + t.domainEventDim() + " dimensions to " + t.codomainEventDim() + ")");
        }
        return t.domainEventDim();
    }
}

package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The methods that have pruned one tensor, in order ({@code torch.nn.utils.prune.PruningContainer}): pruning a tensor
 * again makes one, and its mask is the latest method's computed over what the earlier ones left, as that method's
 * {@link PruningType} says: over the entries still 1, over the channels with any entry left, or over the whole tensor.
 */
public final class PruningContainer extends BasePruningMethod implements Iterable<BasePruningMethod> {
    private final List<BasePruningMethod> methods = new ArrayList<>();

    /** A container of {@code methods}, which must all prune the tensor of the first one's name. */
    public PruningContainer(BasePruningMethod... methods) {
        if (methods.length > 0 && methods[0] != null) {
            tensorName = methods[0].tensorName;
        }
        for (BasePruningMethod m : methods) {
            addPruningMethod(m);
        }
    }

    /** Appends {@code method}, which must prune the tensor this container prunes ({@code add_pruning_method}). */
    public void addPruningMethod(BasePruningMethod method) {
        if (method == null) {
            throw new IllegalArgumentException("None is not a BasePruningMethod subclass");
        }
        if (!Objects.equals(tensorName, method.tensorName)) {
            throw new IllegalArgumentException("Can only add pruning methods acting on the parameter named '"
                    + tensorName + "' to PruningContainer. Found '" + method.tensorName + "'");
        }
        methods.add(method);
    }

    /** How many methods it holds ({@code len}). */
    public int size() {
        return methods.size();
    }

    /** The {@code i}-th method, the first applied at 0. */
    public BasePruningMethod get(int i) {
        return methods.get(i);
    }

    /** The methods in the order they were applied. */
    @Override
    public Iterator<BasePruningMethod> iterator() {
        return Collections.unmodifiableList(methods).iterator();
    }

    /** The type of the latest method (an empty container's: global). */
    @Override
    public PruningType pruningType() {
        return methods.isEmpty() ? PruningType.GLOBAL : methods.get(methods.size() - 1).pruningType();
    }

    /** The latest method's mask laid over {@code defaultMask} as its type says (PyTorch's {@code _combine_masks}). */
    @Override
    public Tensor computeMask(Tensor t, Tensor defaultMask) {
        if (methods.isEmpty()) {
            throw new IllegalStateException("an empty PruningContainer has no method to compute a mask with");
        }
        return combine(methods.get(methods.size() - 1), t, defaultMask);
    }

    /**
     * {@code method}'s mask over what {@code mask} left of {@code t}: its mask of the entries equal to 1 (unstructured),
     * of the channels along its dim with any entry not 0 (structured), or of the whole tensor (global), written back
     * into a copy of {@code mask}.
     */
    static Tensor combine(BasePruningMethod method, Tensor t, Tensor mask) {
        switch (method.pruningType()) {
            case UNSTRUCTURED -> {
                Tensor kept = mask.eq(1f);
                Tensor part = t.maskedSelect(kept);
                return mask.maskedScatter(kept, checked(method, part, method.computeMask(part, mask.maskedSelect(kept))));
            }
            case STRUCTURED -> {
                Integer d = method.dim();
                if (d == null) {
                    throw new IllegalStateException("Pruning methods of PRUNING_TYPE \"structured\" need to have the "
                            + "attribute `dim` defined.");
                }
                int n = t.dim();
                if (n < 2) {
                    return method.computeMask(t, mask);   // which refuses a tensor without channels, in its words
                }
                int dim = d < 0 ? d + n : d;
                if (dim < 0 || dim >= n) {
                    throw new IllegalArgumentException("Index is out of bounds for tensor with dimensions " + n
                            + " (dim " + d + ")");
                }
                int[] others = new int[n - 1];
                for (int i = 0, j = 0; i < n; i++) {
                    if (i != dim) {
                        others[j++] = i;
                    }
                }
                float[] sums = mask.sum(others, false).toArray();
                int[] keep = new int[sums.length];
                int kept = 0;
                for (int c = 0; c < sums.length; c++) {
                    if (sums[c] != 0) {
                        keep[kept++] = c;
                    }
                }
                keep = Arrays.copyOf(keep, kept);
                float[] index = new float[kept];
                for (int i = 0; i < kept; i++) {
                    index[i] = keep[i];
                }
                Tensor part = t.indexSelect(dim, keep);
                Tensor partial = checked(method, part, method.computeMask(part, mask.indexSelect(dim, keep)));
                return mask.indexCopy(dim, Tensor.of(index, kept), partial);
            }
            default -> {
                return checked(method, t, method.computeMask(t, mask));
            }
        }
    }

    /** A method's mask of {@code part}, refused unless it has part's shape (nothing written out of place). */
    private static Tensor checked(BasePruningMethod method, Tensor part, Tensor partial) {
        if (!Arrays.equals(part.shape(), partial.shape())) {
            throw new IllegalStateException(method.getClass().getSimpleName() + ".computeMask returned a mask of shape "
                    + Arrays.toString(partial.shape()) + " for a tensor of shape " + Arrays.toString(part.shape()));
        }
        return partial;
    }
}

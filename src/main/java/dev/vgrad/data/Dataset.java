package dev.vgrad.data;

import dev.vgrad.Tensor;

/** Indexed examples, as {@code torch.utils.data.Dataset}: each example is a tuple of tensors (input, target, ...). */
public interface Dataset {
    /** How many examples there are. */
    int size();

    /** Example {@code index} (0 <= index < size()). */
    Tensor[] get(int index);
}

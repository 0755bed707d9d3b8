package dev.vgrad.data;

import dev.vgrad.Tensor;

/** Indexed examples, as {@code torch.utils.data.Dataset}: each example is a tuple of tensors (input, target, ...). */
public interface Dataset {
    /** How many examples there are. */
    int size();

    /** Example {@code index} (0 <= index < size()). */
    Tensor[] get(int index);

    /** A dataset of {@code size} examples, example i being {@code examples.apply(i)}: one written as a lambda. */
    static Dataset of(int size, java.util.function.IntFunction<Tensor[]> examples) {
        return new Dataset() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Tensor[] get(int index) {
                return examples.apply(index);
            }
        };
    }
}

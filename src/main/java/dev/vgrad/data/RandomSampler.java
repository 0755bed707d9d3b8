package dev.vgrad.data;

import dev.vgrad.Generator;

/**
 * Random indices into a dataset of n examples, as {@code torch.utils.data.RandomSampler}, drawing what it draws for
 * the same generator: without replacement, whole permutations ({@code randperm(n)}) until numSamples are given, the
 * last one cut short; with replacement, {@code randint(0, n)} in chunks of 32 and a last chunk of the rest. Without a
 * generator, each pass seeds a new one from a draw of the default generator, as PyTorch's does.
 */
public final class RandomSampler implements Sampler {
    private final int n, numSamples;
    private final boolean replacement;
    private final Generator generator;
    /** The pass's generator, kept for the draw PyTorch's sampler makes past the end. */
    private Generator current;

    /**
     * {@code numSamples} indices a pass from {@code g} (null: the default generator seeds one each pass).
     *
     * @throws IllegalArgumentException if numSamples is not positive, or n is not positive
     */
    public RandomSampler(int n, boolean replacement, int numSamples, Generator g) {
        if (numSamples <= 0) {
            throw new IllegalArgumentException("num_samples should be a positive integer value, but got num_samples="
                    + numSamples);
        }
        if (n <= 0) {
            throw new IllegalArgumentException("RandomSampler: cannot draw from a data source of " + n + " examples");
        }
        this.n = n;
        this.numSamples = numSamples;
        this.replacement = replacement;
        this.generator = g;
    }

    /** A permutation of the n indices each pass, from {@code g} (null: the default generator seeds one each pass). */
    public RandomSampler(int n, Generator g) {
        this(n, false, n, g);
    }

    /** {@link #RandomSampler(int, boolean, int, Generator)} over {@code dataset}'s examples. */
    public RandomSampler(Dataset dataset, boolean replacement, int numSamples, Generator g) {
        this(dataset.size(), replacement, numSamples, g);
    }

    @Override
    public int[] indices() {
        current = generator != null ? generator : new Generator(Generator.defaultGenerator().randomInt64());
        int[] out = new int[numSamples];
        if (replacement) {
            for (int i = 0; i < numSamples; i++) {   // PyTorch's chunks of 32 draw in this same order
                out[i] = (int) (Integer.toUnsignedLong(current.nextInt()) % n);
            }
            return out;
        }
        for (int at = 0; at < numSamples; at += n) {
            int[] perm = current.randperm(n);
            System.arraycopy(perm, 0, out, at, Math.min(n, numSamples - at));
        }
        return out;
    }

    /** Without replacement and numSamples a multiple of n, PyTorch's sampler draws one more, unused permutation. */
    @Override
    public void pastTheEnd() {
        if (!replacement && numSamples % n == 0 && current != null) {
            current.randperm(n);
        }
    }

    @Override
    public int size() {
        return numSamples;
    }
}

package dev.vgrad.data;

import dev.vgrad.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Functions over datasets, as {@code torch.utils.data}'s: {@code random_split}. */
public final class Datasets {
    private Datasets() {}

    /**
     * Splits {@code dataset} into non-overlapping subsets of the given lengths, in a random order drawn from
     * {@code g} as {@code torch.utils.data.random_split} draws it ({@code randperm} of the size, cut in order): the
     * same seed gives PyTorch's subsets.
     *
     * @throws IllegalArgumentException if a length is negative or they do not sum to the dataset's size
     */
    public static List<Subset> randomSplit(Dataset dataset, int[] lengths, Generator g) {
        long sum = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0) {
                throw new IllegalArgumentException("randomSplit: length " + lengths[i] + " at index " + i
                        + " is negative");
            }
            sum += lengths[i];
        }
        if (sum != dataset.size()) {
            throw new IllegalArgumentException("Sum of input lengths does not equal the length of the input dataset! ("
                    + Arrays.toString(lengths) + " sum to " + sum + ", the dataset has " + dataset.size() + ")");
        }
        int[] order = g.randperm(dataset.size());
        List<Subset> out = new ArrayList<>();
        int offset = 0;
        for (int length : lengths) {
            out.add(new Subset(dataset, Arrays.copyOfRange(order, offset, offset + length)));
            offset += length;
        }
        return out;
    }

    /**
     * {@link #randomSplit(Dataset, int[], Generator)} by fractions that sum to 1, as PyTorch's: each subset gets
     * {@code floor(size * fraction)} examples, and what is left over goes one at a time to the subsets in turn, from
     * the first.
     *
     * @throws IllegalArgumentException if a fraction is outside [0, 1] or they do not sum to 1
     */
    public static List<Subset> randomSplit(Dataset dataset, double[] fractions, Generator g) {
        double sum = 0;
        for (double f : fractions) {
            sum += f;
        }
        // Python's math.isclose with its default relative tolerance, and no more than 1
        if (!(Math.abs(sum - 1) <= 1e-9 * Math.max(Math.abs(sum), 1) && sum <= 1)) {
            throw new IllegalArgumentException("randomSplit: the fractions " + Arrays.toString(fractions)
                    + " sum to " + sum + ", not 1");
        }
        int[] lengths = new int[fractions.length];
        int assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] >= 0 && fractions[i] <= 1)) {
                throw new IllegalArgumentException("Fraction at index " + i + " is not between 0 and 1");
            }
            lengths[i] = (int) Math.floor(dataset.size() * fractions[i]);
            assigned += lengths[i];
        }
        for (int i = 0; i < dataset.size() - assigned; i++) {
            lengths[i % lengths.length]++;
        }
        return randomSplit(dataset, lengths, g);
    }
}

package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code torch.nn.utils.rnn}: sequences of different lengths made into one padded batch, or packed without the padding
 * ({@link PackedSequence}) and back; each differentiable in the sequences, through the ops it is made of.
 */
public final class Rnn {
    private Rnn() {}

    /**
     * {@code pad_sequence}: sequences [L_i, *] (the same trailing shape) stacked into [max L, B, *] ([B, max L, *]
     * with batchFirst), each padded after its end with {@code paddingValue}. Differentiable in every sequence.
     */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst, float paddingValue) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("pad_sequence: received an empty list of sequences");
        }
        Tensor first = sequences.get(0);
        if (first.dim() < 1) {
            throw new IllegalArgumentException("pad_sequence: sequences must have a length dimension, got a scalar");
        }
        int[] trailing = Arrays.copyOfRange(first.shape(), 1, first.dim());
        int longest = 0;
        for (int i = 0; i < sequences.size(); i++) {
            Tensor s = sequences.get(i);
            if (s.dim() < 1 || !Arrays.equals(Arrays.copyOfRange(s.shape(), 1, s.dim()), trailing)) {
                throw new IllegalArgumentException("pad_sequence: sequence " + i + " " + Arrays.toString(s.shape())
                        + " does not share sequence 0's trailing shape " + Arrays.toString(first.shape()));
            }
            longest = Math.max(longest, s.size(0));
        }
        List<Tensor> padded = new ArrayList<>(sequences.size());
        for (Tensor s : sequences) {
            int missing = longest - s.size(0);
            if (missing == 0) {
                padded.add(s);
                continue;
            }
            int[] fill = new int[trailing.length + 1];
            fill[0] = missing;
            System.arraycopy(trailing, 0, fill, 1, trailing.length);
            padded.add(Tensor.cat(List.of(s, Tensor.full(paddingValue, fill)), 0));
        }
        return Tensor.stack(padded, batchFirst ? 0 : 1);
    }

    /**
     * {@code pack_padded_sequence}: a padded batch [T, B, *] ([B, T, *] with batchFirst) of sequences of the given
     * lengths, packed. With enforceSorted the lengths must not increase; otherwise the sequences are put in length
     * order first (longest first, equal lengths in their order), as PyTorch sorts them.
     */
    public static PackedSequence packPaddedSequence(Tensor input, int[] lengths, boolean batchFirst,
                                                    boolean enforceSorted) {
        Tensor seq = batchFirst ? input.transpose(0, 1) : input;
        if (seq.dim() < 2 || seq.size(1) != lengths.length) {
            throw new IllegalArgumentException("pack_padded_sequence: expected " + lengths.length + " sequences along "
                    + "the batch dimension of " + Arrays.toString(input.shape())
                    + (batchFirst ? " (batch first)" : ""));
        }
        int[] order = null, sorted = lengths.clone();
        if (!enforceSorted) {
            order = descendingOrder(lengths);
            for (int i = 0; i < order.length; i++) {
                sorted[i] = lengths[order[i]];
            }
            seq = seq.indexSelect(1, order);
        }
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] <= 0 || sorted[i] > seq.size(0) || (i > 0 && sorted[i] > sorted[i - 1])) {
                throw new IllegalArgumentException(sorted[i] <= 0
                        ? "Length of all samples has to be greater than 0, but found an element in 'lengths' that is "
                        + "<= 0"
                        : sorted[i] > seq.size(0) ? "pack_padded_sequence: length " + sorted[i] + " is longer than the "
                        + seq.size(0) + " steps of the padded input"
                        : "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can "
                        + "pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this "
                        + "requirement if you do not need ONNX exportability.");
            }
        }
        int steps = sorted.length == 0 ? 0 : sorted[0];
        int[] batchSizes = new int[steps];
        List<Tensor> rows = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            int size = 0;
            while (size < sorted.length && sorted[size] > t) {
                size++;
            }
            batchSizes[t] = size;
            rows.add(seq.select(0, t).narrow(0, 0, size));
        }
        return new PackedSequence(Tensor.cat(rows, 0), batchSizes, order, order == null ? null : inverse(order));
    }

    /**
     * {@code pad_packed_sequence}: [the padded batch [T, B, *] ([B, T, *] with batchFirst), each sequence's length],
     * in the batch's original order; T is the longest length, or totalLength if given (not shorter).
     */
    public static List<Tensor> padPackedSequence(PackedSequence packed, boolean batchFirst, float paddingValue,
                                                 Integer totalLength) {
        int[] sizes = packed.batchSizes();
        int steps = sizes.length, batch = packed.batch();
        if (totalLength != null && totalLength < steps) {
            throw new IllegalArgumentException("Expected total_length to be at least the length of the longest "
                    + "sequence in input, but got total_length=" + totalLength + " and max sequence length being "
                    + steps);
        }
        int length = totalLength == null ? steps : totalLength;
        Tensor data = packed.data();
        int[] row = Arrays.copyOfRange(data.shape(), 1, data.dim());
        List<Tensor> padded = new ArrayList<>(length);
        for (int t = 0, offset = 0; t < length; t++) {
            int size = t < steps ? sizes[t] : 0;
            List<Tensor> parts = new ArrayList<>(2);
            if (size > 0) {
                parts.add(data.narrow(0, offset, size));
            }
            if (size < batch) {
                int[] fill = new int[row.length + 1];
                fill[0] = batch - size;
                System.arraycopy(row, 0, fill, 1, row.length);
                parts.add(Tensor.full(paddingValue, fill));
            }
            padded.add(parts.size() == 1 ? parts.get(0) : Tensor.cat(parts, 0));
            offset += size;
        }
        Tensor out = Tensor.stack(padded, 0);
        float[] lengths = new float[batch];
        int[] sortedLengths = packed.sortedLengths();
        int[] back = packed.unsortedIndices();
        for (int b = 0; b < batch; b++) {
            lengths[b] = sortedLengths[back == null ? b : back[b]];
        }
        if (back != null) {
            out = out.indexSelect(1, back);
        }
        return List.of(batchFirst ? out.transpose(0, 1) : out, Tensor.of(lengths));
    }

    /** {@code pack_sequence}: sequences [L_i, *] padded ({@link #padSequence}) and packed. */
    public static PackedSequence packSequence(List<Tensor> sequences, boolean enforceSorted) {
        int[] lengths = new int[sequences.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = sequences.get(i).size(0);
        }
        return packPaddedSequence(padSequence(sequences, false, 0f), lengths, false, enforceSorted);
    }

    /** {@code unpad_sequence}: the sequences [L_i, *] of a padded batch, each cut to its length. */
    public static List<Tensor> unpadSequence(Tensor padded, int[] lengths, boolean batchFirst) {
        Tensor seq = batchFirst ? padded.transpose(0, 1) : padded;
        List<Tensor> out = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            out.add(seq.select(1, i).narrow(0, 0, lengths[i]));
        }
        return out;
    }

    /** {@code unpack_sequence}: the sequences of a packed batch, in its original order. */
    public static List<Tensor> unpackSequence(PackedSequence packed) {
        List<Tensor> padded = padPackedSequence(packed, true, 0f, null);
        float[] lengths = padded.get(1).toArray();
        int[] ints = new int[lengths.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = (int) lengths[i];
        }
        return unpadSequence(padded.get(0), ints, true);
    }

    /** The positions in decreasing order of length, equal lengths keeping their order. */
    private static int[] descendingOrder(int[] lengths) {
        return java.util.stream.IntStream.range(0, lengths.length).boxed()
                .sorted((a, b) -> Integer.compare(lengths[b], lengths[a])).mapToInt(Integer::intValue).toArray();
    }

    /** The inverse of a permutation. */
    static int[] inverse(int[] order) {
        int[] back = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            back[order[i]] = i;
        }
        return back;
    }
}

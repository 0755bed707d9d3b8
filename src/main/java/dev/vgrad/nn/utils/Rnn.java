package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code torch.nn.utils.rnn}: sequences of different lengths made into one padded batch. */
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
}

package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;

/**
 * {@code torch.nn.utils.rnn.PackedSequence}: a batch of sequences of different lengths with the padding left out.
 * The sequences are ordered longest first; {@code data} holds step 0 of every sequence, then step 1 of every
 * sequence that long, and so on, {@code batchSizes[t]} rows at step t. {@code sortedIndices[i]} is the original batch
 * position of the i-th longest sequence and {@code unsortedIndices} its inverse (both null when the batch came
 * sorted). Made by
 * {@link Rnn#packPaddedSequence} or {@link Rnn#packSequence}; LSTM, GRU and RNN run over one directly.
 *
 * @param data            [sum of lengths, *]
 * @param batchSizes      how many sequences are at least t + 1 long, for each step t
 * @param sortedIndices   the original position of each sequence in length order, or null
 * @param unsortedIndices each original position's place in length order, or null
 */
public record PackedSequence(Tensor data, int[] batchSizes, int[] sortedIndices, int[] unsortedIndices) {
    /** The same batch with other data of the same rows (a layer's output over this sequence's steps). */
    public PackedSequence withData(Tensor other) {
        return new PackedSequence(other, batchSizes, sortedIndices, unsortedIndices);
    }

    /** The number of sequences. */
    public int batch() {
        return batchSizes.length == 0 ? 0 : batchSizes[0];
    }

    /** Each sequence's length, in length order (longest first). */
    public int[] sortedLengths() {
        int[] lengths = new int[batch()];
        for (int size : batchSizes) {
            for (int b = 0; b < size; b++) {
                lengths[b]++;
            }
        }
        return lengths;
    }
}

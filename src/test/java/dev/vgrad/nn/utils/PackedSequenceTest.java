package dev.vgrad.nn.utils;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.nn.LSTM;
import dev.vgrad.nn.PackedRnnOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Packing beyond its PyTorch programs (packed_sequences_* in torch_ops.txt): the layout, the round trip, a packed LSTM
 * against the same LSTM run on each sequence alone, and the refusals.
 */
class PackedSequenceTest {
    @Test
    void packingLaysOutStepsLongestFirstAndPaddingUndoesIt() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2, 1), b = Tensor.of(new float[] {3, 4, 5}, 3, 1);
        PackedSequence packed = Rnn.packSequence(List.of(a, b), false);
        assertArrayEquals(new float[] {3, 1, 4, 2, 5}, packed.data().toArray(), "step by step, the longer first");
        assertArrayEquals(new int[] {2, 2, 1}, packed.batchSizes());
        assertArrayEquals(new int[] {1, 0}, packed.sortedIndices());
        List<Tensor> back = Rnn.unpackSequence(packed);
        assertArrayEquals(a.toArray(), back.get(0).toArray());
        assertArrayEquals(b.toArray(), back.get(1).toArray());
        assertNull(Rnn.packSequence(List.of(b, a), true).sortedIndices(), "sorted already: no permutation");
    }

    @Test
    void aPackedLstmGivesEachSequenceWhatItGetsAlone() {
        LSTM lstm = new LSTM(2, 3, 2, true, false, 0f, true, new Generator(4));
        Generator g = new Generator(5);
        List<Tensor> sequences = List.of(Tensor.randn(g, 2, 2), Tensor.randn(g, 4, 2), Tensor.randn(g, 3, 2));
        PackedRnnOutput out = lstm.forward(Rnn.packSequence(sequences, false), null, null);
        List<Tensor> outputs = Rnn.unpackSequence(out.output());
        for (int i = 0; i < sequences.size(); i++) {
            List<Tensor> alone = lstm.forward(sequences.get(i).unsqueeze(1), null, null);
            assertArrayEquals(alone.get(0).squeeze(1).toArray(), outputs.get(i).toArray(), 1e-6f, "outputs " + i);
            assertArrayEquals(alone.get(1).select(1, 0).toArray(), out.states().get(0).select(1, i).toArray(), 1e-6f,
                    "h_n of sequence " + i + ", from its own last step (and its own first, backward)");
            assertArrayEquals(alone.get(2).select(1, 0).toArray(), out.states().get(1).select(1, i).toArray(), 1e-6f);
        }
    }

    @Test
    void badLengthsAreRefusedWithWhatIsWrong() {
        Tensor padded = Tensor.zeros(3, 2, 1);
        var e = assertThrows(IllegalArgumentException.class, () -> Rnn.packPaddedSequence(padded, new int[] {1, 3},
                false, true));
        assertTrue(e.getMessage().startsWith("`lengths` array must be sorted in decreasing order"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rnn.packPaddedSequence(padded, new int[] {3, 0}, false,
                false));
        assertTrue(e.getMessage().startsWith("Length of all samples has to be greater than 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rnn.packPaddedSequence(padded, new int[] {3}, false,
                false));
        assertTrue(e.getMessage().contains("expected 1 sequences along the batch dimension of [3, 2, 1]"),
                e.getMessage());
        PackedSequence packed = Rnn.packPaddedSequence(padded, new int[] {3, 2}, false, true);
        e = assertThrows(IllegalArgumentException.class, () -> Rnn.padPackedSequence(packed, false, 0f, 2));
        assertEquals("Expected total_length to be at least the length of the longest sequence in input, but got "
                + "total_length=2 and max sequence length being 3", e.getMessage());
    }
}

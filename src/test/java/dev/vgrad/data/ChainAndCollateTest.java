package dev.vgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ChainDataset and default_collate, as PyTorch's: streams one after another, tuples stacked position by position. */
class ChainAndCollateTest {
    /** A stream of examples from..to-1, each (x, x squared), counting how many passes it was asked for. */
    private static final class Counting implements IterableDataset {
        final int from, to;
        int passes;

        Counting(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public Iterator<Tensor[]> iterator() {
            passes++;
            List<Tensor[]> out = new ArrayList<>();
            for (int i = from; i < to; i++) {
                out.add(new Tensor[] {Tensor.of((float) i), Tensor.of((float) (i * i))});
            }
            return out.iterator();
        }
    }

    @Test
    void aChainStreamsEachDatasetInTurn() {
        Counting a = new Counting(0, 3), empty = new Counting(5, 5), b = new Counting(3, 5);
        ChainDataset chain = new ChainDataset(a, empty, b);
        Iterator<Tensor[]> it = chain.iterator();
        assertEquals(0, b.passes, "a stream's iterator is made when its turn comes");
        List<Float> seen = new ArrayList<>();
        while (it.hasNext()) {
            seen.add(it.next()[0].item());
        }
        assertEquals(List.of(0f, 1f, 2f, 3f, 4f), seen);
        assertEquals(1, b.passes);
        assertThrows(java.util.NoSuchElementException.class, it::next);

        List<float[]> batches = new ArrayList<>();
        for (Tensor[] batch : new DataLoader(chain, 2)) {
            batches.add(batch[1].toArray());
        }
        assertEquals(3, batches.size());
        assertArrayEquals(new float[] {0, 1}, batches.get(0));
        assertArrayEquals(new float[] {4, 9}, batches.get(1));
        assertArrayEquals(new float[] {16}, batches.get(2));
    }

    @Test
    void defaultCollateStacksEachPosition() {
        List<Tensor[]> examples = List.of(new Tensor[] {Tensor.of(1f, 2f), Tensor.scalar(0f)},
                new Tensor[] {Tensor.of(3f, 4f), Tensor.scalar(1f)});
        Tensor[] batch = DataLoader.defaultCollate(examples);
        assertArrayEquals(new int[] {2, 2}, batch[0].shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, batch[0].toArray());
        assertArrayEquals(new int[] {2}, batch[1].shape());
        assertThrows(IllegalArgumentException.class, () -> DataLoader.defaultCollate(List.of(
                new Tensor[] {Tensor.of(1f)}, new Tensor[] {Tensor.of(1f), Tensor.of(2f)})));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.defaultCollate(List.of(
                new Tensor[] {Tensor.of(1f)}, new Tensor[] {Tensor.of(1f, 2f)})));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.defaultCollate(List.of()));
    }
}

package dev.vgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.TorchFixturesTestAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * random_split, Subset, ConcatDataset and the samplers: the splits and orders PyTorch draws for a seed
 * (scripts/torch_data_fixtures.py), the batches a loader gathers from them, and the refusals.
 */
class DatasetsTest {
    private static Map<String, double[]> fixture() throws IOException {
        return TorchFixturesTestAccess.keyedValues("/fixtures/torch_data.txt");
    }

    /** Examples 0..n-1, each a one-element tensor holding its index. */
    private static TensorDataset range(int n) {
        return new TensorDataset(Tensor.arange(n));
    }

    private static void assertSplit(Map<String, double[]> fx, String name, List<Subset> parts) {
        for (int i = 0; i < parts.size(); i++) {
            assertArrayEquals(ints(fx.get("split." + name + "." + i)), parts.get(i).indices(), name + " part " + i);
        }
        assertEquals(null, fx.get("split." + name + "." + parts.size()), name + ": as many parts as PyTorch's");
    }

    @Test
    void randomSplitDrawsPyTorchsSubsetsForASeed() throws IOException {
        Map<String, double[]> fx = fixture();
        assertSplit(fx, "ints", Datasets.randomSplit(range(10), new int[] {3, 7}, new Generator(42)));
        assertSplit(fx, "fractions", Datasets.randomSplit(range(30), new double[] {0.3, 0.3, 0.4}, new Generator(42)));
        assertSplit(fx, "remainder", Datasets.randomSplit(range(11), new double[] {0.5, 0.25, 0.25}, new Generator(5)));
        assertSplit(fx, "empty_part", Datasets.randomSplit(range(4), new int[] {0, 4}, new Generator(1)));
        assertSplit(fx, "many", Datasets.randomSplit(range(1000), new int[] {100, 200, 700}, new Generator(2026)));
    }

    @Test
    void samplersAndLoadersOverSubsetsFollowPyTorch() throws IOException {
        Map<String, double[]> fx = fixture();
        SubsetRandomSampler sampler = new SubsetRandomSampler(new int[] {5, 3, 9, 1, 7, 0, 2}, new Generator(3));
        assertArrayEquals(ints(fx.get("subset_sampler.0")), sampler.indices());
        assertArrayEquals(ints(fx.get("subset_sampler.1")), sampler.indices());

        Subset first = Datasets.randomSplit(range(20), new int[] {12, 8}, new Generator(4)).get(0);
        DataLoader loader = new DataLoader(first, 5).shuffle(true, new Generator(9));
        assertEquals(3, loader.size());
        for (int pass = 0; pass < 2; pass++) {
            int b = 0;
            for (Tensor[] batch : loader) {
                assertArrayEquals(toFloats(fx.get("loader." + pass + "." + b)), batch[0].toArray(), "pass " + pass
                        + " batch " + b);
                b++;
            }
            assertEquals(3, b);
        }
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static int[] ints(double[] v) {
        return java.util.Arrays.stream(v).mapToInt(x -> (int) x).toArray();
    }

    /** All of one pass's first tensors, batch after batch. */
    private static float[] pass(DataLoader loader) {
        List<Tensor> firsts = new ArrayList<>();
        loader.forEach(b -> firsts.add(b[0]));
        return Tensor.cat(firsts, 0).toArray();
    }

    @Test
    void loadersDrawWhatPyTorchsDrawAndLeaveTheGeneratorsAsItsDo() throws IOException {
        Map<String, double[]> fx = fixture();
        DataLoader seeded = new DataLoader(range(10), 4).shuffle(true, new Generator(3)).dropLast(true);
        assertArrayEquals(toFloats(fx.get("seeded.0")), pass(seeded));
        assertArrayEquals(toFloats(fx.get("seeded.1")), pass(seeded), "a new order every pass");
        Generator.defaultGenerator().manualSeed(5);
        DataLoader shuffled = new DataLoader(range(10), 10).shuffle(true), ordered = new DataLoader(range(10), 10);
        assertArrayEquals(toFloats(fx.get("default.0")), pass(shuffled));
        assertArrayEquals(toFloats(fx.get("default.1")), pass(ordered));
        assertArrayEquals(toFloats(fx.get("default.2")), pass(shuffled));
        assertArrayEquals(toFloats(fx.get("default.rand")), Tensor.rand(2).toArray(), "the default generator after");
        Generator g = new Generator(3);
        var it = new DataLoader(range(10), 4).shuffle(true, g).iterator();
        for (int b = 0; b < 3; b++) {
            it.next();
        }
        assertArrayEquals(toFloats(fx.get("partial.rand")), Tensor.rand(g, 1).toArray(), "g after a short last batch");
        Generator h = new Generator(3);
        var batches = new DataLoader(range(10), BatchSampler.of(new RandomSampler(10, h), 4, false)).iterator();
        for (int b = 0; b < 3; b++) {
            batches.next();
        }
        assertArrayEquals(toFloats(fx.get("batch_partial.rand")), Tensor.rand(h, 1).toArray(),
                "a batch sampler's generator after a short last batch");
    }

    @Test
    void aShuffledPassCutByHandDrawsWhatALoaderPassDraws() {
        Generator byLoader = new Generator(8), byHand = new Generator(8);
        DataLoader loader = new DataLoader(range(23), 5).shuffle(true, byLoader);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertArrayEquals(toFloats(java.util.Arrays.stream(DataLoader.shuffledPass(byHand, 23)).asDoubleStream()
                    .toArray()), pass(loader), "epoch " + epoch);
        }
        assertEquals(byLoader.nextInt(), byHand.nextInt(), "both generators where a pass leaves them");
    }

    @Test
    void aSubsetOfAnyDatasetBatchesAsItsTensorDatasetPath() {
        TensorDataset data = new TensorDataset(Tensor.arange(24).reshape(12, 2), Tensor.arange(12));
        Dataset opaque = new Dataset() {
            @Override
            public int size() {
                return data.size();
            }

            @Override
            public Tensor[] get(int index) {
                return data.get(index);
            }
        };
        int[] picks = {7, 0, 11, 3, 5};
        List<Tensor[]> fast = new ArrayList<>(), slow = new ArrayList<>();
        new DataLoader(new Subset(data, picks), 2).forEach(fast::add);
        new DataLoader(new Subset(opaque, picks), 2).forEach(slow::add);
        assertEquals(3, fast.size());
        for (int b = 0; b < 3; b++) {
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(slow.get(b)[k].shape(), fast.get(b)[k].shape());
                assertArrayEquals(slow.get(b)[k].toArray(), fast.get(b)[k].toArray());
            }
        }
        assertArrayEquals(new float[] {14, 15, 0, 1}, fast.get(0)[0].toArray());
    }

    @Test
    void concatDatasetIndexesAcrossItsPartsFromBothEnds() {
        ConcatDataset both = new ConcatDataset(List.of(range(3), range(0), range(2)));
        assertEquals(5, both.size());
        float[] got = new float[5];
        for (int i = 0; i < 5; i++) {
            got[i] = both.get(i)[0].item();
        }
        assertArrayEquals(new float[] {0, 1, 2, 0, 1}, got);
        assertEquals(2f, both.get(-3)[0].item());
        assertThrows(IndexOutOfBoundsException.class, () -> both.get(5));
        assertThrows(IndexOutOfBoundsException.class, () -> both.get(-6));
        assertThrows(IllegalArgumentException.class, () -> new ConcatDataset(List.of()));
    }

    /**
     * RandomSampler through a loader against PyTorch's for a seed: randint in chunks of 32 with replacement, whole and
     * cut permutations without, the unused permutation PyTorch draws past the end when numSamples is a multiple of n
     * (after a full last batch and after a smaller one), and a sampler seeded from the default generator each pass;
     * the generators end where PyTorch's do. SequentialSampler gives 0..n-1.
     */
    @Test
    void aRandomSamplerDrawsPyTorchsIndicesForASeed() throws IOException {
        Map<String, double[]> fx = fixture();
        Object[][] cases = {{"replaced", 10, true, 70, 8, 21}, {"cut", 7, false, 16, 5, 22},
                {"whole_full", 5, false, 10, 5, 23}, {"whole_partial", 5, false, 10, 4, 24},
                {"default", 6, true, 6, 4, -25}};
        for (Object[] c : cases) {
            int n = (int) c[1], seed = (int) c[5];
            Generator g = seed > 0 ? new Generator(seed) : null;
            if (g == null) {
                Generator.defaultGenerator().manualSeed(-seed);
            }
            DataLoader loader = new DataLoader(range(n), (int) c[4]).generator(new Generator(1))
                    .sampler(new RandomSampler(n, (boolean) c[2], (int) c[3], g));
            for (int pass = 0; pass < 2; pass++) {
                List<Float> values = new ArrayList<>();
                for (Tensor[] batch : loader) {
                    for (float v : batch[0].toArray()) {
                        values.add(v);
                    }
                }
                int[] got = values.stream().mapToInt(Float::intValue).toArray();
                assertArrayEquals(ints(fx.get("random." + c[0] + "." + pass)), got, c[0] + ", pass " + pass);
            }
            float next = g != null ? Tensor.rand(g, 1).item() : Tensor.rand(1).item();
            assertEquals((float) fx.get("random." + c[0] + ".rand")[0], next,
                    c[0] + ": the generator after two passes");
        }
        assertArrayEquals(new int[] {0, 1, 2, 3}, new SequentialSampler(4).indices());
        var e = assertThrows(IllegalArgumentException.class, () -> new RandomSampler(5, true, 0, null));
        assertEquals("num_samples should be a positive integer value, but got num_samples=0", e.getMessage());
    }

    /**
     * WeightedRandomSampler's passes against PyTorch's for a seed, with its weights as the fixture script makes them
     * (60 000 of them: summed in float, 4-5 % of the draws with replacement would be a neighbouring index).
     */
    @Test
    void aWeightedSamplerDrawsPyTorchsIndicesForASeed() throws IOException {
        Map<String, double[]> fx = fixture();
        double[] spread = new double[60000];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = 0.5 + (i * 7919L % 1000) / 999.0;
        }
        double[] few = {0.1, 0.0, 2.5, 1e-3, 7.0};
        Object[][] cases = {{"many", spread, 3000, true, 5}, {"many_distinct", spread, 500, false, 6},
                {"few", few, 20, true, 7}, {"few_distinct", few, 3, false, 8}};
        for (Object[] c : cases) {
            WeightedRandomSampler sampler = new WeightedRandomSampler((double[]) c[1], (int) c[2], (boolean) c[3],
                    new Generator((int) c[4]));
            for (int pass = 0; pass < 2; pass++) {
                assertArrayEquals(ints(fx.get("weighted." + c[0] + "." + pass)), sampler.indices(),
                        c[0] + ", pass " + pass);
            }
        }
    }

    /**
     * DistributedSampler against PyTorch's for every rank and two epochs: padding shorter and longer than the order,
     * a tail dropped (to nothing for one example over three replicas), unshuffled; a rank outside the replicas
     * refused with PyTorch's message.
     */
    @Test
    void aDistributedSamplerGivesEachRankPyTorchsShare() throws IOException {
        Map<String, double[]> fx = fixture();
        Object[][] cases = {{"padded", 10, 3, true, 0, false}, {"dropped", 10, 3, true, 7, true},
                {"ordered", 10, 4, false, 0, false}, {"tiny", 2, 5, true, 3, false}, {"none_left", 1, 3, true, 0, true}};
        for (Object[] c : cases) {
            int replicas = (int) c[2];
            for (int rank = 0; rank < replicas; rank++) {
                DistributedSampler sampler = new DistributedSampler((int) c[1], replicas, rank, (boolean) c[3],
                        (int) c[4], (boolean) c[5]);
                for (int epoch = 0; epoch < 2; epoch++) {
                    sampler.setEpoch(epoch);
                    String key = "distributed." + c[0] + "." + rank + "." + epoch;
                    int[] want = ints(fx.get(key));
                    assertArrayEquals(want, sampler.indices(), key);
                    assertEquals(want.length, sampler.size(), key);
                }
            }
        }
        var e = assertThrows(IllegalArgumentException.class, () -> new DistributedSampler(10, 3, 3));
        assertEquals("Invalid rank 3, rank should be in the interval [0, 2]", e.getMessage());
    }

    /**
     * A batch sampler: BatchSampler.of over a RandomSampler gives the batches (and leaves the generators where) a
     * loader with that sampler and a batch size does, with and without workers; a custom one makes batches of any
     * sizes; the options it excludes are refused, as in PyTorch, and so is an index outside the dataset.
     */
    @Test
    void aBatchSamplerSetsEachBatchsIndices() {
        for (int workers : new int[] {0, 2}) {
            Generator a = new Generator(31), b = new Generator(31);
            DataLoader plain = new DataLoader(range(11), 3).generator(new Generator(9))
                    .sampler(new RandomSampler(11, a)).numWorkers(workers);
            DataLoader batched = new DataLoader(range(11), BatchSampler.of(new RandomSampler(11, b), 3, false))
                    .generator(new Generator(9)).numWorkers(workers);
            assertEquals(plain.size(), batched.size());
            for (int pass = 0; pass < 2; pass++) {
                Iterator<Tensor[]> p = plain.iterator(), q = batched.iterator();
                while (p.hasNext()) {
                    assertTrue(q.hasNext());
                    assertArrayEquals(p.next()[0].toArray(), q.next()[0].toArray(), 0f, workers + " workers");
                }
                assertFalse(q.hasNext());
            }
            assertEquals(Tensor.rand(a, 1).item(), Tensor.rand(b, 1).item(),
                    "the same draws from the sampler's generator");
        }
        BatchSampler buckets = new BatchSampler() {
            @Override
            public int[][] batches() {
                return new int[][] {{4, 0}, {1, 2, 3}, {5}};
            }

            @Override
            public int size() {
                return 3;
            }
        };
        List<Tensor[]> got = new ArrayList<>();
        new DataLoader(range(6), buckets).forEach(got::add);
        assertEquals(3, got.size());
        assertArrayEquals(new float[] {4, 0}, got.get(0)[0].toArray());
        assertArrayEquals(new float[] {1, 2, 3}, got.get(1)[0].toArray());
        assertArrayEquals(new float[] {5}, got.get(2)[0].toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(range(6), buckets).shuffle(true));
        assertEquals("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(range(6), buckets).dropLast(true));
        var out = assertThrows(IndexOutOfBoundsException.class, () -> new DataLoader(range(5), buckets).iterator());
        assertTrue(out.getMessage().contains("index 5"), out.getMessage());
    }

    /** A collate function pads sequences of different lengths into one batch, on the caller's thread or on workers. */
    @Test
    void aCollateFunctionMakesEachBatchFromItsExamples() {
        Dataset sequences = Dataset.of(5, i -> new Tensor[] {Tensor.arange(i + 1f).add(1f), Tensor.of((float) i)});
        java.util.function.Function<List<Tensor[]>, Tensor[]> pad = items -> {
            List<Tensor> seqs = new ArrayList<>();
            List<Tensor> labels = new ArrayList<>();
            for (Tensor[] item : items) {
                seqs.add(item[0]);
                labels.add(item[1]);
            }
            return new Tensor[] {dev.vgrad.nn.utils.Rnn.padSequence(seqs, true, 0f), Tensor.stack(labels)};
        };
        for (int workers : new int[] {0, 2}) {
            List<Tensor[]> batches = new ArrayList<>();
            new DataLoader(sequences, 2).collateFn(pad).numWorkers(workers).forEach(batches::add);
            assertEquals(3, batches.size());
            assertArrayEquals(new float[] {1, 0, 1, 2}, batches.get(0)[0].toArray(), workers + " workers");
            assertArrayEquals(new int[] {2, 4}, batches.get(1)[0].shape());
            assertArrayEquals(new float[] {2, 3}, batches.get(1)[1].toArray());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5}, batches.get(2)[0].toArray());
        }
        Tensor x = Tensor.arange(6f).reshape(3, 2);
        Tensor[] stacked = new DataLoader(new TensorDataset(x), 3).collateFn(items -> {
            List<Tensor> rows = new ArrayList<>();
            items.forEach(item -> rows.add(item[0]));
            return new Tensor[] {Tensor.stack(rows).mul(10f)};
        }).iterator().next();
        assertArrayEquals(x.mul(10f).toArray(), stacked[0].toArray(), "a TensorDataset's examples reach it too");
    }

    @Test
    void aWeightedSamplerDrawsInProportionAndNeverAZeroWeight() {
        WeightedRandomSampler sampler = new WeightedRandomSampler(new double[] {1, 0, 3}, 4000, true,
                new Generator(11));
        int[] counts = new int[3];
        for (int i : sampler.indices()) {
            counts[i]++;
        }
        assertEquals(0, counts[1]);
        assertTrue(Math.abs(counts[2] / 4000.0 - 0.75) < 0.03, "index 2 drawn " + counts[2] + " times of 4000");
        DataLoader loader = new DataLoader(range(3), 1000).sampler(sampler);
        assertEquals(4, loader.size());
        int[] distinct = new WeightedRandomSampler(new double[] {1, 2, 3, 4}, 4, false, new Generator(2)).indices();
        assertArrayEquals(new int[] {0, 1, 2, 3}, java.util.Arrays.stream(distinct).sorted().toArray());
    }

    @Test
    void badSplitsSamplersAndSubsetsAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.randomSplit(range(10), new int[] {3, 6}, new Generator(1)));
        assertTrue(e.getMessage().startsWith("Sum of input lengths does not equal the length of the input dataset!"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.randomSplit(range(10), new double[] {0.5, 0.6}, new Generator(1)));
        assertTrue(e.getMessage().contains("sum to 1.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.randomSplit(range(10), new double[] {1.5, -0.5}, new Generator(1)));
        assertEquals("Fraction at index 0 is not between 0 and 1", e.getMessage());
        IndexOutOfBoundsException out = assertThrows(IndexOutOfBoundsException.class,
                () -> new Subset(range(3), new int[] {0, 3}));
        assertTrue(out.getMessage().contains("index 3 at position 1"), out.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new DataLoader(range(3), 1).shuffle(true).sampler(new SubsetRandomSampler(new int[] {0},
                        new Generator(1))));
        assertEquals("sampler option is mutually exclusive with shuffle", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new WeightedRandomSampler(new double[] {1, 0}, 2, false, new Generator(1)));
        assertTrue(e.getMessage().contains("without replacement from 1 nonzero"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new WeightedRandomSampler(new double[] {1, Double.NaN}, 2, true, new Generator(1)));
        DataLoader wrong = new DataLoader(range(3), 2).sampler(new SubsetRandomSampler(new int[] {0, 4},
                new Generator(1)));
        out = assertThrows(IndexOutOfBoundsException.class, () -> wrong.iterator());
        assertTrue(out.getMessage().contains("index 4"), out.getMessage());
    }
}

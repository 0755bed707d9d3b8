package dev.vgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.TorchFixturesTestAccess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * DataLoader with worker threads against PyTorch 1.13's worker processes (scripts/torch_data_fixtures.py,
 * workers.*): a dataset that draws from the default generator gives PyTorch's numbers in every batch, in order, and
 * the loader's generator ends where PyTorch's does; the same batches as without workers for a dataset that draws
 * nothing; worker info and init; a failing example's exception thrown to the consumer.
 */
class LoaderWorkersTest {
    /** Example i: [i, one draw from the default generator], as the fixture script's Noisy. */
    private static final class Noisy implements Dataset {
        @Override
        public int size() {
            return 10;
        }

        @Override
        public Tensor[] get(int i) {
            return new Tensor[] {Tensor.of((float) i, Tensor.rand(1).item())};
        }
    }

    @Test
    void workersDrawPyTorchsNumbersInPyTorchsOrder() throws IOException {
        Map<String, double[]> fx = TorchFixturesTestAccess.keyedValues("/fixtures/torch_data.txt");
        Object[][] cases = {{"two", 3, 2, 2, true, false, 11}, {"three_full", 2, 3, 1, true, false, 12},
                {"dropped", 4, 2, 3, false, true, 13}};
        for (Object[] c : cases) {
            Generator g = new Generator((int) c[6]);
            DataLoader loader = new DataLoader(new Noisy(), (int) c[1]).shuffle((boolean) c[4]).generator(g)
                    .dropLast((boolean) c[5]).numWorkers((int) c[2]).prefetchFactor((int) c[3]);
            for (int pass = 0; pass < 2; pass++) {
                int b = 0;
                for (Tensor[] batch : loader) {
                    String key = "workers." + c[0] + "." + pass + "." + b++;
                    assertArrayEquals(floats(fx.get(key)), batch[0].toArray(), 0f, key);
                }
                assertNull(fx.get("workers." + c[0] + "." + pass + "." + b), c[0] + ": as many batches as PyTorch's");
            }
            assertEquals((float) fx.get("workers." + c[0] + ".rand")[0], Tensor.rand(g, 1).item(),
                    c[0] + ": the loader's generator ends where PyTorch's does");
        }
    }

    /** Worker w yields [100 w + i, one draw from its default generator] for i < 3 + 2 w, as the script's Shards. */
    private static final class Shards implements IterableDataset {
        @Override
        public Iterator<Tensor[]> iterator() {
            DataLoader.WorkerInfo info = DataLoader.workerInfo();
            int w = info == null ? 0 : info.id();
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < 3 + 2 * w;
                }

                @Override
                public Tensor[] next() {
                    return new Tensor[] {Tensor.of(100f * w + i++, Tensor.rand(1).item())};
                }
            };
        }
    }

    /**
     * An IterableDataset against PyTorch's loader over one: each worker's stream cut into its own batches (its last,
     * smaller one dropped with drop_last), one batch from each worker in turn until its stream ends, every draw
     * PyTorch's; and without workers, one stream from the default generator.
     */
    @Test
    void streamsAreBatchedAsPyTorchBatchesThem() throws IOException {
        Map<String, double[]> fx = TorchFixturesTestAccess.keyedValues("/fixtures/torch_data.txt");
        Object[][] cases = {{"two", 2, 2, false, 14}, {"three_dropped", 2, 3, true, 15}, {"alone", 3, 0, false, 16}};
        for (Object[] c : cases) {
            int workers = (int) c[2], seed = (int) c[4];
            if (workers == 0) {
                Generator.defaultGenerator().manualSeed(seed);
            }
            DataLoader loader = new DataLoader(new Shards(), (int) c[1]).numWorkers(workers).dropLast((boolean) c[3])
                    .generator(new Generator(seed));
            for (int pass = 0; pass < 2; pass++) {
                int b = 0;
                for (Tensor[] batch : loader) {
                    String key = "stream." + c[0] + "." + pass + "." + b++;
                    assertNotNull(fx.get(key), key + ": PyTorch made no such batch");
                    assertArrayEquals(floats(fx.get(key)), batch[0].toArray(), 0f, key);
                }
                assertNull(fx.get("stream." + c[0] + "." + pass + "." + b), c[0] + ": as many batches as PyTorch's");
            }
        }
        DataLoader stream = new DataLoader(new Shards(), 2);
        assertThrows(IllegalArgumentException.class, () -> stream.shuffle(true));
        assertThrows(UnsupportedOperationException.class, stream::size);
    }

    /**
     * Persistent workers against PyTorch's (persistent.*): the base seed drawn once, each worker's generator carrying on
     * across three passes, over a map-style and an iterable dataset; the init function run once a worker; a pass left
     * unfinished ended by the next; refused without workers.
     */
    @Test
    void persistentWorkersCarryTheirGeneratorsFromPassToPassAsPyTorchs() throws IOException {
        Map<String, double[]> fx = TorchFixturesTestAccess.keyedValues("/fixtures/torch_data.txt");
        Object[][] cases = {{"map", false, 3, 2, true, 17}, {"stream", true, 2, 2, false, 18}};
        for (Object[] c : cases) {
            Generator g = new Generator((int) c[5]);
            DataLoader loader = ((boolean) c[1] ? new DataLoader(new Shards(), (int) c[2])
                    : new DataLoader(new Noisy(), (int) c[2]).shuffle((boolean) c[4])).generator(g)
                    .numWorkers((int) c[3]).persistentWorkers(true);
            for (int pass = 0; pass < 3; pass++) {
                int b = 0;
                for (Tensor[] batch : loader) {
                    String key = "persistent." + c[0] + "." + pass + "." + b++;
                    assertNotNull(fx.get(key), key + ": PyTorch made no such batch");
                    assertArrayEquals(floats(fx.get(key)), batch[0].toArray(), 0f, key);
                }
                assertNull(fx.get("persistent." + c[0] + "." + pass + "." + b),
                        c[0] + ": as many batches as PyTorch's");
            }
            assertEquals((float) fx.get("persistent." + c[0] + ".rand")[0], Tensor.rand(g, 1).item(),
                    c[0] + ": the loader's generator ends where PyTorch's does");
        }
        java.util.concurrent.atomic.AtomicInteger inits = new java.util.concurrent.atomic.AtomicInteger();
        DataLoader loader = new DataLoader(new Noisy(), 2).numWorkers(2).persistentWorkers(true)
                .workerInitFn(id -> inits.incrementAndGet());
        Iterator<Tensor[]> abandoned = loader.iterator();
        abandoned.next();
        int batches = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (Tensor[] batch : loader) {
                batches++;
            }
        }
        assertEquals(10, batches, "the abandoned pass does not hold the workers");
        assertEquals(2, inits.get(), "the init function runs once a worker, not once a pass");
        assertThrows(IllegalStateException.class, () -> new DataLoader(new Noisy(), 2).persistentWorkers(true)
                .iterator());
    }

    @Test
    void aDatasetThatDrawsNothingGivesTheSameBatchesWithAndWithoutWorkers() {
        Tensor x = Tensor.arange(23f).reshape(23, 1), y = Tensor.arange(23f).mul(2f);
        for (int workers : new int[] {1, 2, 5}) {
            List<float[]> plain = collect(new DataLoader(new TensorDataset(x, y), 4).shuffle(true, new Generator(3)));
            List<float[]> threaded = collect(new DataLoader(new TensorDataset(x, y), 4).shuffle(true, new Generator(3))
                    .numWorkers(workers));
            assertEquals(plain.size(), threaded.size());
            for (int i = 0; i < plain.size(); i++) {
                assertArrayEquals(plain.get(i), threaded.get(i), 0f, workers + " workers, batch " + i);
            }
        }
    }

    @Test
    void workersKnowThemselvesAndRunTheirInit() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Integer> inits = Collections.synchronizedList(new ArrayList<>());
        Dataset probe = new Dataset() {
            @Override
            public int size() {
                return 6;
            }

            @Override
            public Tensor[] get(int i) {
                DataLoader.WorkerInfo info = DataLoader.workerInfo();
                assertNotNull(info);
                seen.add(info.id() + "/" + info.numWorkers() + "/" + (info.seed() - info.id()));
                assertSame(this, info.dataset());
                return new Tensor[] {Tensor.of((float) i)};
            }
        };
        Generator g = new Generator(5);
        long baseSeed = new Generator(5).randomInt64();
        for (Tensor[] ignored : new DataLoader(probe, 1).generator(g).numWorkers(2).workerInitFn(inits::add)) {
            assertNull(DataLoader.workerInfo(), "the consumer is no worker");
        }
        assertEquals(Set.of("0/2/" + baseSeed, "1/2/" + baseSeed), seen, "each worker's seed is base_seed + id");
        Collections.sort(inits);
        assertEquals(List.of(0, 1), inits);
    }

    @Test
    void aFailingExampleIsThrownToTheConsumerWithItsBatch() {
        Dataset broken = Dataset.of(8, i -> {
            if (i == 5) {
                throw new IndexOutOfBoundsException("example " + i + " is missing");
            }
            return new Tensor[] {Tensor.of((float) i)};
        });
        Iterator<Tensor[]> it = new DataLoader(broken, 2).numWorkers(2).iterator();
        assertEquals(0f, it.next()[0].toArray()[0]);
        assertEquals(2f, it.next()[0].toArray()[0]);
        var e = assertThrows(IndexOutOfBoundsException.class, it::next);
        assertEquals("example 5 is missing", e.getMessage());
        assertTrue(e.getSuppressed()[0].getMessage().contains("worker 0, batch 2"), e.getSuppressed()[0].getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(broken, 2).numWorkers(-1));
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(broken, 2).prefetchFactor(0));
    }

    @Test
    void anAbandonedPassDoesNotLeaveTheDefaultGeneratorChanged() {
        Generator before = new Generator(0).setState(Generator.defaultGenerator().getState());
        Iterator<Tensor[]> it = new DataLoader(new Noisy(), 2).generator(new Generator(1)).numWorkers(2).iterator();
        it.next();
        assertEquals(Tensor.rand(before, 1).item(), Tensor.rand(1).item(),
                "the workers drew from their own generators, not the consumer's default");
    }

    private static List<float[]> collect(DataLoader loader) {
        List<float[]> out = new ArrayList<>();
        for (Tensor[] batch : loader) {
            float[] a = batch[0].toArray(), b = batch[1].toArray();
            float[] both = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            out.add(both);
        }
        return out;
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}

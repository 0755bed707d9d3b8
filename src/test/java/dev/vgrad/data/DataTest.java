package dev.vgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTest {
    @TempDir
    Path dir;

    static byte[] idx(int magic, int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        for (int i = 0; i < dataBytes; i++) {
            out.writeByte(i * 37);
        }
        return bytes.toByteArray();
    }

    static void gzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    @Test
    void readsRawAndGzippedIdx() throws IOException {
        Path raw = dir.resolve("img-idx3-ubyte");
        Files.write(raw, idx(0x803, new int[] {2, 3, 4}, 24));
        Tensor t = Idx.read(raw);
        assertArrayEquals(new int[] {2, 3, 4}, t.shape());
        assertEquals((5 * 37) & 0xff, (int) t.toArray()[5]);
        Path gz = dir.resolve("img.gz");
        gzip(gz, idx(0x803, new int[] {2, 3, 4}, 24));
        assertArrayEquals(t.toArray(), Idx.read(gz).toArray());
    }

    @Test
    void malformedIdxFilesAreRefusedNamingTheFile() throws IOException {
        Path bad = dir.resolve("bad-magic");
        Files.write(bad, idx(0x0d03, new int[] {1, 1, 1}, 1));
        IOException e = assertThrows(IOException.class, () -> Idx.read(bad));
        assertTrue(e.getMessage().contains("bad-magic") && e.getMessage().contains("magic number"), e.getMessage());
        Path truncated = dir.resolve("truncated.gz");
        gzip(truncated, idx(0x803, new int[] {10, 28, 28}, 500));
        e = assertThrows(IOException.class, () -> Idx.read(truncated));
        assertTrue(e.getMessage().contains("truncated.gz") && e.getMessage().contains("7840"), e.getMessage());
        Path longer = dir.resolve("longer");
        Files.write(longer, idx(0x801, new int[] {3}, 4));
        e = assertThrows(IOException.class, () -> Idx.read(longer));
        assertTrue(e.getMessage().contains("longer") && e.getMessage().contains("more"), e.getMessage());
        Path shortHeader = dir.resolve("short");
        Files.write(shortHeader, new byte[] {0, 0, 8, 3, 0, 0});
        assertThrows(IOException.class, () -> Idx.read(shortHeader));
        e = assertThrows(IOException.class, () -> Mnist.load(dir.resolve("nowhere"), true));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void mnistDirectoryLoadsNormalizedAndChecksCounts() throws IOException {
        gzip(dir.resolve("t10k-images-idx3-ubyte.gz"), idx(0x803, new int[] {3, 28, 28}, 3 * 784));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 1, 7, 9});
        TensorDataset ds = Mnist.load(dir, false);
        assertEquals(3, ds.size());
        assertArrayEquals(new int[] {784}, ds.get(0)[0].shape());
        assertEquals(-1f, ds.get(0)[0].toArray()[0]);
        assertEquals(7f, ds.get(1)[1].item());
        // The pixels are normalized while read, through a table: the same bits as the in-place passes fromIdx runs,
        // for every byte value (the file's bytes i * 37 cover all 256).
        TensorDataset passes = Mnist.fromIdx(Idx.read(dir.resolve("t10k-images-idx3-ubyte.gz")),
                Idx.read(dir.resolve("t10k-labels-idx1-ubyte")), dir, dir);
        for (int image = 0; image < 3; image++) {
            float[] read = ds.get(image)[0].toArray(), expected = passes.get(image)[0].toArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(read[i]), "pixel " + i);
            }
        }
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 7});
        IOException e = assertThrows(IOException.class, () -> Mnist.load(dir, false));
        assertTrue(e.getMessage().contains("labels") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void shuffleDrawsTorchRandpermOrder() {
        // torch.Generator().manual_seed(3); torch.randperm(10, generator=g), twice; seed 0, n = 25.
        Generator g = new Generator(3);
        assertArrayEquals(new int[] {6, 0, 3, 7, 8, 5, 1, 9, 2, 4}, g.randperm(10));
        assertArrayEquals(new int[] {9, 8, 5, 3, 0, 6, 7, 2, 1, 4}, g.randperm(10));
        assertArrayEquals(new int[] {19, 16, 6, 17, 5, 24, 11, 8, 14, 12, 21, 2, 15, 1, 22, 10, 13, 9, 7, 18, 3, 4, 20, 23, 0},
                new Generator(0).randperm(25));
    }

    @Test
    void loaderBatchesInOrderOrShuffledWithDropLast() {
        Tensor x = Tensor.arange(10f).reshape(10, 1).mul(Tensor.ones(1, 3));
        Tensor y = Tensor.arange(10f);
        DataLoader plain = new DataLoader(new TensorDataset(x, y), 4);
        assertEquals(3, plain.size());
        List<Tensor[]> batches = new ArrayList<>();
        plain.forEach(batches::add);
        assertArrayEquals(new int[] {4, 3}, batches.get(0)[0].shape());
        assertArrayEquals(new float[] {8f, 9f}, batches.get(2)[1].toArray());
        DataLoader shuffled = new DataLoader(new TensorDataset(x, y), 4).shuffle(true, new Generator(3)).dropLast(true);
        assertEquals(2, shuffled.size());
        List<Tensor[]> s = new ArrayList<>();
        shuffled.forEach(s::add);
        assertEquals(2, s.size());
        // the orders themselves are PyTorch's (DatasetsTest); here, that rows stay together and passes differ
        float first = s.get(0)[1].toArray()[0];
        assertArrayEquals(new float[] {first, first, first}, s.get(0)[0].select(0, 0).toArray());
        List<Tensor[]> next = new ArrayList<>();
        shuffled.forEach(next::add);
        assertFalse(java.util.Arrays.equals(s.get(0)[1].toArray(), next.get(0)[1].toArray()), "a new order every pass");
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(new TensorDataset(x, y), 0));
        assertThrows(IllegalArgumentException.class, () -> new TensorDataset(x, Tensor.arange(9f)));
    }

    @Test
    void genericDatasetsAreStacked() {
        Dataset squares = new Dataset() {
            @Override
            public int size() {
                return 5;
            }

            @Override
            public Tensor[] get(int i) {
                return new Tensor[] {Tensor.of(i, i * i), Tensor.scalar(i % 2)};
            }
        };
        Tensor[] first = new DataLoader(squares, 3).iterator().next();
        assertArrayEquals(new int[] {3, 2}, first[0].shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 2, 4}, first[0].toArray());
        assertArrayEquals(new float[] {0, 1, 0}, first[1].toArray());
    }
}

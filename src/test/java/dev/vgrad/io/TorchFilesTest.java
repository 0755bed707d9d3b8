package dev.vgrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.TorchFixturesTestAccess;
import dev.vgrad.nn.BatchNorm1d;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Sequential;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch's own files: a checkpoint torch 1.13 wrote (scripts/torch_files_fixtures.py) read value for value, vgrad's
 * files read back and laid out as torch.save lays them out, and damaged or foreign files refused by name.
 */
class TorchFilesTest {
    private static final Path CHECKPOINT = Path.of("src/test/resources/fixtures/torch_checkpoint.pt");

    @TempDir
    Path dir;

    private static void assertTensor(Map<String, double[]> fx, String key, Tensor got) {
        double[] want = fx.get(key), shape = fx.get("shape." + key);
        if (want == null || shape == null) {
            fail("the fixture has no " + key);
        }
        assertArrayEquals(Arrays.stream(shape).mapToInt(d -> (int) d).toArray(), got.shape(), "shape of " + key);
        float[] g = got.toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals((float) want[i], g[i], key + "[" + i + "]");
        }
    }

    @Test
    void readsACheckpointTorchWrote() throws IOException {
        Map<String, double[]> fx = TorchFixturesTestAccess.keyedValues("/fixtures/torch_checkpoint.txt");
        Map<?, ?> ck = (Map<?, ?>) TorchFiles.load(CHECKPOINT);
        assertEquals(List.of("model", "epoch", "lr", "name", "betas", "steps", "none", "flag", "numpy", "arrays", "t",
                "slice", "whole", "d", "s", "h", "i", "b", "e"), new ArrayList<>(ck.keySet()));
        assertEquals(3L, ck.get("epoch"));
        assertEquals(0.1, ck.get("lr"));
        assertEquals("run", ck.get("name"));
        assertEquals(List.of(0.9, 0.999), ck.get("betas"));
        assertEquals(List.of(1L, 2L, 300000L, -5L, 1L << 40), ck.get("steps"));
        assertTrue(ck.containsKey("none"));
        assertNull(ck.get("none"));
        assertEquals(Boolean.TRUE, ck.get("flag"));
        assertEquals(List.of(0.5, -3L, 1.25, true, 200L, -2.5), ck.get("numpy"));
        List<?> arrays = (List<?>) ck.get("arrays");
        assertEquals("[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]", rows((Tensor) arrays.get(0)));
        assertEquals("[[0.0, 0.5, 1.0], [1.5, 2.0, 2.5]]", rows((Tensor) arrays.get(1)));   // stored column-major
        assertEquals("[[7.0, -8.0]]", rows(((Tensor) arrays.get(2)).reshape(1, 2)));
        assertEquals(rows((Tensor) arrays.get(0)), rows((Tensor) arrays.get(3)), "an array the memo hands out again");
        for (String k : List.of("t", "slice", "whole", "d", "s", "h", "i", "b", "e")) {
            assertTensor(fx, k, (Tensor) ck.get(k));
        }
        Map<?, ?> model = (Map<?, ?>) ck.get("model");
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "2.weight"), new ArrayList<>(model.keySet()));
        model.forEach((k, v) -> assertTensor(fx, "model." + k, (Tensor) v));
        // ready for a module: the same model built in vgrad takes the state dict as it is
        Sequential vgrad = new Sequential(new Linear(3, 4), new BatchNorm1d(4),
                new Linear(4, 2, false, new Generator(1)));
        Map<String, Tensor> state = new LinkedHashMap<>();
        model.forEach((k, v) -> state.put((String) k, (Tensor) v));
        vgrad.loadStateDict(state);
        assertArrayEquals(((Tensor) model.get("1.running_var")).toArray(),
                vgrad.stateDict().get("1.running_var").toArray());
    }

    @Test
    void savedFilesReadBackAndAreLaidOutAsTorchLaysThemOut() throws IOException {
        Tensor w = Tensor.randn(new Generator(3), 5, 7), view = w.t().narrow(0, 2, 3);
        Map<String, Object> ck = new LinkedHashMap<>();
        ck.put("w", w);
        ck.put("view", view);
        ck.put("scalar", Tensor.scalar(-2.5f));
        ck.put("empty", Tensor.zeros(0, 4));
        ck.put("grad", Tensor.of(1f, 2f).requiresGrad_());
        ck.put("nested", Map.of("epoch", 12));
        ck.put("list", Arrays.asList(1L, -7_000_000_000L, 0.25, "text", true, null));
        Path file = dir.resolve("ck.pt");
        TorchFiles.save(ck, file);
        Map<?, ?> back = (Map<?, ?>) TorchFiles.load(file);
        assertEquals(new ArrayList<>(ck.keySet()), new ArrayList<>(back.keySet()));
        for (String k : List.of("w", "view", "scalar", "empty", "grad")) {
            Tensor want = (Tensor) ck.get(k), got = (Tensor) back.get(k);
            assertArrayEquals(want.shape(), got.shape(), k);
            assertArrayEquals(want.toArray(), got.toArray(), k);
            assertEquals(want.requiresGrad(), got.requiresGrad(), k);
        }
        assertEquals(Map.of("epoch", 12L), back.get("nested"));
        assertEquals(Arrays.asList(1L, -7_000_000_000L, 0.25, "text", true, null), back.get("list"));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertEquals("archive/data.pkl", names.get(0));
            assertEquals("archive/version", names.get(names.size() - 1));
            for (ZipEntry e : zip.stream().toList()) {
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
            }
        }
        // each entry's data on a 64-byte boundary: find each storage's bytes in the file
        byte[] all = Files.readAllBytes(file);
        ByteBuffer bytes = ByteBuffer.allocate(4 * 35).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(w.toArray());
        int at = indexOf(all, bytes.array());
        assertTrue(at > 0 && at % 64 == 0, "w's data at byte " + at);
        Map<String, Tensor> sd = Map.of("a", Tensor.ones(2));
        TorchFiles.save(sd, file);
        assertArrayEquals(new float[] {1f, 1f}, TorchFiles.loadStateDict(file).get("a").toArray());
    }

    private static String rows(Tensor t) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.size(0); i++) {
            out.add(Arrays.toString(t.select(0, i).toArray()));
        }
        return out.toString();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void refusesWhatItCannotReadByName() throws IOException {
        var e = assertThrows(IOException.class, () -> TorchFiles.loadStateDict(CHECKPOINT));
        assertTrue(e.getMessage().contains("entry model is a LinkedHashMap, not a tensor"), e.getMessage());
        Path text = dir.resolve("legacy.pt");
        Files.writeString(text, "not a zip");
        e = assertThrows(IOException.class, () -> TorchFiles.load(text));
        assertTrue(e.getMessage().contains("not a zip archive") && e.getMessage().contains("legacy"), e.getMessage());
        e = assertThrows(IOException.class, () -> TorchFiles.load(dir.resolve("missing.pt")));
        assertTrue(e.getMessage().endsWith("no such file"), e.getMessage());
        // a module pickled whole: the pickle names its class
        Path module = dir.resolve("module.pt");
        writeArchive(module, new byte[] {(byte) 0x80, 2, 'c', 't', 'o', 'r', 'c', 'h', '.', 'n', 'n', '\n', 'L', 'i',
            'n', 'e', 'a', 'r', '\n', ')', 'R', '.'}, Map.of());
        e = assertThrows(IOException.class, () -> TorchFiles.load(module));
        assertTrue(e.getMessage().contains("torch.nn.Linear, which vgrad does not read"), e.getMessage());
        // a storage cut short
        byte[] pickle;
        try (ZipFile zip = new ZipFile(CHECKPOINT.toFile())) {
            pickle = zip.getInputStream(zip.getEntry("torch_checkpoint/data.pkl")).readAllBytes();
        }
        Path cut = dir.resolve("cut.pt");
        writeArchive(cut, pickle, Map.of("0", new byte[8]));
        e = assertThrows(IOException.class, () -> TorchFiles.load(cut));
        assertTrue(e.getMessage().contains("(truncated?)"), e.getMessage());
        // a pickle cut short
        writeArchive(cut, Arrays.copyOf(pickle, 100), Map.of());
        e = assertThrows(IOException.class, () -> TorchFiles.load(cut));
        assertTrue(e.getMessage().contains("malformed pickle"), e.getMessage());
        // a compressed pickle that inflates past the size its header declares
        Path bomb = dir.resolve("bomb.pt");
        byte[] big = new byte[1 << 20];
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("a/data.pkl"));
            zip.write(big);
        }
        byte[] raw = Files.readAllBytes(bomb);
        patchDeclaredSize(raw, big.length, 16);
        Files.write(bomb, raw);
        e = assertThrows(IOException.class, () -> TorchFiles.load(bomb));
        assertTrue(e.getMessage().contains("holds other than the 16 bytes its header declares"), e.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> TorchFiles.save(Map.of("x", new Object()),
                dir.resolve("x.pt")));
        assertTrue(bad.getMessage().contains("the value[\"x\"] is a Object"), bad.getMessage());
        assertFalse(Files.exists(dir.resolve("x.pt")));
    }

    /** Rewrites every 4-byte little-endian {@code from} after a zip header signature's size fields to {@code to}. */
    private static void patchDeclaredSize(byte[] zip, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (b.getInt(i) == 0x02014b50) {   // central directory entry: uncompressed size at +24
                if (b.getInt(i + 24) == from) {
                    b.putInt(i + 24, to);
                }
            }
        }
    }

    private static void writeArchive(Path file, byte[] pickle, Map<String, byte[]> storages) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("a/data.pkl"));
            zip.write(pickle);
            for (var s : storages.entrySet()) {
                zip.putNextEntry(new ZipEntry("a/data/" + s.getKey()));
                zip.write(s.getValue());
            }
        }
    }
}

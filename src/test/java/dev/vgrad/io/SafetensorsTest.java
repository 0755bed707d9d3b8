package dev.vgrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.ReLU;
import dev.vgrad.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    static Sequential model(long seed) {
        Generator g = new Generator(seed);
        return new Sequential(new Linear(5, 4, g), new ReLU(), new Linear(4, 2, g));
    }

    @Test
    void stateDictRoundTripsBitExact() throws IOException {
        Sequential a = model(1);
        Map<String, Tensor> state = new LinkedHashMap<>(a.stateDict());
        state.put("special", Tensor.of(Float.NaN, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE, Float.MAX_VALUE));
        state.put("scalar", Tensor.scalar(3f));
        Path file = dir.resolve("model.safetensors");
        Safetensors.save(state, file, Map.of("epoch", "3"));
        Map<String, Tensor> back = Safetensors.load(file);
        assertEquals(List.copyOf(state.keySet()), List.copyOf(back.keySet()));
        for (String k : state.keySet()) {
            assertArrayEquals(state.get(k).shape(), back.get(k).shape(), k);
            float[] x = state.get(k).toArray(), y = back.get(k).toArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), k + "[" + i + "]");
            }
        }
        Sequential b = model(2);
        back.remove("special");
        back.remove("scalar");
        b.loadStateDict(back);
        assertArrayEquals(a.parameters().get(2).toArray(), b.parameters().get(2).toArray());
    }

    @Test
    void metadataIsWrittenInKeyOrderSoTheBytesDoNotDependOnTheMap() throws IOException {
        Map<String, Tensor> state = model(2).stateDict();
        Map<String, String> forward = new LinkedHashMap<>(), backward = new LinkedHashMap<>();
        forward.put("epochs", "10");
        forward.put("optimizer", "adam");
        backward.put("optimizer", "adam");
        backward.put("epochs", "10");
        Path a = dir.resolve("a.safetensors"), b = dir.resolve("b.safetensors");
        Safetensors.save(state, a, forward);
        Safetensors.save(state, b, backward);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertTrue(new String(Files.readAllBytes(a), java.nio.charset.StandardCharsets.UTF_8)
                .contains("{\"__metadata__\":{\"epochs\":\"10\",\"optimizer\":\"adam\"}"));
    }

    @Test
    void readsWhatAnIndependentPythonWriterWrote() throws IOException {
        Path file = Path.of("src/test/resources/fixtures/python_written.safetensors");
        Map<String, Tensor> t = Safetensors.load(file);
        List<String> expected = Files.readAllLines(Path.of("src/test/resources/fixtures/python_written.expected.txt"));
        assertEquals(expected.size(), t.size());
        for (String line : expected) {
            String[] f = line.split(" ", 3);
            Tensor got = t.get(f[0]);
            assertEquals(f[1], Arrays.toString(got.shape()).replace(" ", ""), f[0]);
            String[] vals = f[2].split(" ");
            float[] want = new float[vals.length];
            for (int i = 0; i < vals.length; i++) {
                want[i] = vals[i].equals("inf") ? Float.POSITIVE_INFINITY : (float) Double.parseDouble(vals[i]);
            }
            assertArrayEquals(want, got.toArray(), 0f, f[0]);
        }
    }

    @Test
    void truncatedOrCorruptedFilesLoadNothing() throws IOException {
        Sequential m = model(3);
        Path file = dir.resolve("ok.safetensors");
        Safetensors.save(m.stateDict(), file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 10));
        IOException e = assertThrows(IOException.class, () -> Safetensors.load(cut));
        assertTrue(e.getMessage().contains("cut.safetensors") && e.getMessage().contains("truncated"), e.getMessage());
        Path badHeader = dir.resolve("header.safetensors");
        byte[] broken = bytes.clone();
        broken[8] = '#'; // the header's opening brace
        Files.write(badHeader, broken);
        e = assertThrows(IOException.class, () -> Safetensors.load(badHeader));
        assertTrue(e.getMessage().contains("header.safetensors") && e.getMessage().contains("JSON"), e.getMessage());
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> Safetensors.load(tiny));
        Path hugeHeader = dir.resolve("huge.safetensors");
        byte[] h = bytes.clone();
        h[7] = 0x7f;
        Files.write(hugeHeader, h);
        assertThrows(IOException.class, () -> Safetensors.load(hugeHeader));
        // A model whose load fails keeps its weights.
        Sequential other = model(4);
        float[] before = other.parameters().get(0).toArray();
        assertThrows(IOException.class, () -> other.loadStateDict(Safetensors.load(cut)));
        assertArrayEquals(before, other.parameters().get(0).toArray());
    }
}

package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fixture of keyed lines written by one of the PyTorch scripts: {@code <key> <number>...} (a key may hold no numbers:
 * a gradient PyTorch did not make), and name lists {@code <key> <name>...} where a segment of the key is "keys" (a
 * state dict's names in order). {@link #assertClose} compares a tensor with a key's numbers element by element.
 */
public final class KeyedFixture {
    private final Map<String, float[]> values = new HashMap<>();
    private final Map<String, List<String>> names = new HashMap<>();

    private KeyedFixture() {}

    /** The fixture at {@code resource} (committed, or under another seed's folder; see TorchFixturesTestAccess). */
    public static KeyedFixture load(String resource) throws IOException {
        KeyedFixture fx = new KeyedFixture();
        try (var r = new BufferedReader(new InputStreamReader(TorchFixturesTestAccess.open(resource),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                if (List.of(f[0].split("\\.")).contains("keys")) {
                    fx.names.put(f[0], List.of(f).subList(1, f.length));
                    continue;
                }
                float[] v = new float[f.length - 1];
                for (int i = 0; i < v.length; i++) {
                    v[i] = switch (f[i + 1]) {
                        case "inf" -> Float.POSITIVE_INFINITY;
                        case "-inf" -> Float.NEGATIVE_INFINITY;
                        case "nan" -> Float.NaN;
                        default -> (float) Double.parseDouble(f[i + 1]);
                    };
                }
                fx.values.put(f[0], v);
            }
        }
        return fx;
    }

    /** The numbers under {@code key}; a missing key fails the test, naming it. */
    public float[] get(String key) {
        float[] v = values.get(key);
        if (v == null) {
            fail("the fixture has no " + key);
        }
        return v;
    }

    /**
     * The shape recorded under {@code key + ".shape"}, the line the scripts write beside a tensor whose shape matters
     * (no numbers: a zero-dimensional tensor).
     */
    public int[] shape(String key) {
        float[] dims = get(key + ".shape");
        int[] shape = new int[dims.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) dims[i];
        }
        return shape;
    }

    /** The tensor under {@code key}, shaped as its ".shape" line says. */
    public Tensor tensor(String key) {
        return Tensor.of(get(key), shape(key));
    }

    /** Whether the fixture has numbers under {@code key}. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The names under {@code key} (a "keys" line), or null. */
    public List<String> names(String key) {
        return names.get(key);
    }

    /** {@code got} of the shape stored under {@code key + ".shape"}, and {@link #assertClose} to the key's numbers. */
    public void assertMatches(String key, Tensor got, float tolerance) {
        assertArrayEquals(shape(key), got.shape(), key);
        assertClose(key, got, tolerance);
    }

    /**
     * Every element of {@code got} within {@code tolerance} (relative and absolute) of the key's numbers; a NaN or an
     * infinity must be met by the same.
     */
    public void assertClose(String key, Tensor got, float tolerance) {
        float[] want = get(key);
        float[] g = got.contiguous().toArray();
        assertEquals(want.length, g.length, key);
        for (int i = 0; i < want.length; i++) {
            boolean same = want[i] == g[i] || Float.isNaN(want[i]) && Float.isNaN(g[i]);
            if (!same && !(Math.abs(want[i] - g[i]) <= tolerance * Math.abs(want[i]) + tolerance)) {
                fail(key + "[" + i + "]: torch " + want[i] + ", vgrad " + g[i]);
            }
        }
    }
}

package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The cases of src/test/resources/fixtures/torch_autograd.txt (scripts/torch_autograd_fixtures.py): for each case,
 * its named tensors as PyTorch computed them.
 */
final class AutogradFixtures {
    /** A named tensor that PyTorch reported as None (no gradient reached it). */
    static final Tensor NONE = Tensor.scalar(Float.NaN);

    private static Map<String, Map<String, Tensor>> cases;

    private AutogradFixtures() {}

    static synchronized Map<String, Tensor> get(String name) {
        if (cases == null) {
            cases = read("/fixtures/torch_autograd.txt");
        }
        Map<String, Tensor> c = cases.get(name);
        assertNotNull(c, "no fixture case " + name + " (regenerate with scripts/torch_autograd_fixtures.py)");
        return c;
    }

    private static Map<String, Map<String, Tensor>> read(String resource) {
        InputStream in;
        try {
            in = TorchFixturesTest.open(resource);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertNotNull(in, "missing fixture " + resource);
        Map<String, Map<String, Tensor>> all = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<String, Tensor> current = null;
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "case" -> all.put(f[1], current = new HashMap<>());
                    case "tensor" -> current.put(f[1], f[2].equals("none") ? NONE : parse(f));
                    default -> { }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    private static Tensor parse(String[] f) {
        int[] shape = f[2].equals("-") ? new int[0] : Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray();
        float[] values = new float[f.length - 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.parseFloat(f[i + 3]);
        }
        return Tensor.of(values, shape);
    }

    /** Asserts same shape and {@code |a - e| <= rtol |e| + atol * max|e|} everywhere. */
    static void assertClose(Tensor expected, Tensor actual, float rtol, float atol, String what) {
        assertNotNull(actual, what + ": no tensor");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray(), a = actual.toArray();
        float scale = 0f;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.length; i++) {
            float tol = rtol * Math.abs(e[i]) + atol * Math.max(scale, 1f);
            assertTrue(Math.abs(a[i] - e[i]) <= tol, what + "[" + i + "]: expected " + e[i] + ", got " + a[i]);
        }
    }
}

package dev.vgrad;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Lets tests in other packages replay the PyTorch programs. */
public final class TorchFixturesTestAccess {
    private TorchFixturesTestAccess() {}

    public static List<List<String>> programs() throws IOException {
        return TorchFixturesTest.read("/fixtures/torch_programs.txt");
    }

    /** A fixture file, committed or (with {@code -Dvgrad.fixtures.dir}) drawn under another seed; null if absent. */
    public static InputStream open(String resource) throws IOException {
        return TorchFixturesTest.open(resource);
    }

    /**
     * A fixture of keyed lines, {@code <key> <number> <number> ...} ({@code #} starts a comment line), as the values
     * by key.
     */
    public static java.util.Map<String, double[]> keyedValues(String resource) throws IOException {
        java.util.Map<String, double[]> out = new java.util.HashMap<>();
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(open(resource),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                double[] v = new double[f.length - 1];
                for (int i = 0; i < v.length; i++) {
                    v[i] = switch (f[i + 1]) {   // Python's repr of the three special values
                        case "inf" -> Double.POSITIVE_INFINITY;
                        case "-inf" -> Double.NEGATIVE_INFINITY;
                        case "nan" -> Double.NaN;
                        default -> Double.parseDouble(f[i + 1]);
                    };
                }
                out.put(f[0], v);
            }
        }
        return out;
    }

    public static void replay(List<String> program) {
        TorchFixturesTest.replay(program);
    }

    /** The programs' comparison: 1e-4 relative, plus 1e-5 of the largest expected magnitude. */
    public static void assertClose(String what, float[] expected, float[] actual) {
        TorchFixturesTest.assertClose(what, expected, actual);
    }
}

package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's table of layers, enforced: imports (and fully qualified references) point down the table, never up.
 * kernels (1) < memory (2) < dev.vgrad and autograd (3) < nn, nn.utils, optim, data, io, distributions (and its
 * constraints) (4) < cli (5);
 * blas sits beside and knows the kernels only.
 */
class ArchitectureTest {
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("dev.vgrad.kernels", 1),
            Map.entry("dev.vgrad.memory", 2),
            Map.entry("dev.vgrad", 3),
            Map.entry("dev.vgrad.autograd", 3),
            Map.entry("dev.vgrad.nn", 4),
            Map.entry("dev.vgrad.nn.utils", 4),
            Map.entry("dev.vgrad.nn.utils.prune", 4),
            Map.entry("dev.vgrad.optim", 4),
            Map.entry("dev.vgrad.data", 4),
            Map.entry("dev.vgrad.io", 4),
            Map.entry("dev.vgrad.distributions", 4),
            Map.entry("dev.vgrad.distributions.constraints", 4),
            Map.entry("dev.vgrad.cli", 5));
    private static final String BLAS = "dev.vgrad.blas";
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.vgrad(?:\\.[a-z]+)*)\\.[A-Z]");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** The packages {@code source} (a file of package {@code from}) refers to against the table: one line each. */
    static List<String> violations(String from, String source) {
        List<String> out = new ArrayList<>();
        Matcher m = REFERENCE.matcher(COMMENTS.matcher(source).replaceAll(""));
        while (m.find()) {
            String to = m.group(1);
            if (!allowed(from, to)) {
                out.add(from + " -> " + to);
            }
        }
        return out;
    }

    private static boolean allowed(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.equals(BLAS)) {
            return to.equals("dev.vgrad.kernels");
        }
        if (to.equals(BLAS)) {
            return LAYER.get(from) >= 4;
        }
        Integer a = LAYER.get(from), b = LAYER.get(to);
        if (a == null || b == null) {
            throw new IllegalStateException("package missing from the layer table: " + (a == null ? from : to));
        }
        return b <= a;
    }

    @Test
    void noPackageImportsOneAboveIt() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(p.getParent()).toString().replace('/', '.');
                for (String v : violations(pkg, Files.readString(p))) {
                    found.add(root.relativize(p) + ": " + v);
                }
                files++;
            }
        }
        assertTrue(files > 50, "scanned " + files + " files");
        assertEquals(List.of(), found);
    }

    /**
     * DESIGN.md's provider rule: only the kernels' Vector* classes name jdk.incubator.vector, so a JVM without that
     * module loads every class it runs (the without-vector-module test run is the behavioural half of this check).
     */
    @Test
    void onlyVectorClassesOfTheKernelsNameTheVectorApi() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = COMMENTS.matcher(Files.readString(p)).replaceAll("");
                boolean vectorClass = p.getParent().endsWith(Path.of("dev/vgrad/kernels"))
                        && p.getFileName().toString().startsWith("Vector");
                if (code.contains("jdk.incubator.vector") && !vectorClass) {
                    found.add(root.relativize(p).toString());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theCheckSeesImportsAndQualifiedNamesButNotComments() {
        String src = "package dev.vgrad.kernels;\nimport dev.vgrad.Tensor;\n// dev.vgrad.nn.Module in a comment\n"
                + "/** {@link dev.vgrad.cli.Train} */ class X { Object o = dev.vgrad.memory.Arena.current(); }";
        assertEquals(List.of("dev.vgrad.kernels -> dev.vgrad", "dev.vgrad.kernels -> dev.vgrad.memory"),
                violations("dev.vgrad.kernels", src));
        assertEquals(List.of(), violations("dev.vgrad.nn", "import dev.vgrad.Tensor; import dev.vgrad.kernels.Sgemm;"));
        assertEquals(List.of("dev.vgrad.blas -> dev.vgrad"), violations(BLAS, "import dev.vgrad.Tensor;"));
        assertTrue(Set.of(1, 2, 3, 4, 5).containsAll(LAYER.values()));
    }
}

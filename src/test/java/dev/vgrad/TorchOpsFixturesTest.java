package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The CNN/transformer op set against PyTorch 1.13 (scripts/torch_ops_fixtures.py): random programs replayed as
 * {@link TorchFixturesTest} replays its own, and the factories (linspace, randint) value for value.
 */
class TorchOpsFixturesTest {
    private static final String FIXTURES = "/fixtures/torch_ops.txt";

    @TestFactory
    Stream<DynamicTest> programsMatchPyTorch() throws IOException {
        List<List<String>> programs = TorchFixturesTest.read(FIXTURES);
        assertTrue(programs.size() >= 100, "expected the full fixture set, found " + programs.size());
        return programs.stream().map(p -> DynamicTest.dynamicTest(p.get(0).substring("program ".length()),
                () -> TorchFixturesTest.replayNamed(p)));
    }

    /** The same programs on buffers an arena filled with NaN (see {@link TorchFixturesTest#replayOnPoisonedBuffers}). */
    @TestFactory
    Stream<DynamicTest> programsMatchPyTorchOnPoisonedBuffers() throws IOException {
        return TorchFixturesTest.read(FIXTURES).stream().map(p -> DynamicTest.dynamicTest(
                p.get(0).substring("program ".length()), () -> TorchFixturesTest.replayOnPoisonedBuffers(p)));
    }

    @TestFactory
    Stream<DynamicTest> factoriesMatchPyTorch() throws IOException {
        var in = TorchFixturesTest.open(FIXTURES);
        assertNotNull(in, "missing fixture " + FIXTURES);
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines = r.lines().filter(l -> l.startsWith("factory ")).toList();
        }
        assertTrue(lines.size() >= 20, "expected the factory fixtures, found " + lines.size());
        return lines.stream().map(line -> DynamicTest.dynamicTest(line.substring(0, line.indexOf(" |")), () -> {
            String[] args = line.substring(0, line.indexOf(" |")).split(" ");
            String[] want = line.substring(line.indexOf("| ") + 2).split(" ");
            Tensor got = switch (args[1]) {
                case "linspace" -> Tensor.linspace(Float.parseFloat(args[2]), Float.parseFloat(args[3]),
                        Integer.parseInt(args[4]));
                case "randint" -> Tensor.randint(new Generator(Long.parseLong(args[2])), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), TorchFixturesTest.shape(want[0]));
                default -> throw new IllegalArgumentException("unknown factory " + args[1]);
            };
            assertArrayEquals(TorchFixturesTest.shape(want[0]), got.shape());
            float[] expected = TorchFixturesTest.floats(want, 1);
            // randint: exactly torch's draws; linspace: exactly its points (histogram's bins hang on them)
            assertArrayEquals(expected, got.toArray(), line);
        }));
    }

}

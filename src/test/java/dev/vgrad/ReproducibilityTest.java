package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vgrad.kernels.Sgemm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Results are a function of the inputs: the same program gives the same bits in a cold JVM (interpreted, -Xint)
 * as in this warmed-up one (C2-compiled kernels), on one thread as on two, on the scalar path as on the vector
 * path, and with 4-, 8- and 16-lane vectors whatever this CPU's own width.
 */
class ReproducibilityTest {
    @Test
    void coldWarmAndThreadCountGiveTheSameBits() throws IOException, InterruptedException {
        String first = ReproducibilityProgram.digest();
        for (int i = 0; i < 200; i++) {   // long enough for C2 to compile the kernels
            assertEquals(first, ReproducibilityProgram.digest(), "run " + i + " of the warm-up");
        }
        String warm = ReproducibilityProgram.digest();
        int threads = Sgemm.threads();
        try {
            Sgemm.setThreads(2);
            assertEquals(warm, ReproducibilityProgram.digest(), "2 threads against 1");
        } finally {
            Sgemm.setThreads(threads);
        }
        assertEquals(warm, run("-Xint", "-Dvgrad.scalar=" + System.getProperty("vgrad.scalar", "false")),
                "a cold, interpreted JVM against a warm one");
        if (!Boolean.getBoolean("vgrad.scalar")) {   // the scalar-path rerun of this suite would repeat these
            assertEquals(warm, run("-Dvgrad.scalar=true"), "the scalar path against the vector path");
            for (String bits : new String[] {"128", "256", "512"}) {
                assertEquals(warm, run("-Dvgrad.vectorBits=" + bits), bits + "-bit vectors against the CPU's own");
            }
        }
    }

    /** The program's digest from a fresh JVM started with the given options. */
    private static String run(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector"));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ReproducibilityProgram.class.getName()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "the run with " + List.of(options) + " failed: " + out);
        return out;
    }
}

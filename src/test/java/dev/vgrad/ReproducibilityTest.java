package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vgrad.kernels.Sgemm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Results are a function of the inputs: the same program gives the same bits in a cold JVM (interpreted, -Xint)
 * as in this warmed-up one (C2-compiled kernels), and on one thread as on two.
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
        assertEquals(warm, coldRun(), "a cold, interpreted JVM against a warm one");
    }

    private static String coldRun() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Xint",
                "-Dvgrad.scalar=" + System.getProperty("vgrad.scalar", "false"),
                "-cp", System.getProperty("java.class.path"), ReproducibilityProgram.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "the cold run failed: " + out);
        return out;
    }
}

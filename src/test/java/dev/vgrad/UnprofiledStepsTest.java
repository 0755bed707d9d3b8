package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.kernels.Vectorization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Training steps stay unboxed where C2 has no type profiles, and where it inlines none of vgrad's methods. A Vector
 * API method called on a vector whose class C2 cannot see (a loop's accumulator, a parameter) is bound through the
 * profile of the JDK's shared FloatVector method; when that profile was empty or mixed at compile time the call
 * stayed virtual and boxed every vector, which in JMH forks of the CNN step showed as 28 KB a step instead of 4 in 5
 * forks of 55. With {@code -XX:-UseTypeProfile} every such call boxes, every time: the MLP, CNN and transformer steps
 * here allocated 54 KB, 2.25 MB and 2.05 MB a step before the kernels named the classes, 2.5, 3.6 and 5.3 KB after
 * (Intel Xeon, AVX-512; the same at 256 and 128 bits). And a vector passed to or returned from a method of vgrad's
 * that C2 leaves out of line is boxed; C2 leaves such calls out where the caller is past its node-count cutoff (layer
 * norm inside an encoder layer's step: 250 KB a step) or where the callee was compiled on its own first (tanh: the
 * GRU's rare boxing fork). With {@code -XX:FreqInlineSize=0 -XX:MaxInlineSize=0} C2 inlines only the JDK's
 * force-inlined methods, so every such helper boxes every time: the CNN, tanh, encoder and transformer steps
 * allocated 3.9 MB, 46 KB, 280 KB and 749 KB a step before their kernels were written without them, 1.2-5.3 KB after;
 * and every elementwise op, reduction and fused update (KernelBoxingProgram) allocated nothing a call, where exp,
 * log, sigmoid and tanh had allocated 37-155 KB a 1 031-element call.
 */
class UnprofiledStepsTest {
    /** Bytes a step: the steps allocate a few KB when compiled; a boxing kernel costs tens of KB to megabytes. */
    private static final long BUDGET = 16 * 1024;
    private static final int ROUNDS = 40;

    @Test
    void trainingStepsDoNotBoxWithoutTypeProfiles() throws IOException, InterruptedException {
        // The encoder layer is left out here: without profiles its step takes about 100 rounds to settle.
        checkUnboxed(List.of("-XX:-UseTypeProfile"), List.of("mlp", "cnn", "tanh", "transformer"));
    }

    @Test
    void trainingStepsDoNotBoxWithoutInliningVgradMethods() throws IOException, InterruptedException {
        checkUnboxed(List.of("-XX:FreqInlineSize=0", "-XX:MaxInlineSize=0"), List.of());
    }

    @Test
    void everyKernelRunsUnboxedWithoutInliningVgradMethods() throws IOException, InterruptedException {
        assumeVectorsAtTheCpusWidth();
        // An op that boxes does so in every run; one whose C2 code was still queued when it was measured (a loaded
        // machine: max once, in the full suite) is unlikely to be again. So an op fails only when two runs both
        // measure it over budget.
        List<String> first = boxedKernels();
        if (!first.isEmpty()) {
            List<String> second = boxedKernels();
            List<String> both = first.stream().filter(line -> second.stream()
                    .anyMatch(again -> again.split(" ")[0].equals(line.split(" ")[0]))).toList();
            assertTrue(both.isEmpty(), "bytes a call of 1 031 elements with C2 inlining none of vgrad's methods, "
                    + "in two runs: " + first + "; again: " + second);
        }
    }

    /** The kernels over budget in one run of KernelBoxingProgram, as its lines: an op's name and bytes a call. */
    private static List<String> boxedKernels() throws IOException, InterruptedException {
        List<String> lines = runJava(List.of("-XX:FreqInlineSize=0", "-XX:MaxInlineSize=0"),
                List.of("dev.vgrad.kernels.KernelBoxingProgram"));
        assertTrue(lines.size() > 70, String.join("\n", lines));
        List<String> boxed = new ArrayList<>();
        for (String line : lines) {
            // A few bytes a call at most: the splits' objects, none here on one thread; a boxed vector is ~100 B.
            // (sin, cos, tan and pow once called StrictMath, whose fdlibm port allocated 32-96 B an element.)
            if (Long.parseLong(line.split(" ")[1]) > 64) {
                boxed.add(line);
            }
        }
        return boxed;
    }

    private static void checkUnboxed(List<String> flags, List<String> models) throws IOException,
            InterruptedException {
        assumeVectorsAtTheCpusWidth();
        // A second run before failing: a call that needs a profile boxes in every run, while a helper C2 happened to
        // leave out of line under the machine's load (the fragility this guards against, but not deterministically)
        // is unlikely twice.
        String first = overBudget(run(flags, models), flags);
        if (first != null) {
            String second = overBudget(run(flags, models), flags);
            assertTrue(second == null, first + "; again: " + second);
        }
    }

    /** The program's output: a line a model, its bytes a step round by round. */
    private static List<String> run(List<String> flags, List<String> models) throws IOException,
            InterruptedException {
        List<String> jvmFlags = new ArrayList<>(flags);
        jvmFlags.add("-Xmn256m");
        List<String> program = new ArrayList<>(List.of(UnprofiledStepsProgram.class.getName(),
                String.valueOf(ROUNDS)));
        program.addAll(models);
        List<String> lines = runJava(jvmFlags, program);
        assertEquals(models.isEmpty() ? 5 : models.size(), lines.size(), String.join("\n", lines));
        return lines;
    }

    /**
     * The output lines of {@code program} (a main class and its arguments) run in a JVM of this one's JDK and class
     * path, with the vector module, one vgrad thread and {@code flags}; the program must exit 0.
     */
    private static List<String> runJava(List<String> flags, List<String> program) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules=jdk.incubator.vector"));
        command.addAll(flags);
        command.addAll(List.of("-Dvgrad.threads=1", "-cp", System.getProperty("java.class.path")));
        command.addAll(program);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "the program failed: " + out);
        return out.lines().toList();
    }

    private static void assumeVectorsAtTheCpusWidth() {
        Assumptions.assumeTrue(Vectorization.ENABLED, "the scalar path has no vectors to box");
        // The run at a forced width would start the same program at the CPU's own width again.
        Assumptions.assumeTrue(System.getProperty("vgrad.vectorBits") == null, "the program runs at the CPU's width");
    }

    /** What was over budget in the last rounds (C2 has compiled the step by then), or null. */
    private static String overBudget(List<String> lines, List<String> flags) {
        for (String line : lines) {
            String[] fields = line.split(" ");
            long steady = Arrays.stream(fields, fields.length - 5, fields.length).mapToLong(Long::parseLong).min()
                    .orElseThrow();
            if (steady >= BUDGET) {
                return fields[0] + " allocated " + steady + " bytes a step in its last rounds with " + flags
                        + " (budget " + BUDGET + "); bytes a step, round by round: " + line;
            }
        }
        return null;
    }
}

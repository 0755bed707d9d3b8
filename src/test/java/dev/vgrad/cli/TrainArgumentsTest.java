package dev.vgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad argument of ./vgrad train is refused before any data is read, in one line, with a nonzero status. */
class TrainArgumentsTest {
    @TempDir
    Path dir;

    private record Result(int status, String output) {}

    private static Result run(String... args) {
        PrintStream old = System.out, oldErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        System.setErr(new PrintStream(buf, true));
        int status;
        try {
            status = Train.run(args);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        return new Result(status, buf.toString());
    }

    private void refused(String mustName, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--out")) {
            all.addAll(List.of("--out", dir.resolve("runs").toString()));
        }
        Result r = run(all.toArray(String[]::new));
        String where = String.join(" ", args) + " gave: " + r.output();
        assertNotEquals(0, r.status(), where);
        assertEquals(1, r.output().strip().lines().count(), "one line: " + where);
        assertTrue(r.output().contains(mustName), where);
        assertFalse(r.output().contains("test images") || r.output().contains("epoch  1"), "no data was loaded: " + where);
        assertFalse(r.output().contains("\tat "), where);
    }

    @Test
    void eachBadArgumentIsNamedInOneLineBeforeAnyDataIsRead() throws IOException {
        refused("--optimizer 'lbfgs'", "--optimizer", "lbfgs");
        refused("--schedule 'linear'", "--schedule", "linear");
        refused("--epochs must be positive, got 0", "--epochs", "0");
        refused("--batch-size must be positive, got -3", "--batch-size", "-3");
        refused("--threads must be positive, got 0", "--threads", "0");
        refused("Invalid learning rate: -1.0", "--lr", "-1");
        refused("Invalid learning rate: NaN", "--lr", "NaN");
        refused("abc", "--epochs", "abc");
        refused("--bogus", "--bogus");
        refused("--data-dir", "--data-dir", dir.resolve("absent").toString());
        refused("--data-dir is for the Fashion-MNIST models", "--model", "transformer", "--data-dir", dir.toString());
        refused("--model 'gpt'", "--model", "gpt");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        refused("a-file", "--out", file.toString());
        refused("a-file", "--out", file.resolve("below").toString());
    }

    @Test
    void theUsageShowsTheRealDefaultsWhateverWasRejected() {
        Result r = run("--epochs", "0", "--threads", "0", "--help");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("(default: 10)") && r.output().contains("(default: every core"), r.output());
        assertFalse(r.output().contains("(default: 0)"), r.output());
        // The usage of a command built from an already parsed trainer (as a refusal used to print it) too.
        Train parsed = new Train();
        new picocli.CommandLine(parsed).parseArgs("--epochs", "0", "--threads", "0");
        String usage = new picocli.CommandLine(parsed).getUsageMessage();
        assertTrue(usage.contains("(default: 10)") && !usage.contains("(default: 0)"), usage);
    }
}

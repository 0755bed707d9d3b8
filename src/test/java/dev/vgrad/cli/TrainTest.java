package dev.vgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.io.Safetensors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer end to end on the embedded subset (or the installed dataset), and its refusals. */
class TrainTest {
    @TempDir
    Path out;

    private static String capture(Runnable r) {
        PrintStream old = System.out, oldErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        System.setErr(new PrintStream(buf, true));
        try {
            r.run();
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        return buf.toString();
    }

    @Test
    void oneEpochOnTheEmbeddedSubsetWritesCurvesAndACheckpoint() throws Exception {
        int[] status = new int[1];
        String log = capture(() -> status[0] = Train.run("--epochs", "2", "--batch-size", "100", "--no-progress",
                "--data-dir", "/nonexistent-on-purpose", "--out", out.toString()));
        assertNotEquals(0, status[0], "an explicit --data-dir that does not exist is an error, not a fallback");
        assertTrue(log.contains("/nonexistent-on-purpose"), log);

        Path subsetOnly = out.resolve("subset");
        Train trainer = new Train();
        trainer.useEmbeddedData = true; // as if /usr/share/datasets/fashion-mnist were absent
        String run = capture(() -> status[0] = new picocli.CommandLine(trainer)
                .execute("--epochs", "2", "--batch-size", "100", "--no-progress", "--out", subsetOnly.toString()));
        assertEquals(0, status[0], run);
        assertTrue(run.contains("epoch  2") && run.contains("test accuracy"), run);
        assertTrue(Files.size(subsetOnly.resolve("curves.png")) > 1000);
        assertEquals(6, Safetensors.load(subsetOnly.resolve("model.safetensors")).size());
    }

    @Test
    void badArgumentsGetAOneLineErrorAndANonzeroStatus() {
        int[] status = new int[1];
        String log = capture(() -> status[0] = Train.run("--lr", "-1", "--epochs", "1", "--out", out.toString()));
        assertNotEquals(0, status[0]);
        assertTrue(log.contains("Invalid learning rate: -1.0") && !log.contains("\tat "), log);
        log = capture(() -> status[0] = Train.run("--optimizer", "lbfgs", "--out", out.toString()));
        assertNotEquals(0, status[0]);
        assertTrue(log.contains("lbfgs"), log);
        log = capture(() -> status[0] = Train.run("--batch-size", "0"));
        assertNotEquals(0, status[0]);
    }

    @Test
    void theCnnTrainsOnTheEmbeddedSubsetAndLearns() throws Exception {
        Train trainer = new Train();
        trainer.useEmbeddedData = true;
        int[] status = new int[1];
        Path dir = out.resolve("cnn");
        String run = capture(() -> status[0] = new picocli.CommandLine(trainer)
                .execute("--model", "cnn", "--epochs", "1", "--batch-size", "50", "--no-progress", "--out", dir.toString()));
        assertEquals(0, status[0], run);
        assertTrue(run.contains("Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))"), run);
        // one epoch on 2 000 images: far above chance (10 %), as torch's twin gets
        double accuracy = Double.parseDouble(run.replaceAll("(?s).*test accuracy ([0-9.]+)%.*", "$1"));
        assertTrue(accuracy > 50, run);
        assertEquals(8, Safetensors.load(dir.resolve("model.safetensors")).size());   // 4 layers: weight and bias
    }
}

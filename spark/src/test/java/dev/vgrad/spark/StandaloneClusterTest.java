package dev.vgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on this machine: a master and two workers, each its own JVM started by the test, whose
 * executors are processes of their own; the trainer's driver runs here. One epoch of the embedded Fashion-MNIST
 * subset must print what the same epoch prints in one process.
 */
class StandaloneClusterTest {
    @Test
    void aMasterAndTwoWorkerJvmsTrainAnEpoch(@TempDir Path dir) throws Exception {
        List<Process> cluster = new ArrayList<>();
        String[] saved = {System.getProperty("spark.executor.extraClassPath"),
                System.getProperty("spark.executor.extraJavaOptions"), System.getProperty("spark.executor.memory")};
        try {
            int port = freePort();
            Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
            // The worker builds each executor's classpath from SPARK_HOME/jars (empty here) and extraClassPath.
            Files.createDirectories(sparkHome.resolve("jars"));
            Path masterLog = dir.resolve("master.log");
            cluster.add(start(sparkHome, masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())));
            awaitLine(masterLog, "Starting Spark master", 1, cluster.get(0));
            for (int w = 1; w <= 2; w++) {
                Path log = dir.resolve("worker" + w + ".log");
                cluster.add(start(sparkHome, log, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--cores", "1", "--memory", "1g", "--work-dir", dir.resolve("work" + w).toString(),
                        "--webui-port", Integer.toString(freePort()), "spark://127.0.0.1:" + port));
            }
            awaitLine(masterLog, "Registering worker", 2, cluster.get(0));

            System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            System.setProperty("spark.executor.extraJavaOptions", String.join(" ", jvmOptions()));
            System.setProperty("spark.executor.memory", "512m");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream original = System.out;
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                SparkTrain.run(SparkTrain.parse(new String[] {"--spark", "spark://127.0.0.1:" + port, "--embedded",
                        "--epochs", "1", "--out", dir.resolve("out").toString()}));
            } finally {
                System.setOut(original);
            }
            String printed = captured.toString(StandardCharsets.UTF_8);
            String want = SparkTrainTest.singleProcessEpochLine();
            assertTrue(printed.contains(want), "expected '" + want + "' in:\n" + printed);
            assertTrue(Files.isRegularFile(dir.resolve("out/model.safetensors")), printed);
            for (int w = 1; w <= 2; w++) {
                try (Stream<Path> runs = Files.list(dir.resolve("work" + w))) {
                    assertEquals(1, runs.count(), "worker " + w + " ran one executor process for the application");
                }
            }
        } finally {
            restore("spark.executor.extraClassPath", saved[0]);
            restore("spark.executor.extraJavaOptions", saved[1]);
            restore("spark.executor.memory", saved[2]);
            for (Process p : cluster) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
        }
    }

    /** The options every JVM of the cluster needs: spark/jvm.options, the same file the launcher and surefire use. */
    static List<String> jvmOptions() throws IOException {
        return Files.readAllLines(Path.of("jvm.options")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    static Process start(Path sparkHome, Path log, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    static void awaitLine(Path log, String text, int count, Process process) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                long seen = Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
                if (seen >= count) {
                    return;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the master died:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no '" + text + "' x" + count + " within 120 s:\n" + Files.readString(log));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}

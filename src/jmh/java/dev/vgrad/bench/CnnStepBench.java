package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.cli.Train;
import dev.vgrad.nn.Sequential;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of {@code ./vgrad train --model cnn}'s network (conv 32, pool, conv 64, pool, 3136-128-10,
 * Adam) inside an arena: forward, loss, backward, optimizer step. Run with {@code -prof gc} for the bytes per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmn1g"})
public class CnnStepBench extends TrainingStep {
    @Param({"64", "256"})
    int batch;

    @Setup(Level.Trial)
    public void setup() {
        Generator g = new Generator(1);
        Sequential cnn = Train.model("cnn", g);
        start(cnn, Tensor.randn(g, batch, 784), Tensor.randint(g, 0, 10, batch));
    }

    @Benchmark
    public float stepArena() {
        return stepInArena();
    }
}

package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.ReLU;
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
 * One full training step of seed 004's MLP (784-128-64-10, ReLU, cross entropy, Adam): forward, loss, backward,
 * optimizer step, with and without the arena. Run with {@code -prof gc}: gc.alloc.rate.norm is the bytes one step
 * allocates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmn1g"})
public class TrainStepBench extends TrainingStep {
    @Param({"64", "256", "512"})
    int batch;

    @Setup(Level.Trial)
    public void setup() {
        Generator g = new Generator(1);
        Sequential mlp = new Sequential(new Linear(784, 128, g), new ReLU(), new Linear(128, 64, g), new ReLU(),
                new Linear(64, 10, g));
        float[] labels = new float[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % 10;
        }
        start(mlp, Tensor.randn(g, batch, 784), Tensor.of(labels));
    }

    @Benchmark
    public float stepHeap() {
        try (var heap = Arena.outside()) {
            return step();
        }
    }

    @Benchmark
    public float stepArena(Placement placement) {
        return stepInArena();
    }
}

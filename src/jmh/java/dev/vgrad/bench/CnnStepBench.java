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

    /**
     * Before the measured model is built, {@link #WARM_UP_STEPS} steps of a throwaway copy at batch
     * {@link #WARM_UP_BATCH}, so that what JMH measures is the compiled step. After JMH's own warm-up C2 has not yet
     * compiled every kernel of the step, and C1's code boxes every vector (JFR's allocation samples of a 250-step loop
     * sit in the Vector API calls of the fused Adam update, the convolution tiles and the reductions). JMH's
     * own warm-up is ~240 steps at batch 64 and ~60 at 256 on one thread: after it the step allocated 8.9 and 24.6 KB
     * and took 36.3 and 147.0 ms, after this 3.7 and 4.0 KB and 33.3 and 134.2 ms (Zen 3, BENCHMARKS.md).
     */
    static final int WARM_UP_STEPS = 800, WARM_UP_BATCH = 8;

    @Setup(Level.Trial)
    public void setup() {
        warmUp();
        Generator g = new Generator(1);
        Sequential cnn = Train.model("cnn", g);
        start(cnn, Tensor.randn(g, batch, 784), Tensor.randint(g, 0, 10, batch));
    }

    private static void warmUp() {
        Generator g = new Generator(2);
        CnnStepBench throwaway = new CnnStepBench();
        throwaway.start(Train.model("cnn", g), Tensor.randn(g, WARM_UP_BATCH, 784),
                Tensor.randint(g, 0, 10, WARM_UP_BATCH));
        for (int i = 0; i < WARM_UP_STEPS; i++) {
            throwaway.stepInArena();
        }
        throwaway.tearDown();
    }

    @Benchmark
    public float stepArena(Placement placement) {
        return stepInArena();
    }
}

package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.cli.Train;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Adam;
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
import org.openjdk.jmh.annotations.TearDown;
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
public class CnnStepBench {
    @Param({"64"})
    int batch;

    Sequential model;
    Adam opt;
    CrossEntropyLoss criterion = new CrossEntropyLoss();
    Tensor x, y;
    Arena arena;

    @Setup(Level.Trial)
    public void setup() {
        Generator g = new Generator(1);
        model = Train.model("cnn", g);
        opt = new Adam(model.parameters(), 1e-3f);
        x = Tensor.randn(g, batch, 784);
        y = Tensor.randint(g, 0, 10, batch);
        arena = Arena.open();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float stepArena() {
        Tensor loss = criterion.forward(model.forward(x), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
        float v = loss.item();
        arena.reset();
        return v;
    }
}

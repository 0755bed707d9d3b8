package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.Autograd;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Functional;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Everyday ops on one thread, each inside an arena that is reset after every call, so that the figure is the op's and
 * not the JVM's zeroing of a new result (scripts/op_sweep.py times the same ops eager, beside PyTorch): forwards on
 * 1024 x 1024, forward and backward (through {@link Autograd#grad}) on 512 x 1024, as the sweep's two tables.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dvgrad.threads=1"})
public class EverydayOpsBench {
    Tensor a, index, x, y, w, ones, rowIndex, rowOnes;
    Arena arena;

    @Setup(Level.Trial)
    public void setup() {
        Generator g = new Generator(1);
        a = Tensor.randn(g, 1024, 1024);
        index = Tensor.randint(g, 0, 1024, 1024, 16);
        x = Tensor.randn(g, 512, 1024).requiresGrad_(true);
        y = Tensor.randn(g, 512, 1024);
        w = Tensor.randn(g, 1024).requiresGrad_(true);
        ones = Tensor.ones(512, 1024);
        rowIndex = Tensor.randint(g, 0, 1024, 512, 16);
        rowOnes = Tensor.ones(512, 16);
        arena = Arena.open();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float nanToNum() {
        return done(a.nanToNum());
    }

    @Benchmark
    public float flip() {
        return done(a.flip(1));
    }

    @Benchmark
    public float gather() {
        return done(a.gather(1, index));
    }

    /** x.gather(1, [512, 16]) and its gradient: a scatter-add into x's shape of zeros. */
    @Benchmark
    public float gatherBackward() {
        return done(Autograd.grad(List.of(x.gather(1, rowIndex)), List.of(x), List.of(rowOnes), false, false).get(0));
    }

    @Benchmark
    public float mseBackward() {
        return done(Autograd.grad(List.of(Functional.mseLoss(x, y)), List.of(x)).get(0));
    }

    @Benchmark
    public float absBackward() {
        return done(Autograd.grad(List.of(x.abs()), List.of(x), List.of(ones), false, false).get(0));
    }

    /** x * w, w [1024] broadcast down the rows: w's gradient is the products summed down the rows. */
    @Benchmark
    public float mulBroadcastBackward() {
        List<Tensor> grads = Autograd.grad(List.of(x.mul(w)), List.of(x, w), List.of(ones), false, false);
        return done(grads.get(1));
    }

    /** The result's first element (so it is computed), then the arena is reset for the next call. */
    private float done(Tensor t) {
        float v = t.get(new int[t.dim()]);
        arena.reset();
        return v;
    }
}

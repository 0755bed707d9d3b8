package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Functional;
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
 * Adaptive average and max pooling forward and backward on [64, 64, 14, 14] maps to a square output of {@code size}
 * (7: 2 x 2 windows; 3: overlapping 5 x 5 ones; 1: the whole plane), the output reduced by a sum, the input's gradient
 * zeroed in place each call. The same work in PyTorch, one thread, for comparison:
 * {@code y = F.adaptive_avg_pool2d(x, size); y.sum().backward()}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmn1g"})
public class AdaptivePoolBench {
    @Param({"7", "3", "1"})
    int size;

    Tensor x;
    Arena arena;

    @Setup(Level.Trial)
    public void setup() {
        x = Tensor.randn(new Generator(1), 64, 64, 14, 14).requiresGrad_();
        arena = Arena.open();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public Tensor average() {
        return step(Functional.adaptiveAvgPool2d(x, new int[] {size, size}));
    }

    @Benchmark
    public Tensor maximum() {
        return step(Functional.adaptiveMaxPool2d(x, new int[] {size, size}));
    }

    private Tensor step(Tensor y) {
        if (x.grad() != null) {
            x.grad().zero_();
        }
        y.sum().backward();
        arena.reset();
        return x.grad();
    }
}

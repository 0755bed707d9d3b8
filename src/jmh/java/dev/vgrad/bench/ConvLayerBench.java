package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Conv2d;
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
 * A conv2d layer forward and backward: the CNN's second convolution (32 to 64 channels, 3x3, padding 1) on a batch of
 * 14x14 maps, its output reduced by a sum so that backward computes the input's and the parameters' gradients; and the
 * CNN's first max pooling (2x2, stride 2, on 32 maps of 28x28) forward and backward. scripts/torch_bench.py's "conv2d
 * layer" and "max_pool2d" lines are the same work in PyTorch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmn1g"})
public class ConvLayerBench {
    @Param({"64"})
    int batch;

    Conv2d conv;
    Tensor x, maps, upstream;
    Arena arena;

    @Setup(Level.Trial)
    public void setup() {
        Generator g = new Generator(1);
        conv = new Conv2d(32, 64, 3, 1, 1, g);
        x = Tensor.randn(g, batch, 32, 14, 14).requiresGrad_();
        maps = Tensor.randn(g, batch, 32, 28, 28).requiresGrad_();
        upstream = Tensor.randn(g, batch, 32, 14, 14);
        arena = Arena.open();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public Tensor forwardBackward() {
        conv.zeroGrad();
        if (x.grad() != null) {
            x.grad().zero_();
        }
        conv.forward(x).sum().backward();
        arena.reset();
        return conv.weight.grad();
    }

    @Benchmark
    public Tensor maxPoolForwardBackward() {
        if (maps.grad() != null) {
            maps.grad().zero_();
        }
        Functional.maxPool2d(maps, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}).backward(upstream);
        arena.reset();
        return maps.grad();
    }
}

package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.Autograd;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Transformer;
import java.util.List;
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
 * Causal self-attention alone, as one encoder layer of the character transformer runs it: packed projections qkv
 * [64 positions, batch, 384] (4 heads of 32), the mask that hides every later position, forward ({@code forward}) and
 * forward then the gradient of qkv for a fixed upstream gradient ({@code forwardBackward}, through
 * {@code Autograd.grad}, so that no leaf gradient is accumulated). scripts/torch_bench.py --attention measures the
 * same computation in PyTorch, spelled as nn.MultiheadAttention spells it inside (baddbmm, softmax, bmm).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmn1g"})
public class AttentionBench {
    static final int CONTEXT = 64, WIDTH = 128, HEADS = 4;

    @Param({"64"})
    int batch;

    Tensor qkv, mask, upstream;
    Arena arena;

    @Setup(Level.Trial)
    public void setup() {
        Generator g = new Generator(1);
        qkv = Tensor.randn(g, CONTEXT, batch, 3 * WIDTH).requiresGrad_();
        mask = Transformer.generateSquareSubsequentMask(CONTEXT);
        upstream = Tensor.randn(g, CONTEXT, batch, WIDTH);
        arena = Arena.open();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float forward() {
        Tensor out = Tensor.packedSelfAttention(qkv, HEADS, mask, false);
        float value = out.sum().item();
        arena.reset();
        return value;
    }

    @Benchmark
    public float forwardBackward() {
        Tensor out = Tensor.packedSelfAttention(qkv, HEADS, mask, false);
        Tensor grad = Autograd.grad(List.of(out), List.of(qkv), List.of(upstream), false, false).get(0);
        float value = grad.sum().item();
        arena.reset();
        return value;
    }
}

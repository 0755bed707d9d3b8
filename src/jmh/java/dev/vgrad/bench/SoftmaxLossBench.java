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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Softmax and the classification losses over few classes, forward and backward: cross entropy over a batch of 512
 * rows of 10 classes (an MLP's logits), cross entropy and log_softmax then NLL per position over [16, 10, 64, 64] (a
 * segmentation's logits), and softmax over the channels of [64, 10, 28, 28] (forward only). The logits' gradient is
 * dropped after each call. scripts/torch_bench.py --losses measures the same in PyTorch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmn1g"})
public class SoftmaxLossBench {
    Tensor rows, rowTargets, positions, positionTargets, channels;
    Arena arena;

    @Setup(Level.Trial)
    public void setup() {
        Generator g = new Generator(1);
        rows = Tensor.randn(g, 512, 10).requiresGrad_();
        rowTargets = Tensor.randint(g, 0, 10, 512);
        positions = Tensor.randn(g, 16, 10, 64, 64).requiresGrad_();
        positionTargets = Tensor.randint(g, 0, 10, 16, 64, 64);
        channels = Tensor.randn(g, 64, 10, 28, 28);
        arena = Arena.open();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float crossEntropyRows() {
        return step(rows, Functional.crossEntropy(rows, rowTargets));
    }

    @Benchmark
    public float crossEntropyPositions() {
        return step(positions, Functional.crossEntropy(positions, positionTargets));
    }

    @Benchmark
    public float logSoftmaxNllPositions() {
        return step(positions, Functional.nllLoss(positions.logSoftmax(1), positionTargets));
    }

    @Benchmark
    public Tensor softmaxChannels() {
        Tensor y = channels.softmax(1);
        arena.reset();
        return y;
    }

    private float step(Tensor logits, Tensor loss) {
        loss.backward();
        float value = loss.item();
        logits.setGrad(null);
        arena.reset();
        return value;
    }
}

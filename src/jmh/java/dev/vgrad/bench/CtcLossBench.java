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
 * The CTC loss of a speech-sized batch, forward and backward through log_softmax: 16 sequences of 200 frames over 30
 * classes, 30 labels each (every third a repeat of the one before, which forbids the skip between them).
 * scripts/torch_bench.py --ctc measures the same in PyTorch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmn1g"})
public class CtcLossBench {
    static final int FRAMES = 200, BATCH = 16, CLASSES = 30, LABELS = 30;

    Tensor logits;
    Tensor targets;
    int[] inputLengths = new int[BATCH], targetLengths = new int[BATCH];
    Arena arena;

    @Setup(Level.Trial)
    public void setup() {
        logits = Tensor.randn(new Generator(1), FRAMES, BATCH, CLASSES).requiresGrad_();
        targets = Tensor.of(labels(), BATCH, LABELS);
        java.util.Arrays.fill(inputLengths, FRAMES);
        java.util.Arrays.fill(targetLengths, LABELS);
        arena = Arena.open();
    }

    /** The bench's targets; torch_bench.py computes the same list. */
    static float[] labels() {
        float[] labels = new float[BATCH * LABELS];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3 == 2 ? labels[i - 1] : 1 + (i * 7 % (CLASSES - 1));
        }
        return labels;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float ctcForwardBackward() {
        Tensor loss = Functional.ctcLoss(logits.logSoftmax(2), targets, inputLengths, targetLengths);
        loss.backward();
        float value = loss.item();
        logits.setGrad(null);
        arena.reset();
        return value;
    }
}

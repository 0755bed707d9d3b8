package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.cli.CharTransformer;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.TransformerEncoderLayer;
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
 * Transformer training steps with Adam inside an arena. {@code blockStep}: one encoder layer (width 128, 4 heads,
 * feed-forward 512, causal mask) on [64 positions, batch, 128], loss the mean square of its output. {@code charStep}:
 * the whole step of {@code ./vgrad train --model transformer} (2 such layers, embeddings, head, cross entropy) on
 * batch windows of 64 characters. scripts/torch_bench.py measures the same two in PyTorch.
 *
 * <p>Measurement iterations last 10 s because {@code -prof gc}'s bytes per operation include what JMH itself allocates
 * each iteration (about 6 KB here), spread over that iteration's steps: at 3 s the character step at batch 256 (about
 * 6 steps an iteration on one thread) read 8 220 B a step against 7 520 at 12 s, while a thread allocation counter
 * around the steps alone reads 7.3 KB at batch 64 and at 256 (Intel Xeon, family 6 model 167, 2026-12-07).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 4)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmn1g"})
public class TransformerStepBench {
    static final int CONTEXT = 64, WIDTH = 128, VOCABULARY = 60;

    @Param({"64", "256"})
    int batch;

    TransformerEncoderLayer block;
    Adam blockOpt;
    Tensor blockInput, mask;
    CharTransformer model;
    Adam modelOpt;
    Tensor ids, targets;
    Arena arena;
    final CrossEntropyLoss criterion = new CrossEntropyLoss();

    @Setup(Level.Trial)
    public void setup() {
        Generator g = new Generator(1);
        block = new TransformerEncoderLayer(WIDTH, 4, 4 * WIDTH, 0f, g);
        blockOpt = new Adam(block.parameters(), 1e-3f);
        blockInput = Tensor.randn(g, CONTEXT, batch, WIDTH);
        mask = Tensor.zeros(CONTEXT, CONTEXT).maskedFill(Tensor.ones(CONTEXT, CONTEXT).triu(1),
                Float.NEGATIVE_INFINITY);
        model = new CharTransformer(VOCABULARY, CONTEXT, WIDTH, 4, 2, g);
        modelOpt = new Adam(model.parameters(), 1e-3f);
        ids = Tensor.randint(g, 0, VOCABULARY, batch, CONTEXT);
        targets = Tensor.randint(g, 0, VOCABULARY, batch, CONTEXT);
        arena = Arena.open();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float blockStep(Placement placement) {
        Tensor loss = block.forward(blockInput, mask).pow(2).mean();
        blockOpt.zeroGrad();
        loss.backward();
        blockOpt.step();
        float value = loss.item();
        arena.reset();
        return value;
    }

    @Benchmark
    public float charStep(Placement placement) {
        Tensor logits = model.forward(ids);
        Tensor loss = criterion.forward(logits.reshape(-1, VOCABULARY), targets.reshape(-1));
        modelOpt.zeroGrad();
        loss.backward();
        modelOpt.step();
        float value = loss.item();
        arena.reset();
        return value;
    }
}

package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.GRU;
import dev.vgrad.nn.LSTM;
import dev.vgrad.nn.RNN;
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
 * Recurrent training steps with Adam inside an arena: one LSTM, GRU or Elman RNN (tanh) layer (64 inputs, 128 hidden)
 * over [32 steps, batch, 64], loss the mean square of its output sequence. scripts/torch_bench.py --rnn measures the
 * same three in PyTorch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmn1g"})
public class RecurrentStepBench {
    static final int STEPS = 32, INPUT = 64, HIDDEN = 128;

    @Param({"32", "128"})
    int batch;

    LSTM lstm;
    GRU gru;
    RNN rnn;
    Adam lstmOpt, gruOpt, rnnOpt;
    Tensor input;
    Arena arena;

    @Setup(Level.Trial)
    public void setup() {
        Generator g = new Generator(1);
        lstm = new LSTM(INPUT, HIDDEN, g);
        gru = new GRU(INPUT, HIDDEN, g);
        lstmOpt = new Adam(lstm.parameters(), 1e-3f);
        gruOpt = new Adam(gru.parameters(), 1e-3f);
        rnn = new RNN(INPUT, HIDDEN, g);
        rnnOpt = new Adam(rnn.parameters(), 1e-3f);
        input = Tensor.randn(g, STEPS, batch, INPUT);
        arena = Arena.open();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float lstmStep() {
        return step(lstm, lstmOpt);
    }

    @Benchmark
    public float gruStep() {
        return step(gru, gruOpt);
    }

    @Benchmark
    public float rnnStep() {
        return step(rnn, rnnOpt);
    }

    private float step(dev.vgrad.nn.Module layer, Adam opt) {
        Tensor loss = layer.forward(input).pow(2).mean();
        opt.zeroGrad();
        loss.backward();
        opt.step();
        float value = loss.item();
        arena.reset();
        return value;
    }
}

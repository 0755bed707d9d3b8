package dev.vgrad.bench;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of autograd's bookkeeping where the arithmetic is negligible: a one-element add, a one-element
 * {@code (a*b).sum().backward()}, and seed 001's 5000-epoch thermometer fit (11 points).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class OverheadBench {
    Tensor a, b, ga, gb, tc, tun;

    @Setup
    public void setup() {
        a = Tensor.of(1.5f);
        b = Tensor.of(2.5f);
        ga = Tensor.of(1.5f).requiresGrad_();
        gb = Tensor.of(2.5f).requiresGrad_();
        tc = Tensor.of(0.5f, 14.0f, 15.0f, 28.0f, 11.0f, 8.0f, 3.0f, -4.0f, 6.0f, 13.0f, 21.0f);
        tun = Tensor.of(35.7f, 55.9f, 58.2f, 81.9f, 56.3f, 48.9f, 33.9f, 21.8f, 48.4f, 60.4f, 68.4f).mul(0.1f);
    }

    @Benchmark
    public Tensor addOneElement() {
        return a.add(b);
    }

    @Benchmark
    public Tensor mulSumBackwardOneElement() {
        ga.setGrad(null);
        gb.setGrad(null);
        ga.mul(gb).sum().backward();
        return ga.grad();
    }

    @Benchmark
    public Tensor thermometer5000Epochs() {
        Tensor params = Tensor.of(1.0f, 0.0f).requiresGrad_();
        for (int epoch = 0; epoch < 5000; epoch++) {
            if (params.grad() != null) {
                params.grad().zero_();
            }
            Tensor tp = params.select(0, 0).mul(tun).add(params.select(0, 1));
            Tensor loss = tp.sub(tc).pow(2).mean();
            loss.backward();
            try (var g = GradMode.noGrad()) {
                params.sub_(params.grad().mul(1e-2f));
            }
        }
        return params;
    }
}

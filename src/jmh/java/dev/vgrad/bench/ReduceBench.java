package dev.vgrad.bench;

import dev.vgrad.kernels.Reductions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reductions over n floats: sum and max (4n bytes read), dot (8n bytes), vgrad's several-accumulator kernels against
 * plain Java loops, which C2 cannot vectorize (a float sum in strict order). GB/s = bytes / (us/op * 1000).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ReduceBench {
    @Param({"1048576"})
    int n;

    float[] a, b;

    @Setup
    public void setup() {
        a = new float[n];
        b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 1000) * 0.001f;
            b[i] = 1f - (i % 777) * 0.0005f;
        }
    }

    @Benchmark
    public float sumVgrad() {
        return Reductions.sum(n, a, 0, 1);
    }

    @Benchmark
    public float sumScalarLoop() {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    @Benchmark
    public float maxVgrad() {
        return Reductions.max(n, a, 0, 1);
    }

    @Benchmark
    public float maxScalarLoop() {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, a[i]);
        }
        return m;
    }

    @Benchmark
    public float dotVgrad() {
        return Reductions.dot(n, a, 0, 1, b, 0, 1);
    }

    @Benchmark
    public float dotScalarLoop() {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

package dev.vgrad.bench;

import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.UnaryOp;
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
 * A memory-bound elementwise kernel over n floats: add (reads 2n, writes n floats: 12n bytes), vgrad's kernel
 * against a plain Java loop (which C2 auto-vectorizes). GB/s = bytes / (us/op * 1000).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ElementwiseBench {
    @Param({"1048576"})
    int n;

    float[] a, b, out;

    @Setup
    public void setup() {
        a = new float[n];
        b = new float[n];
        out = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i * 0.001f;
            b[i] = 1f - i * 0.0005f;
        }
    }

    @Benchmark
    public float[] addVgrad() {
        Elementwise.binary(BinaryOp.ADD, n, a, 0, 1, b, 0, 1, out, 0, 1);
        return out;
    }

    @Benchmark
    public float[] addScalarLoop() {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /** exp on the vector path: the polynomial of Transcendental, lane for lane (bit-identical to the scalar path). */
    @Benchmark
    public float[] expVgrad() {
        Elementwise.unary(UnaryOp.EXP, 0f, 0f, n, b, 0, 1, out, 0, 1);
        return out;
    }

    /** The same values from a plain loop over Math.exp in double: the correctly rounded baseline. */
    @Benchmark
    public float[] expMathLoop() {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.exp(b[i]);
        }
        return out;
    }
}

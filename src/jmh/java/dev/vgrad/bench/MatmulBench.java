package dev.vgrad.bench;

import dev.vgrad.kernels.Sgemm;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
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
 * n x n x n single-precision matrix multiply: vgrad's SGEMM (plain, with B transposed as a linear layer's forward
 * calls it, and with A transposed as its weight gradient does), EJML's CommonOps_FDRM.mult, and a scalar Java loop in the cache-friendly i-p-j order. Each call is
 * 2n^3 FLOP; GFLOP/s = 2n^3 / (us/op * 1000).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MatmulBench {
    @Param({"32", "128", "256", "512"})
    int n;

    /** Threads for vgrad's SGEMM (the other implementations are single-threaded). */
    @Param({"1"})
    int threads;

    float[] a, b, c;
    FMatrixRMaj ea, eb, ec;

    @Setup
    public void setup() {
        Sgemm.setThreads(threads);
        SplittableRandom r = new SplittableRandom(1);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
            b[i] = (float) r.nextDouble(-1, 1);
        }
        ea = FMatrixRMaj.wrap(n, n, a.clone());
        eb = FMatrixRMaj.wrap(n, n, b.clone());
        ec = new FMatrixRMaj(n, n);
    }

    @Benchmark
    public float[] vgrad(Placement placement) {
        Sgemm.sgemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }

    @Benchmark
    public float[] vgradTransB() {
        Sgemm.sgemm(false, true, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }

    @Benchmark
    public float[] vgradTransA() {
        Sgemm.sgemm(true, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }

    @Benchmark
    public FMatrixRMaj ejml() {
        CommonOps_FDRM.mult(ea, eb, ec);
        return ec;
    }

    @Benchmark
    public float[] scalarLoop() {
        java.util.Arrays.fill(c, 0f);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < n; p++) {
                float aip = a[i * n + p];
                for (int j = 0; j < n; j++) {
                    c[i * n + j] += aip * b[p * n + j];
                }
            }
        }
        return c;
    }
}

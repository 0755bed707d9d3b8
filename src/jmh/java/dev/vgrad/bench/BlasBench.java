package dev.vgrad.bench;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.vgrad.blas.VgradBLAS;
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
 * The netlib BLAS interface three ways: vgrad's ({@link VgradBLAS}), netlib's own Java implementation
 * ({@code JavaBLAS.getInstance()}, its Vector API build on this JDK) and the f2j translation of the reference BLAS;
 * EJML's {@code CommonOps_FDRM.mult} beside sgemm. sgemm is n x n x n (2n^3 FLOP); sdot and saxpy run on vectors of
 * n^2 floats (2n^2 FLOP).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class BlasBench {
    @Param({"64", "256"})
    int n;

    final BLAS vgrad = VgradBLAS.getInstance();
    final BLAS netlib = JavaBLAS.getInstance();
    float[] a, b, c, x, y;
    FMatrixRMaj ea, eb, ec;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(2);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < n * n; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
            b[i] = (float) r.nextDouble(-1, 1);
        }
        x = a.clone();
        y = b.clone();
        ea = FMatrixRMaj.wrap(n, n, a.clone());
        eb = FMatrixRMaj.wrap(n, n, b.clone());
        ec = new FMatrixRMaj(n, n);
    }

    @Benchmark
    public float[] sgemmVgrad() {
        vgrad.sgemm("N", "N", n, n, n, 1f, a, n, b, n, 0f, c, n);
        return c;
    }

    @Benchmark
    public float[] sgemmNetlibJava() {
        netlib.sgemm("N", "N", n, n, n, 1f, a, n, b, n, 0f, c, n);
        return c;
    }

    @Benchmark
    public float[] sgemmF2jReference() {
        org.netlib.blas.Sgemm.sgemm("N", "N", n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n);
        return c;
    }

    @Benchmark
    public FMatrixRMaj sgemmEjml() {
        CommonOps_FDRM.mult(ea, eb, ec);
        return ec;
    }

    @Benchmark
    public float sdotVgrad() {
        return vgrad.sdot(n * n, x, 1, y, 1);
    }

    @Benchmark
    public float sdotNetlibJava() {
        return netlib.sdot(n * n, x, 1, y, 1);
    }

    @Benchmark
    public float sdotF2jReference() {
        return org.netlib.blas.Sdot.sdot(n * n, x, 0, 1, y, 0, 1);
    }

    @Benchmark
    public float[] saxpyVgrad() {
        vgrad.saxpy(n * n, 1e-7f, x, 1, y, 1);
        return y;
    }

    @Benchmark
    public float[] saxpyNetlibJava() {
        netlib.saxpy(n * n, 1e-7f, x, 1, y, 1);
        return y;
    }

    @Benchmark
    public float[] saxpyF2jReference() {
        org.netlib.blas.Saxpy.saxpy(n * n, 1e-7f, x, 0, 1, y, 0, 1);
        return y;
    }
}

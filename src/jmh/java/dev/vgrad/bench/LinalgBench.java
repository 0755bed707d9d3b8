package dev.vgrad.bench;

import dev.vgrad.Generator;
import dev.vgrad.Linalg;
import dev.vgrad.Tensor;
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
 * One factorization of an n x n float matrix through {@link Linalg} (no gradient): inv, cholesky, qr, eigh and svd,
 * which run scalar double-precision algorithms. {@code scripts/torch_bench.py --linalg} times torch.linalg's on the
 * same sizes (LAPACK through OpenBLAS, float).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class LinalgBench {
    @Param({"32", "128"})
    int n;

    Tensor general, spd, symmetric;

    @Setup
    public void setup() {
        Generator g = new Generator(1);
        general = Tensor.randn(g, n, n).div((float) Math.sqrt(n)).add(Tensor.eye(n).mul(2f));
        spd = general.matmul(general.t());
        symmetric = general.add(general.t());
    }

    @Benchmark
    public Tensor inv() {
        return Linalg.inv(general);
    }

    @Benchmark
    public Tensor cholesky() {
        return Linalg.cholesky(spd);
    }

    @Benchmark
    public Object qr() {
        return Linalg.qr(general);
    }

    @Benchmark
    public Object eigh() {
        return Linalg.eigh(symmetric);
    }

    @Benchmark
    public Object svd() {
        return Linalg.svd(general, false);
    }
}

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
 * A batch of 10 000 small n x n float matrices through {@link Linalg} at once (no gradient): the geometry and
 * small-kernel workloads, where each matrix's own bookkeeping weighs more than its arithmetic.
 * {@code scripts/torch_bench.py --linalg-batch} times torch.linalg's on the same batches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class LinalgBatchBench {
    @Param({"3", "8"})
    int n;

    Tensor general, spd, symmetric;

    @Setup
    public void setup() {
        Generator g = new Generator(1);
        general = Tensor.randn(g, 10000, n, n).div((float) Math.sqrt(n)).add(Tensor.eye(n).mul(2f));
        spd = general.matmul(general.transpose(-2, -1));
        symmetric = general.add(general.transpose(-2, -1));
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
    public Tensor det() {
        return Linalg.det(general);
    }

    @Benchmark
    public Object eigh() {
        return Linalg.eigh(symmetric);
    }
}

package dev.vgrad.kernels;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every elementwise op, reduction and fused update on a run of 1 031 floats (64 whole 16-lane vectors and a tail), and
 * the factorizations' double kernels (dot products and row combinations) on as many doubles,
 * called until compiled and then measured, in {@link #PASSES} passes over all of them: prints one line an op, its name
 * and the fewest bytes a call allocated over {@link #MEASURED} calls in any pass (a pass may measure an op whose C2
 * code is still queued). Run by UnprofiledStepsTest in a JVM where C2 inlines none of vgrad's methods: there a kernel
 * that passes a vector to a helper, or calls a Vector API method the JDK does not force inline, boxes.
 */
final class KernelBoxingProgram {
    static final int N = 1031, WARM = 3000, MEASURED = 200, PASSES = 3;

    private KernelBoxingProgram() {}

    public static void main(String[] args) {
        SplittableRandom r = new SplittableRandom(11);
        float[] a = new float[N], b = new float[N], c = new float[N], d = new float[N], out = new float[N];
        for (int i = 0; i < N; i++) {
            // in (0.1, 0.9): inside the domain of every op here (log, acos, atanh, ...)
            a[i] = 0.1f + 0.8f * (float) r.nextDouble();
            b[i] = 0.1f + 0.8f * (float) r.nextDouble();
            c[i] = 0.1f + 0.8f * (float) r.nextDouble();
            d[i] = 0.1f + 0.8f * (float) r.nextDouble();
        }
        List<String> names = new ArrayList<>();
        List<Runnable> calls = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            names.add("unary " + op);
            calls.add(() -> Elementwise.unary(op, 0.5f, 2f, N, a, 0, 1, out, 0, 1));
        }
        for (BinaryOp op : BinaryOp.values()) {
            names.add("binary " + op);
            calls.add(() -> Elementwise.binary(op, N, a, 0, 1, b, 0, 1, out, 0, 1));
        }
        // a 32 x 32 copy of a transposed input: the tiled path, its square blocks turned in registers
        names.add("transposed copy");
        int[] square = {32, 32}, across = {1, 32}, along = {32, 1};
        calls.add(() -> Elementwise.unary(UnaryOp.COPY, 0f, 0f, square, a, 0, across, out, 0, along));
        // runs read backwards (flip): the copy reverses vectors, another op gathers its chunks the same way
        names.add("copy backwards");
        calls.add(() -> Elementwise.unary(UnaryOp.COPY, 0f, 0f, N, a, N - 1, -1, out, 0, 1));
        names.add("exp backwards");
        calls.add(() -> Elementwise.unary(UnaryOp.EXP, 0f, 0f, N, a, N - 1, -1, out, 0, 1));
        float[] sink = new float[1];
        names.add("sum");
        calls.add(() -> sink[0] += Reductions.sum(N, a, 0, 1));
        names.add("sumAbs");
        calls.add(() -> sink[0] += Reductions.sumAbs(N, a, 0, 1));
        names.add("sumSquares");
        calls.add(() -> sink[0] += Reductions.sumSquares(N, a, 0, 1));
        names.add("max");
        calls.add(() -> sink[0] += Reductions.max(N, a, 0, 1));
        // 16 rows of 64 columns: four column vectors walked together (8 lanes: two walks), with positions
        names.add("maxRows");
        float[] rowsAt = new float[64];
        calls.add(() -> Reductions.maxRows(16, 64, a, 0, out, 0, rowsAt, 0));
        names.add("firstMax");
        calls.add(() -> sink[0] += Reductions.firstMax(N, a, 0));
        names.add("dot");
        calls.add(() -> sink[0] += Reductions.dot(N, a, 0, 1, b, 0, 1));
        names.add("addRows");
        calls.add(() -> Reductions.addRows(N / 31, 31, a, 0, out, 0));
        names.add("addRows, eight-vector walks");
        float[] tall = new float[1024 * 128];
        calls.add(() -> Reductions.addRows(1024, 128, tall, 0, out, 0));
        names.add("addRowProducts");
        calls.add(() -> Reductions.addRowProducts(N / 31, 31, a, 0, b, 0, out, 0));
        names.add("addRowProducts, eight-vector walks");
        float[] tallToo = new float[1024 * 128];
        calls.add(() -> Reductions.addRowProducts(1024, 128, tall, 0, tallToo, 0, out, 0));
        names.add("softmax addMax");
        calls.add(() -> sink[0] += SoftmaxRows.addMax(N, out, 0, b, 0));
        names.add("softmax masked rows, two at a time");
        float[] scores = new float[64 * 64], rowMask = new float[64 * 64];
        calls.add(() -> SoftmaxRows.maskedRows(64, 64, scores, 0, rowMask, 0));
        names.add("softmax masked rows cut short, two at a time");
        calls.add(() -> SoftmaxRows.maskedRows(16, 32, 64, scores, 0, rowMask, 0, 64));
        // 100 rows of 10: six whole groups of 16 rows (or twelve of 8) and a partial one
        names.add("softmax short rows");
        calls.add(() -> SoftmaxRows.rows(100, 10, a, 0, out, 0, false));
        names.add("log-softmax short rows");
        calls.add(() -> SoftmaxRows.rows(100, 10, a, 0, out, 0, true));
        names.add("cross entropy short rows");
        float[] classes = new float[100];
        calls.add(() -> sink[0] += (float) SoftmaxRows.crossEntropy(100, 10, a, 0, classes, 0, out, 0, null, 0));
        // 16 rows of 60: whole vectors and the last one over the tail (max, exp, division, log-softmax's shift)
        names.add("softmax rows");
        calls.add(() -> SoftmaxRows.rows(16, 60, a, 0, out, 0, false));
        names.add("log-softmax rows");
        calls.add(() -> SoftmaxRows.rows(16, 60, a, 0, out, 0, true));
        names.add("cross entropy rows");
        calls.add(() -> sink[0] += (float) SoftmaxRows.crossEntropy(16, 60, a, 0, classes, 0, out, 0, null, 0));
        // [4, 10, 25]: the same 1 000 floats as 4 blocks of 25 positions of 10 classes (a partial group of lanes each)
        names.add("softmax short columns");
        calls.add(() -> SoftmaxRows.columns(0, 4, 10, 25, a, 0, out, 0, false));
        names.add("log-softmax short columns");
        calls.add(() -> SoftmaxRows.columns(0, 4, 10, 25, a, 0, out, 0, true));
        names.add("cross entropy short columns");
        calls.add(() -> sink[0] += (float) SoftmaxRows.crossEntropyColumns(0, 4, 10, 25, a, 0, classes, 0, out, 0,
                null, 0));
        names.add("softmax short columns backward");
        calls.add(() -> SoftmaxRows.columnsBackward(0, 4, 10, 25, a, 0, b, 0, out, 0, false));
        names.add("log-softmax short columns backward");
        calls.add(() -> SoftmaxRows.columnsBackward(0, 4, 10, 25, a, 0, b, 0, out, 0, true));
        names.add("softmax rows backward");
        calls.add(() -> SoftmaxRows.rowsBackward(10, 100, a, 0, b, 0, out, 0, false));
        names.add("log-softmax rows backward");
        calls.add(() -> SoftmaxRows.rowsBackward(10, 100, a, 0, b, 0, out, 0, true));
        names.add("softmax backward");
        calls.add(() -> SoftmaxRows.backward(N, out, 0, 0.5f, a, 0, 0.25f));
        names.add("layer norm scaleShift");
        calls.add(() -> LayerNormRows.scaleShift(N, out, 0, 0.9f, a, 0, b, 0));
        names.add("layer norm backwardTerms");
        calls.add(() -> LayerNormRows.backwardTerms(N / 2, a, 0, 0.1f, 0.9f, b, 0, c, 0, d, 0, d, N / 2, true, out, 0,
                N / 2));
        names.add("layer norm backwardOut");
        calls.add(() -> LayerNormRows.backwardOut(N / 2, a, 0, N / 2, 0.1f, 0.2f, 0.9f, out, 0));
        names.add("axpy");
        calls.add(() -> Fused.axpy(N, 1e-3f, a, 0, out, 0));
        names.add("addcmul");
        calls.add(() -> Fused.addcmul(N, 1e-3f, a, 0, b, 0, out, 0));
        names.add("addcdiv");
        calls.add(() -> Fused.addcdiv(N, 1e-3f, a, 0, b, 0, out, 0));
        names.add("adam");
        calls.add(() -> Fused.adam(N, out, 0, a, 0, c, 0, d, 0, 0.01f, 0.9f, 0.1f, 0.999f, 0.001f, 1f, 1e-8f, -1e-6f));
        double[][] rows = new double[6][N];
        for (double[] row : rows) {
            for (int i = 0; i < N; i++) {
                row[i] = r.nextDouble();
            }
        }
        names.add("double dot");
        calls.add(() -> sink[0] += (float) DoubleDot.dot(rows[0], 0, rows[1], 3, N - 3));
        RowCombination combination = new RowCombination(8);
        names.add("row combination, one row");
        calls.add(() -> {
            combination.clear();
            for (int t = 2; t < 6; t++) {
                combination.add(1e-9, rows[t]);
            }
            combination.subtractFrom(rows[0], 1, N);
        });
        names.add("row combination, two rows");
        calls.add(() -> {
            combination.clear();
            for (int t = 2; t < 6; t++) {
                combination.add(1e-9, -1e-9, rows[t]);
            }
            combination.subtractFrom(rows[0], rows[1], 1, N);
        });
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] fewest = new long[calls.size()];
        java.util.Arrays.fill(fewest, Long.MAX_VALUE);
        for (int pass = 0; pass < PASSES; pass++) {
            for (int k = 0; k < calls.size(); k++) {
                Runnable call = calls.get(k);
                for (int i = 0; i < WARM; i++) {
                    call.run();
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < MEASURED; i++) {
                    call.run();
                }
                fewest[k] = Math.min(fewest[k], (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED);
            }
        }
        for (int k = 0; k < calls.size(); k++) {
            System.out.println(names.get(k).replace(' ', '_') + " " + fewest[k]);
        }
    }
}

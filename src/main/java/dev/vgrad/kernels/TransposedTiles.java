package dev.vgrad.kernels;

/**
 * An elementwise op whose input is transposed against its output (the input unit-stride along the dimension just
 * outside the output's inner run, and far-strided along that run: {@code x.t().contiguous()}, a permuted tensor made
 * contiguous, a unary op on either), taken in tiles of {@link #ROWS} x {@link #COLUMNS}: each tile is read along the
 * input's memory (a cache line of each of its columns), turned in a per-thread buffer, and run by the unit-stride
 * kernels into the output's rows. Element by element along the output's rows, each element of the input was a cache
 * line of its own, lines 4 KiB apart in a 1024-wide matrix, all in one L1 set: a transposing copy of 1024 x 1024 took
 * 3.5 ms on a Zen 4 (2026-12-05), PyTorch 1.13 0.58. The op sees the same input for each output element, so the bits
 * are the element-by-element loop's.
 */
final class TransposedTiles implements java.util.function.IntConsumer {
    /** Output rows a tile covers: one input cache line's worth of floats. */
    static final int ROWS = 16;
    /** Output columns a tile covers: input lines read per tile row. */
    static final int COLUMNS = 64;
    /** Input strides along the output's run from which tiles pay (below, neighbouring elements share lines). */
    private static final int FAR = 16;
    private static final Scratch BUFFER = new Scratch(1);
    /** Each calling thread's job, reused from call to call so that a split allocates nothing. */
    private static final ThreadLocal<TransposedTiles> MINE = ThreadLocal.withInitial(TransposedTiles::new);

    private UnaryOp op;
    private float p, q;
    private StridedLayout layout;
    private float[] x, out;
    private int xOff, outOff, blocksPerSweep, perPart;
    private long tileRows;

    private TransposedTiles() {}

    /** Whether layout l (input operand 0, output operand 1) is one this class tiles. */
    static boolean fit(StridedLayout l) {
        return l.rank() >= 2 && Math.abs(l.innerStride(0)) >= FAR && l.innerStride(1) == 1 && l.outerStride(0) == 1
                && l.outerSize() >= 2 && l.inner() >= 2;
    }

    /**
     * {@code out = op(x; p, q)} over layout l, which {@link #fit}; the operands' offsets at the first run. Rows of
     * tiles are split between threads above {@link Parallel#GRAIN} elements; each output element is written by one
     * part.
     */
    static void unary(UnaryOp op, float p, float q, StridedLayout l, float[] x, int xOff, float[] out, int outOff) {
        TransposedTiles job = MINE.get();
        job.op = op;
        job.p = p;
        job.q = q;
        job.layout = l;
        job.x = x;
        job.xOff = xOff;
        job.out = out;
        job.outOff = outOff;
        job.blocksPerSweep = (l.outerSize() + ROWS - 1) / ROWS;
        job.tileRows = l.runs() / l.outerSize() * job.blocksPerSweep;
        int parts = (int) Math.min(job.tileRows, Parallel.partsFor(l.runs() * l.inner()));
        job.perPart = (int) ((job.tileRows + parts - 1) / parts);
        try {
            Parallel.run((int) ((job.tileRows + job.perPart - 1) / job.perPart), job);
        } finally {
            job.layout = null;
            job.x = job.out = null;
        }
    }

    @Override
    public void accept(int part) {
        int m = layout.outerSize(), n = layout.inner(), across = layout.innerStride(0), outRows = layout.outerStride(1);
        float[] tile = BUFFER.get(0, ROWS * COLUMNS);
        int[] offs = layout.partOffsets(xOff, outOff, 0), idx = layout.partCounter();
        long first = (long) part * perPart, end = Math.min(tileRows, first + perPart);
        for (long t = first; t < end; t++) {
            int i0 = (int) (t % blocksPerSweep) * ROWS, h = Math.min(ROWS, m - i0);
            // the offsets of the tile row's first run: the start of its sweep of the outer dimension, then i0 rows on
            offs[0] = xOff;
            offs[1] = outOff;
            layout.seek(t / blocksPerSweep * m, idx, offs);
            int xo = offs[0] + i0, oo = offs[1] + i0 * outRows;
            for (int j0 = 0; j0 < n; j0 += COLUMNS) {
                int w = Math.min(COLUMNS, n - j0);
                // the input's w runs of h floats become the tile's h rows of w: its whole square blocks turned in
                // registers (a float at a time, each store into the tile jumped a tile row: 1 024 x 1 024 transposed
                // copy, Intel Xeon, 2026-12-06, see BENCHMARKS.md)
                ColumnTiles.gather(x, xo + j0 * across, across, w, h, tile, COLUMNS);
                for (int i = 0; i < h; i++) {
                    Elementwise.unaryRun(op, p, q, w, tile, i * COLUMNS, 1, out, oo + i * outRows + j0, 1);
                }
            }
        }
    }
}

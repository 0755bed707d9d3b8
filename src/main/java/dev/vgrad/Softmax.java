package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.ColumnTiles;
import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.SoftmaxRows;
import dev.vgrad.kernels.UnaryOp;

/**
 * softmax and logSoftmax along one dimension, made stable by subtracting each row's maximum before the
 * exponential. Rows along the last dimension run on the vector kernels; rows along another dimension are copied
 * into tiles where they lie contiguous and run there. Both backward rules need only the output.
 */
final class Softmax {
    private Softmax() {}

    static Tensor softmax(Tensor x, int dim, boolean log) {
        int d = Shapes.wrapDim(dim, x.dim());
        Tensor in = Compute.dense(x);
        Tensor out = Tensor.empty(x.shape);
        int len = x.dim() == 0 ? 1 : x.shape[d];
        int inner = Shapes.sizeAfter(x.shape, d);
        int outer = len == 0 || inner == 0 ? 0 : x.numel() / (len * inner);
        float[] src = in.array(), dst = out.array();
        // Rows are independent: each part takes whole blocks of them (or whole tiles of one block's columns), so any
        // thread count gives the same bits.
        int parts = Parallel.partsFor(x.numel()), base = in.offset, innerCount = inner;
        if (parts > 1 && outer < parts && takesTiles(len, inner)) {
            // fewer blocks than parts (softmax over dim 0 of a matrix): the tiles of columns are split instead
            int width = tileRows(len), tiles = (inner + width - 1) / width, blocks = outer;
            Parallel.forRanges(tiles, parts, (from, to) -> tiledRows(src, base, dst, 0, blocks, len, innerCount,
                    from * width, Math.min(innerCount, to * width), log));
        } else if (parts > 1) {
            Parallel.forRanges(outer, parts, (from, to) -> rows(src, base, dst, from, to, len, innerCount, log));
        } else {
            rows(src, base, dst, 0, outer, len, inner, log);
        }
        if (!Graph.recording(x)) {
            return out;
        }
        return Graph.record(out, log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", x, out,
                (g, y) -> backward(g, y, d, log));
    }

    /**
     * d/dx log-softmax, {@code g - exp(y) * sum(g)}, or softmax, {@code y * (g - sum(g * y))}, the sums along d. As
     * tensor ops where the gradient records (createGraph), along a long dimension that is not the last, and along
     * rows as long as the forward splits (2 * {@link Parallel#GRAIN} elements and more); otherwise as one pass over the
     * rows ({@link SoftmaxRows#rowsBackward}) or over short columns ({@link SoftmaxRows#columnsBackward}), the same
     * bits: the four ops and their three temporaries cost log_softmax over [4096, 60] 1.7x PyTorch 1.13's backward
     * time, and over dim 1 of [16, 10, 64, 64] more than the loss they fed. Longer columns, a vector's width or more of
     * them side by side, take the rule's steps a whole row of the block at a time ({@link #acrossRows}); fewer keep the
     * ops.
     */
    private static Tensor backward(Tensor g, Tensor y, int d, boolean log) {
        int len = y.dim() == 0 ? 1 : y.shape[d], inner = Shapes.sizeAfter(y.shape, d);
        // Rows long enough that the forward splits each one over threads keep the tensor ops, which split too.
        boolean rows = inner == 1 && len < 2 * Parallel.GRAIN;
        boolean columns = inner > 1 && (SoftmaxRows.takesColumns(len) || inner >= SoftmaxRows.SHORT_ROW);
        if (GradMode.isEnabled() || y.numel() == 0 || !(rows || columns)) {
            return log ? g.sub(y.exp().mul(g.sum(d, true))) : y.mul(g.sub(g.mul(y).sum(d, true)));
        }
        Tensor gd = Compute.dense(g), yd = Compute.dense(y), dx = Tensor.empty(y.shape);
        int outer = y.numel() / (len * inner);
        float[] ga = gd.array(), ya = yd.array(), da = dx.array();
        int go = gd.offset, yo = yd.offset, dxo = dx.offset;
        int parts = Parallel.partsFor(y.numel());
        if (parts > 1) {
            Parallel.forRanges(outer, parts, (from, to) -> backwardBlocks(from, to, len, inner, ga, go, ya, yo, da,
                    dxo, log));
        } else {
            backwardBlocks(0, outer, len, inner, ga, go, ya, yo, da, dxo, log);
        }
        return dx;
    }

    /** Blocks [from, to) of {@link #backward}'s one pass: rows (inner 1), short columns or longer ones. */
    private static void backwardBlocks(int from, int to, int len, int inner, float[] g, int go, float[] y, int yo,
                                       float[] dx, int dxo, boolean log) {
        if (inner == 1) {
            SoftmaxRows.rowsBackward(to - from, len, g, go + from * len, y, yo + from * len, dx, dxo + from * len, log);
        } else if (SoftmaxRows.takesColumns(len)) {
            SoftmaxRows.columnsBackward(from, to, len, inner, g, go, y, yo, dx, dxo, log);
        } else {
            acrossRows(from, to, len, inner, g, go, y, yo, dx, dxo, log);
        }
    }

    /**
     * {@link #backward}'s steps over blocks [from, to) of columns len long, inner of them side by side: the column sums
     * added a row of the block at a time (in each column's order, the order of the rule's sum along d), then each row
     * of dx from its rows of g and y and the sums, op by op as the rule's tensor ops take them, so the same bits
     * without their three block-sized temporaries. Over dim 0 of [512, 1024] (Intel Xeon, family 6 model 167, one
     * thread, 2026-12-06) the ops took 1.75 ms, this 1.25; the columns walked 16 at a time (rows 4 KiB apart), 2.8.
     */
    private static void acrossRows(int from, int to, int len, int inner, float[] g, int go, float[] y, int yo,
                                   float[] dx, int dxo, boolean log) {
        float[] sums = tile(0, inner);   // this thread's forward tile, free in backward: no allocation a step
        for (int o = from; o < to; o++) {
            int block = o * len * inner;
            java.util.Arrays.fill(sums, 0, inner, 0f);
            if (log) {
                Reductions.addRows(len, inner, g, go + block, sums, 0);
            } else {
                Reductions.addRowProducts(len, inner, g, go + block, y, yo + block, sums, 0);
            }
            int gb = go + block, yb = yo + block, db = dxo + block;
            // each row of dx written by one part: a block's rows split between threads where the blocks are not (the
            // lambda only then, as forward makes its own: on one thread a step allocates nothing here)
            int parts = Parallel.partsFor((long) len * inner);
            if (parts > 1) {
                Parallel.forRanges(len, parts, (e0, e1) -> dxRows(e0, e1, inner, g, gb, y, yb, sums, dx, db, log));
            } else {
                dxRows(0, len, inner, g, gb, y, yb, sums, dx, db, log);
            }
        }
    }

    /** Rows [e0, e1) of one block of {@link #acrossRows}'s dx, from its rows of g and y and the column sums. */
    private static void dxRows(int e0, int e1, int inner, float[] g, int go, float[] y, int yo, float[] sums,
                               float[] dx, int dxo, boolean log) {
        for (int e = e0; e < e1; e++) {
            int gr = go + e * inner, yr = yo + e * inner, dr = dxo + e * inner;
            if (log) {
                // g - exp(y) * sum(g)
                Elementwise.unary(UnaryOp.EXP, 0f, 0f, inner, y, yr, 1, dx, dr, 1);
                Elementwise.binary(BinaryOp.MUL, inner, dx, dr, 1, sums, 0, 1, dx, dr, 1);
                Elementwise.binary(BinaryOp.SUB, inner, g, gr, 1, dx, dr, 1, dx, dr, 1);
            } else {
                // y * (g - sum(g * y))
                Elementwise.binary(BinaryOp.SUB, inner, g, gr, 1, sums, 0, 1, dx, dr, 1);
                Elementwise.binary(BinaryOp.MUL, inner, y, yr, 1, dx, dr, 1, dx, dr, 1);
            }
        }
    }

    /** The softmax rows of outer blocks {@code from} to {@code to}: inner rows of len elements per block. */
    private static void rows(float[] src, int base, float[] dst, int from, int to, int len, int inner, boolean log) {
        if (inner > 1 && SoftmaxRows.takesColumns(len)) {
            // short softmaxes whose elements lie inner apart (softmax over the channels of [N, C, H, W]): a vector's
            // width of them lie side by side already
            SoftmaxRows.columns(from, to, len, inner, src, base, dst, 0, log);
            return;
        }
        if (takesTiles(len, inner)) {
            tiledRows(src, base, dst, from, to, len, inner, 0, inner, log);
            return;
        }
        if (len < SoftmaxRows.SHORT_ROW) {
            // contiguous rows (inner is 1 here), a vector's width of them at a time
            SoftmaxRows.rows(to - from, len, src, base + from * len, dst, from * len, log);
            return;
        }
        for (int o = from; o < to; o++) {
            for (int i = 0; i < inner; i++) {
                row(src, base + o * len * inner + i, dst, o * len * inner + i, len, inner, log);
            }
        }
    }

    /** Floats a tile buffer holds at most, where rows are short enough for more than {@link #MIN_TILE} of them. */
    private static final int TILE_FLOATS = 1 << 16;
    /** Fewest rows a tile holds side by side: one cache line of floats of each element row. */
    private static final int MIN_TILE = 16;
    /** Most rows a tile holds: wider tiles measured no faster. */
    private static final int MAX_TILE = 128;
    /** The longest rows taken through tiles: a tile of them is about 4 MiB. */
    private static final int MAX_TILED_LEN = 1 << 16;
    private static final ThreadLocal<float[][]> TILES = ThreadLocal.withInitial(() -> new float[2][]);

    /** Whether rows of len elements, inner apart, go through tiles ({@link #tiledRows}). */
    private static boolean takesTiles(int len, int inner) {
        return inner > 1 && !SoftmaxRows.takesColumns(len) && len <= MAX_TILED_LEN;
    }

    /**
     * Rows of len floats a tile holds side by side: as many as {@link #TILE_FLOATS} allows, in whole cache lines of
     * each element row, from {@link #MIN_TILE} to {@link #MAX_TILE}. Softmax over dim 0 of [512, 1024] (Intel Xeon,
     * family 6 model 167, one thread, 2026-12-06): 1 623 us with 16 rows, 1 333-1 370 with 64, 1 206-1 256 with 96 to
     * 128, 1 376 with 256: each visit to an element row then reads several neighbouring lines, not one line 4 KiB from
     * the last.
     */
    private static int tileRows(int len) {
        int fit = TILE_FLOATS / (len + MIN_TILE) / MIN_TILE * MIN_TILE;
        return Math.max(MIN_TILE, Math.min(MAX_TILE, fit));
    }

    /**
     * This thread's tile buffer {@code which} (0 or 1), at least {@code floats} long. Rows of a tile lie one cache line
     * further apart than their length: at a multiple of 4 KiB (len 1024) all sixteen fell into one L1 set, and the
     * copies ran at a third of the speed.
     */
    private static float[] tile(int which, int floats) {
        float[][] tiles = TILES.get();
        if (tiles[which] == null || tiles[which].length < floats) {
            tiles[which] = new float[floats];
        }
        return tiles[which];
    }

    /**
     * {@link #rows} for rows whose elements lie {@code inner} apart (a softmax over a dimension that is not the
     * innermost), those of each block from {@code innerFrom} to {@code innerTo}: neighbouring rows are copied into a
     * tile where each lies contiguous ({@link ColumnTiles}), run there as the innermost dimension's rows run, and
     * copied back. Row by row in place, each of a row's five passes walked a column of the block one cache line per
     * element: softmax over dim 0 of 1024 x 1024 took 42 ms on a Zen 4 (2026-12-05), 17x PyTorch 1.13's. The same
     * values go through the same row function, so the bits are the strided loop's.
     */
    private static void tiledRows(float[] src, int base, float[] dst, int from, int to, int len, int inner,
                                  int innerFrom, int innerTo, boolean log) {
        int rows = tileRows(len), pitch = len + MIN_TILE;
        float[] in = tile(0, rows * pitch), out = tile(1, rows * pitch);
        for (int o = from; o < to; o++) {
            int block = o * len * inner;
            for (int i0 = innerFrom; i0 < innerTo; i0 += rows) {
                int w = Math.min(rows, innerTo - i0);
                ColumnTiles.gather(src, base + block + i0, inner, len, w, in, pitch);
                for (int c = 0; c < w; c++) {
                    row(in, c * pitch, out, c * pitch, len, 1, log);
                }
                ColumnTiles.scatter(out, pitch, len, w, dst, block + i0, inner);
            }
        }
    }

    /** One softmax row of len elements, stride apart, from src at s into dst at t. */
    static void row(float[] src, int s, float[] dst, int t, int len, int stride, boolean log) {
        // One kernel call a row, except for rows long enough that the separate kernels split them over threads.
        if (stride == 1 && len < 2 * Parallel.GRAIN) {
            SoftmaxRows.rows(1, len, src, s, dst, t, log);
            return;
        }
        float max = Reductions.max(len, src, s, stride);
        // exp(x - max) into dst, then the sum of that.
        Elementwise.unary(UnaryOp.ADD_SCALAR, -max, 0f, len, src, s, stride, dst, t, stride);
        Elementwise.unary(UnaryOp.EXP, 0f, 0f, len, dst, t, stride, dst, t, stride);
        float sum = Reductions.sum(len, dst, t, stride);
        if (log) {   // (x - max) - log(sum), in that order (SoftmaxRows.logOfSum)
            Elementwise.unary(UnaryOp.ADD_SCALAR, -max, 0f, len, src, s, stride, dst, t, stride);
            Elementwise.unary(UnaryOp.ADD_SCALAR, -SoftmaxRows.logOfSum(sum), 0f, len, dst, t, stride, dst, t, stride);
        } else {
            Elementwise.unary(UnaryOp.DIV_SCALAR, sum, 0f, len, dst, t, stride, dst, t, stride);
        }
    }
}

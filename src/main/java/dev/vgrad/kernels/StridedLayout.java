package dev.vgrad.kernels;

/**
 * The loop nest of an elementwise or reduction kernel over operands that share one shape but have their
 * own strides (0 where an operand is broadcast). Dimensions of size 1 are dropped and neighbours that are
 * contiguous for every operand are merged, so a contiguous tensor of any rank becomes one long run and a
 * bias broadcast becomes rows: the kernels then only ever see 1-D runs, where the vector fast paths live.
 */
final class StridedLayout {
    /** Sizes of the collapsed dimensions in [0, rank); the last one is the inner run. Never empty. */
    private int[] shape = new int[4];
    private int rank;
    /** strides[operand][dim] over the collapsed dimensions, for the first {@code operands} operands. */
    private final int[][] strides = new int[3][4];
    private int operands;
    /** The serial loop's counter and offsets ({@link #begin}), kept here so a call allocates nothing. */
    private int[] idx = new int[4];
    private final int[] offs = new int[3];

    /**
     * Each thread's layouts, reused: a kernel call takes one, loops, and gives it back ({@link #release}), so the
     * strided and broadcast kernels a training step runs by the dozen allocate no layout, index or offset arrays
     * (they were a seventh of the character transformer's step). A stack, in case a call ever nests in another.
     */
    private static final class Pool {
        StridedLayout[] layouts = new StridedLayout[4];
        int depth;
    }

    private static final ThreadLocal<Pool> POOL = ThreadLocal.withInitial(Pool::new);

    private StridedLayout() {}

    /** The collapsed layout of two operands over {@code shape}, from this thread's pool: {@link #release} it. */
    static StridedLayout of(int[] shape, int[] s0, int[] s1) {
        StridedLayout l = acquire(shape.length, 2);
        l.strides[0] = fit(l.strides[0], shape.length);
        l.strides[1] = fit(l.strides[1], shape.length);
        l.collapse(shape, s0, s1, null);
        return l;
    }

    /** The collapsed layout of three operands over {@code shape}, from this thread's pool: {@link #release} it. */
    static StridedLayout of(int[] shape, int[] s0, int[] s1, int[] s2) {
        StridedLayout l = acquire(shape.length, 3);
        for (int o = 0; o < 3; o++) {
            l.strides[o] = fit(l.strides[o], shape.length);
        }
        l.collapse(shape, s0, s1, s2);
        return l;
    }

    private static StridedLayout acquire(int maxRank, int operands) {
        Pool pool = POOL.get();
        if (pool.depth == pool.layouts.length) {
            pool.layouts = java.util.Arrays.copyOf(pool.layouts, 2 * pool.depth);
        }
        StridedLayout l = pool.layouts[pool.depth];
        if (l == null) {
            l = pool.layouts[pool.depth] = new StridedLayout();
        }
        pool.depth++;
        l.shape = fit(l.shape, maxRank);
        l.idx = fit(l.idx, maxRank);
        l.operands = operands;
        return l;
    }

    private static int[] fit(int[] a, int length) {
        return a.length >= Math.max(length, 1) ? a : new int[length];
    }

    /** Gives this layout back to its thread's pool; the caller uses it no more. */
    void release() {
        Pool pool = POOL.get();
        if (pool.depth == 0 || pool.layouts[pool.depth - 1] != this) {
            throw new IllegalStateException("strided layouts released out of order");
        }
        pool.depth--;
    }

    private void collapse(int[] sizes, int[] s0, int[] s1, int[] s2) {
        int r = 0;
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] == 1) {
                continue;
            }
            boolean merge = r > 0 && mergeable(s0, d, sizes[d], 0, r - 1) && mergeable(s1, d, sizes[d], 1, r - 1)
                    && (s2 == null || mergeable(s2, d, sizes[d], 2, r - 1));
            int at = merge ? r - 1 : r;
            shape[at] = merge ? shape[at] * sizes[d] : sizes[d];
            strides[0][at] = s0[d];
            strides[1][at] = s1[d];
            if (s2 != null) {
                strides[2][at] = s2[d];
            }
            if (!merge) {
                r++;
            }
        }
        if (r == 0) {
            shape[0] = 1;
            for (int o = 0; o < operands; o++) {
                strides[o][0] = 0;
            }
            r = 1;
        }
        rank = r;
    }

    /** Whether dimension d of operand o can join the collapsed dimension prev: stride[prev] == stride[d] * size[d]. */
    private boolean mergeable(int[] operandStrides, int d, int size, int o, int prev) {
        return strides[o][prev] == operandStrides[d] * size;
    }

    int rank() {
        return rank;
    }

    int inner() {
        return shape[rank - 1];
    }

    int innerStride(int operand) {
        return strides[operand][rank - 1];
    }

    /** The size of the dimension just outside the inner run (rank at least 2). */
    int outerSize() {
        return shape[rank - 2];
    }

    /** The operand's stride along the dimension just outside the inner run (rank at least 2). */
    int outerStride(int operand) {
        return strides[operand][rank - 2];
    }

    /**
     * The offsets of the first run, in this layout's own array, with the serial counter at run 0: a serial loop
     * reads them, runs, and calls {@link #next} (one loop at a time per layout).
     */
    int[] begin(int off0, int off1, int off2) {
        offs[0] = off0;
        offs[1] = off1;
        offs[2] = off2;
        java.util.Arrays.fill(idx, 0, rank, 0);
        return offs;
    }

    /** Moves {@link #begin}'s offsets to the next run. */
    void next() {
        step(idx, offs, operands);
    }

    /**
     * Each thread's operand offsets (for two or three operands) and outer counter for one part of a parallel loop over
     * this layout's runs. A part runs start to end on one thread and runs no other part meanwhile (its kernels are the
     * 1-D ones), so one set a thread serves every part it runs: arrays per part were a sixth of the character
     * transformer's step allocation on two threads.
     */
    private static final ThreadLocal<int[][]> PART =
            ThreadLocal.withInitial(() -> new int[][] {new int[2], new int[3], new int[8]});

    /** This thread's offsets array for a part, set to the operands' offsets at run 0. */
    int[] partOffsets(int off0, int off1, int off2) {
        int[] offs = PART.get()[operands - 2];
        offs[0] = off0;
        offs[1] = off1;
        if (operands == 3) {
            offs[2] = off2;
        }
        return offs;
    }

    /** This thread's outer counter for a part, zeroed. */
    int[] partCounter() {
        int[][] part = PART.get();
        if (part[2].length < rank) {
            part[2] = new int[rank];
        }
        java.util.Arrays.fill(part[2], 0, rank, 0);
        return part[2];
    }

    /** How many inner runs there are: the product of the outer dimensions. */
    long runs() {
        long n = 1;
        for (int d = 0; d < rank - 1; d++) {
            n *= shape[d];
        }
        return n;
    }

    /**
     * Whether every run reaches {@code operand} at a different place: no outer dimension has stride 0 for it (the
     * collapsed dimensions all have size above 1), so runs written there by different threads never meet.
     */
    boolean runsWriteApart(int operand) {
        for (int d = 0; d < rank - 1; d++) {
            if (strides[operand][d] == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the outer-dimension counter {@code idx} to run number {@code run} (row-major) and moves every operand's
     * offset in {@code offs} (given at run 0) to that run: where a part of a parallel loop starts.
     */
    void seek(long run, int[] idx, int[] offs) {
        for (int d = rank - 2; d >= 0; d--) {
            idx[d] = (int) (run % shape[d]);
            run /= shape[d];
            for (int o = 0; o < offs.length; o++) {
                offs[o] += idx[d] * strides[o][d];
            }
        }
    }

    /**
     * Work over every run of a layout, cut into parts of whole runs on {@link Parallel}'s threads (a broadcast or
     * strided layout of many short runs): each part seeks to its first run and advances from there, so every run
     * gets the operands' offsets the serial loop gives it. A kernel subclasses it with what one run does; the split
     * costs that one object, as the lambda it replaces did.
     */
    abstract static class RunParts implements java.util.function.IntConsumer {
        private final StridedLayout layout;
        private final int off0, off1, off2;
        private final long runs, per;
        private final int count;

        /** Runs of {@code layout} over {@code parts} parts; the offsets are the operands' at run 0, in order. */
        RunParts(StridedLayout layout, int parts, int off0, int off1, int off2) {
            this.layout = layout;
            this.off0 = off0;
            this.off1 = off1;
            this.off2 = off2;
            runs = layout.runs();
            per = (runs + parts - 1) / parts;
            count = (int) ((runs + per - 1) / per);
        }

        /** The same for a layout of two operands. */
        RunParts(StridedLayout layout, int parts, int off0, int off1) {
            this(layout, parts, off0, off1, 0);
        }

        /** One run, at the operands' offsets {@code offs} (read them during the call only). */
        abstract void run(int[] offs);

        /** Runs every part and returns when all are done. */
        final void start() {
            Parallel.run(count, this);
        }

        @Override
        public final void accept(int part) {
            int[] offs = layout.partOffsets(off0, off1, off2);
            int[] idx = layout.partCounter();
            layout.seek(part * per, idx, offs);
            for (long r = Math.min(per, runs - part * per); r > 0; r--) {
                run(offs);
                layout.advance(idx, offs);
            }
        }
    }

    /**
     * Steps the outer-dimension counter {@code idx} to the next run and moves every operand's offset in
     * {@code offs} with it (row-major order: the last outer dimension turns fastest).
     */
    void advance(int[] idx, int[] offs) {
        step(idx, offs, offs.length);
    }

    private void step(int[] idx, int[] offs, int ops) {
        for (int d = rank - 2; d >= 0; d--) {
            idx[d]++;
            for (int o = 0; o < ops; o++) {
                offs[o] += strides[o][d];
            }
            if (idx[d] < shape[d]) {
                return;
            }
            idx[d] = 0;
            for (int o = 0; o < ops; o++) {
                offs[o] -= strides[o][d] * shape[d];
            }
        }
    }
}

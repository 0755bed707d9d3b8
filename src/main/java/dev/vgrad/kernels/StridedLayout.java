package dev.vgrad.kernels;

/**
 * The loop nest of an elementwise or reduction kernel over operands that share one shape but have their
 * own strides (0 where an operand is broadcast). Dimensions of size 1 are dropped and neighbours that are
 * contiguous for every operand are merged, so a contiguous tensor of any rank becomes one long run and a
 * bias broadcast becomes rows: the kernels then only ever see 1-D runs, where the vector fast paths live.
 */
final class StridedLayout {
    /** Sizes of the collapsed dimensions; the last one is the inner run. Never empty. */
    final int[] shape;
    /** strides[operand][dim] over the collapsed dimensions. */
    final int[][] strides;

    private StridedLayout(int[] shape, int[][] strides) {
        this.shape = shape;
        this.strides = strides;
    }

    static StridedLayout of(int[] shape, int[]... operandStrides) {
        int ops = operandStrides.length;
        int[] sh = new int[Math.max(1, shape.length)];
        int[][] st = new int[ops][sh.length];
        int r = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1) {
                continue;
            }
            if (r > 0 && mergeable(operandStrides, d, shape[d], st, r - 1)) {
                sh[r - 1] *= shape[d];
                for (int o = 0; o < ops; o++) {
                    st[o][r - 1] = operandStrides[o][d];
                }
                continue;
            }
            sh[r] = shape[d];
            for (int o = 0; o < ops; o++) {
                st[o][r] = operandStrides[o][d];
            }
            r++;
        }
        if (r == 0) {
            sh[0] = 1;
            r = 1;
        }
        if (r < sh.length) {
            sh = java.util.Arrays.copyOf(sh, r);
            for (int o = 0; o < ops; o++) {
                st[o] = java.util.Arrays.copyOf(st[o], r);
            }
        }
        return new StridedLayout(sh, st);
    }

    /** Whether dimension d can join the collapsed dimension prev: stride[prev] == stride[d] * size[d] for all. */
    private static boolean mergeable(int[][] operandStrides, int d, int size, int[][] collapsed, int prev) {
        for (int o = 0; o < operandStrides.length; o++) {
            if (collapsed[o][prev] != operandStrides[o][d] * size) {
                return false;
            }
        }
        return true;
    }

    int rank() {
        return shape.length;
    }

    int inner() {
        return shape[shape.length - 1];
    }

    int innerStride(int operand) {
        return strides[operand][shape.length - 1];
    }

    /** How many inner runs there are: the product of the outer dimensions. */
    long runs() {
        long n = 1;
        for (int d = 0; d < shape.length - 1; d++) {
            n *= shape[d];
        }
        return n;
    }

    /**
     * Whether every run reaches {@code operand} at a different place: no outer dimension has stride 0 for it (the
     * collapsed dimensions all have size above 1), so runs written there by different threads never meet.
     */
    boolean runsWriteApart(int operand) {
        for (int d = 0; d < shape.length - 1; d++) {
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
        for (int d = shape.length - 2; d >= 0; d--) {
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
            int[] offs = layout.strides.length == 2 ? new int[] {off0, off1} : new int[] {off0, off1, off2};
            int[] idx = new int[layout.rank()];
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
        for (int d = shape.length - 2; d >= 0; d--) {
            idx[d]++;
            for (int o = 0; o < offs.length; o++) {
                offs[o] += strides[o][d];
            }
            if (idx[d] < shape[d]) {
                return;
            }
            idx[d] = 0;
            for (int o = 0; o < offs.length; o++) {
                offs[o] -= strides[o][d] * shape[d];
            }
        }
    }
}

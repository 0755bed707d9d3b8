package dev.vgrad;

import dev.vgrad.kernels.Parallel;
import dev.vgrad.kernels.Sgemm;

/**
 * Two independent products run side by side, each whole on a thread of its own: a linear layer's input gradient
 * {@code g W} and weight gradient {@code g^T x}, which take the same number of multiply-adds. With two threads this
 * beats splitting each product over both in turn: each thread packs its operands once and reads back what it packed
 * itself, neither product is cut into blocks of uneven width, and the pool is handed one job instead of two. With more
 * threads only products too small to be split are paired (each would run on one thread anyway), so that a large
 * product keeps every thread. The bits do not change: SGEMM's result depends on neither its path nor its thread count.
 */
final class ProductPair implements Parallel.RangeConsumer {
    private static final ThreadLocal<ProductPair> MINE = ThreadLocal.withInitial(ProductPair::new);

    /** The product run on the calling thread. */
    final GemmCall first = new GemmCall();
    /** The product run on the pool's thread (or after the first, where the pool is busy or absent). */
    final GemmCall second = new GemmCall();
    private boolean inUse;

    /** Whether two products of {@code multiplyAdds} each, called from this thread, should run as a pair. */
    static boolean pays(long multiplyAdds) {
        int threads = Parallel.partsHere();
        return threads == 2 || threads > 2 && multiplyAdds < Sgemm.PARALLEL_FLOPS;
    }

    /** This thread's pair, reused from call to call (a new one only where this thread's is still in use). */
    static ProductPair take() {
        ProductPair mine = MINE.get();
        ProductPair pair = mine.inUse ? new ProductPair() : mine;
        pair.inUse = true;
        return pair;
    }

    /** Runs {@link #first} and {@link #second}, taken by the caller, and returns when both are done. */
    void run() {
        try {
            Parallel.forRanges(2, 2, this);
        } finally {
            first.clear();
            second.clear();
            inUse = false;
        }
    }

    @Override
    public void accept(int from, int to) {
        for (int i = from; i < to; i++) {
            (i == 0 ? first : second).run();
        }
    }
}

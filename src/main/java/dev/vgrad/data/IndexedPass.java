package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** A pass of a known number of batches, each made or fetched when it is asked for, by its index. */
abstract class IndexedPass implements Iterator<Tensor[]> {
    private final int batches;
    private int next;

    IndexedPass(int batches) {
        this.batches = batches;
    }

    /** Batch b (asked for in order, each once). */
    protected abstract Tensor[] take(int b);

    /** Called each time the pass is found over (after the last batch, when asked for another). */
    protected abstract void ended();

    @Override
    public final boolean hasNext() {
        if (next < batches) {
            return true;
        }
        ended();
        return false;
    }

    @Override
    public final Tensor[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return take(next++);
    }
}

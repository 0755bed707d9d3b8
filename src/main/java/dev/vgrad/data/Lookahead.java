package dev.vgrad.data;

import dev.vgrad.Tensor;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** A pass whose next batch is found before it is asked for (a stream cannot say it has one without trying). */
abstract class Lookahead implements Iterator<Tensor[]> {
    private Tensor[] ready;
    private boolean over;

    /** The next batch, or null once the pass is over (then never called again). */
    protected abstract Tensor[] advance();

    @Override
    public final boolean hasNext() {
        if (ready == null && !over) {
            ready = advance();
            over = ready == null;
        }
        return ready != null;
    }

    @Override
    public final Tensor[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Tensor[] out = ready;
        ready = null;
        return out;
    }
}

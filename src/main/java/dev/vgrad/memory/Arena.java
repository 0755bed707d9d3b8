package dev.vgrad.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the intermediate tensors of a training step get their float buffers. While an arena is open on a thread,
 * every storage that thread creates is taken from it; {@link #reset()} takes them all back at the end of the step,
 * and the next step, which asks for the same sizes, gets the same buffers: after the first step no float buffer is
 * allocated, and no {@link Storage} object either (the storages are lent again with their buffers). A tensor used
 * after the reset that reclaimed its storage throws {@link IllegalStateException} naming the op that made it, never
 * stale data.
 *
 * <p>Memory that must outlive a step (parameters, gradients, optimizer state) is made inside {@link #outside()}.
 * An arena belongs to the thread that opened it.
 *
 * <pre>{@code
 * try (Arena arena = Arena.open()) {
 *     for (Tensor[] batch : loader) {
 *         Tensor loss = criterion.forward(model.forward(batch[0]), batch[1]);
 *         optimizer.zeroGrad();
 *         loss.backward();
 *         optimizer.step();
 *         total += loss.item();
 *         arena.reset();      // every intermediate of this step goes back
 *     }
 * }
 * }</pre>
 */
public final class Arena implements AutoCloseable {
    private static final ThreadLocal<Arena[]> CURRENT = ThreadLocal.withInitial(() -> new Arena[1]);

    private final Thread owner = Thread.currentThread();
    private final Arena previous;
    /** Every arena's generations come from one counter, so a generation names one step of one arena. */
    private static final java.util.concurrent.atomic.AtomicInteger GENERATIONS = new java.util.concurrent.atomic.AtomicInteger();

    /** Free storages, by exact length: sizes[i] with its stack of storages free[i]. */
    private int[] sizes = new int[16];
    private Storage[][] free = new Storage[16][];
    private int[] freeCount = new int[16];
    /** Whether this arena handed out a buffer of sizes[i] since it was opened: what {@link #reopen} keeps. */
    private boolean[] asked = new boolean[16];
    private int kinds;
    /**
     * Per size, how many storages at the bottom of its free stack have stayed there since the last reset: those above
     * were given back early this step ({@link #giveBackEarly}), touched more lately than the step's others.
     */
    private int[] untouched = new int[16];
    /** Per size, where its free stack ended when a reset began: the early storages end there. */
    private int[] earlyEnd = new int[16];
    /** Where {@link #reset} keeps a size's early storages while the step's others go under them. */
    private Storage[] early = new Storage[16];
    private final List<Storage> inUse = new ArrayList<>();
    /**
     * Changes at every reset. Unique among all arenas: a storage handed over by {@link #reopen} and lent again there
     * must still fail the check of a tensor made while the closed arena lent it.
     */
    int generation = GENERATIONS.incrementAndGet();
    private boolean closed;
    /** Whether buffers taken back are filled with NaN: see {@link #openPoisoned()}. */
    private boolean poisons;

    private Arena() {
        Arena[] slot = CURRENT.get();
        previous = slot[0];
        slot[0] = this;
    }

    /**
     * Opens an arena on this thread; it serves this thread's allocations until closed. With the system property
     * {@code vgrad.arena.poison} set to {@code true} when it opens, the arena is {@link #openPoisoned()}'s: a switch
     * for debugging a training loop, or an op of one's own, without changing the code that opens the arena.
     */
    public static Arena open() {
        Arena a = new Arena();
        a.poisons = poisonAsked();
        return a;
    }

    /** Whether the system property {@code vgrad.arena.poison} asks every arena to poison (see {@link #open()}). */
    private static boolean poisonAsked() {
        return Boolean.getBoolean("vgrad.arena.poison");
    }

    /**
     * {@link #open()}, for tests and debugging: every buffer this arena takes back (at a reset, or early from the
     * autograd engine) is filled with NaN before it is lent again. A kernel that reads a buffer's floats before it has
     * written them then shows NaN in its results instead of an earlier step's numbers, which are plausible and wrong
     * (an ordinary arena's buffers hold those; a fresh one's hold zeros, which can look right). Results that do not
     * read such floats are the same bits as in an ordinary arena; the fill costs a pass over each buffer.
     */
    public static Arena openPoisoned() {
        Arena a = new Arena();
        a.poisons = true;
        return a;
    }

    /**
     * Opens an arena on this thread that starts with the free buffers of {@code closed}, a closed arena, which gives
     * them up: for work that runs each step on whichever thread of a pool is free (a Spark task on an executor
     * thread), so the step's buffers still come back step after step although an arena belongs to one thread. Only
     * buffers of the sizes {@code closed} handed out while it was open are kept, so memory stays bounded when the
     * sizes drift from step to step (a shard of a batch holds a different number of examples each time). The thread
     * that closed {@code closed} and this one must be ordered (the hand-over of {@code closed} between them
     * synchronised, as a lock or a concurrent queue does). A poisoned arena's successor poisons too, as does any with
     * the system property {@code vgrad.arena.poison} set (see {@link #open()}).
     *
     * @throws IllegalStateException when {@code closed} is still open
     */
    public static Arena reopen(Arena closed) {
        if (!closed.closed) {
            throw new IllegalStateException("only a closed arena's buffers can be taken over; close it first (on "
                    + closed.owner.getName() + ")");
        }
        Arena a = new Arena();
        a.poisons = closed.poisons || poisonAsked();
        for (int k = 0; k < closed.kinds; k++) {
            if (closed.asked[k]) {
                for (int i = 0; i < closed.freeCount[k]; i++) {
                    a.giveBack(closed.free[k][i]);
                }
            }
        }
        java.util.Arrays.fill(a.asked, false);  // this arena's own life starts now
        a.markUntouched();
        closed.sizes = new int[1];
        closed.free = new Storage[1][];
        closed.freeCount = new int[1];
        closed.asked = new boolean[1];
        closed.kinds = 0;
        return a;
    }

    /** The arena serving this thread's allocations, or null. */
    public static Arena current() {
        return CURRENT.get()[0];
    }

    /**
     * Suspends the current arena until the returned scope is closed: what is allocated inside lives on the heap
     * (parameters, gradients, optimizer state).
     */
    public static Scope outside() {
        return new Scope();
    }

    /** A region where allocations bypass the arena; closing it restores the arena. */
    public static final class Scope implements AutoCloseable {
        private final Arena[] slot = CURRENT.get();
        private final Arena saved = slot[0];

        private Scope() {
            slot[0] = null;
        }

        /** Restores the arena that was current, or, if it was closed meanwhile, the nearest open one below it. */
        @Override
        public void close() {
            slot[0] = openFrom(saved);
        }
    }

    /**
     * A storage of exactly n floats with unspecified contents, remembered for the next reset: one this arena lent in
     * an earlier step when there is one free (the object with its buffer), else a new one.
     */
    Storage take(int n, Object madeBy) {
        Storage s = null;
        for (int k = 0; k < kinds; k++) {
            if (sizes[k] == n) {
                asked[k] = true;
                if (freeCount[k] > 0) {
                    s = free[k][--freeCount[k]];
                    free[k][freeCount[k]] = null;
                    untouched[k] = Math.min(untouched[k], freeCount[k]);
                    s.lend(this, madeBy);
                }
                break;
            }
        }
        if (s == null) {
            s = new Storage(new float[n], this, madeBy);
        }
        inUse.add(s);
        return s;
    }

    /**
     * Takes back every buffer handed out since the last reset. Tensors made before are invalid from now on: using
     * one throws IllegalStateException.
     */
    public void reset() {
        checkOwner();
        generation = GENERATIONS.incrementAndGet();
        int earlyKinds = kinds;
        for (int k = 0; k < earlyKinds; k++) {
            earlyEnd[k] = freeCount[k];
        }
        for (int i = 0; i < inUse.size(); i++) {   // by index: an iterator would be an object every step
            Storage s = inUse.get(i);
            if (!s.requiresGrad()) {  // a parameter made here by mistake keeps its storage, so its error stays true
                giveBack(s);
            }
        }
        inUse.clear();
        for (int k = 0; k < earlyKinds; k++) {
            liftEarly(k);
        }
        markUntouched();
    }

    /** Every storage now free has been so since this reset: see {@link #untouched}. */
    private void markUntouched() {
        System.arraycopy(freeCount, 0, untouched, 0, kinds);
    }

    /**
     * Kind k's free stack after a reset is [untouched][given back early][given back by the reset]; the early ones,
     * touched last, go back on top in their order, where the next step's first requests of their size find them.
     */
    private void liftEarly(int k) {
        int from = untouched[k], to = earlyEnd[k], e = to - from, r = freeCount[k] - to;
        if (e == 0 || r == 0) {
            return;
        }
        if (early.length < e) {
            early = new Storage[Math.max(e, early.length * 2)];
        }
        Storage[] stack = free[k];
        System.arraycopy(stack, from, early, 0, e);
        System.arraycopy(stack, to, stack, from, r);
        System.arraycopy(early, 0, stack, from + r, e);
        java.util.Arrays.fill(early, 0, e, null);
    }

    /**
     * Takes back before the reset a storage this arena lent in this step that nothing will read again, so that the
     * step's next request of its size gets it while the caches still hold it: the autograd engine's gradients, once
     * the rule they were passed to has returned (see Engine). A step's new memory is otherwise memory the step before
     * last touched. Tensors still on the storage fail their next read. Does nothing for a storage this arena does not
     * hold for this step (heap memory, another arena's, one given back already).
     */
    public void giveBackEarly(Storage s) {
        checkOwner();
        if (s.arena() != this || s.requiresGrad()) {
            return;
        }
        // inUse holds the storages lent this step and not yet given back: one given back twice is not found again.
        for (int i = inUse.size() - 1; i >= 0; i--) {
            if (inUse.get(i) == s) {
                inUse.remove(i);
                s.withdraw();
                giveBack(s);
                return;
            }
        }
    }

    private void giveBack(Storage s) {
        if (poisons) {
            s.fillWithNaN();
        }
        int k = 0;
        while (k < kinds && sizes[k] != s.size()) {
            k++;
        }
        if (k == kinds) {
            if (kinds == sizes.length) {
                sizes = java.util.Arrays.copyOf(sizes, kinds * 2);
                free = java.util.Arrays.copyOf(free, kinds * 2);
                freeCount = java.util.Arrays.copyOf(freeCount, kinds * 2);
                asked = java.util.Arrays.copyOf(asked, kinds * 2);
                untouched = java.util.Arrays.copyOf(untouched, kinds * 2);
                earlyEnd = java.util.Arrays.copyOf(earlyEnd, kinds * 2);
            }
            sizes[k] = s.size();
            asked[k] = true;  // a size first met in this arena's life
            free[k] = new Storage[4];
            kinds++;
        }
        if (freeCount[k] == free[k].length) {
            free[k] = java.util.Arrays.copyOf(free[k], free[k].length * 2);
        }
        free[k][freeCount[k]++] = s;
    }

    /** How many buffers the current step holds. */
    public int buffersInUse() {
        return inUse.size();
    }

    /**
     * Resets and stops serving this thread; the arena that was current before it was opened becomes current again.
     * Arenas nest: closing one that is not the innermost (o1 while o2, opened inside it, is still open) closes the
     * inner ones too, as leaving an outer try-with-resources block would, so no closed arena is ever current.
     * Closing twice does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkOwner();
        Arena[] slot = CURRENT.get();
        boolean current = false;
        for (Arena a = slot[0]; a != null; a = a.previous) {
            if (a == this) {
                current = true;
                break;
            }
        }
        if (current) {
            for (Arena a = slot[0]; a != this; a = a.previous) {
                a.release();
            }
            slot[0] = openFrom(previous);
        }
        release();
    }

    private void release() {
        if (!closed) {
            reset();
            closed = true;
        }
    }

    /** a, or the first open arena below it. */
    private static Arena openFrom(Arena a) {
        while (a != null && a.closed) {
            a = a.previous;
        }
        return a;
    }

    /** Whether this arena was closed (it serves nothing and its tensors are invalid). */
    public boolean isClosed() {
        return closed;
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("an arena belongs to the thread that opened it (" + owner.getName()
                    + "), not to " + Thread.currentThread().getName());
        }
    }
}

package dev.vgrad.memory;

/**
 * A flat float buffer that tensors view through their shape, strides and offset. Several tensors (views) may
 * share one storage. A storage taken from an {@link Arena} is valid until that arena's next reset; after it,
 * {@link #array()} throws IllegalStateException naming the op that made the storage.
 */
public final class Storage {
    private final float[] data;
    private final Arena arena;
    private final int generation;
    private Object madeBy;

    private Storage(float[] data, Arena arena, Object madeBy) {
        this.data = data;
        this.arena = arena;
        this.generation = arena == null ? 0 : arena.generation;
        this.madeBy = madeBy;
    }

    /**
     * A storage of {@code size} floats with unspecified contents: from this thread's arena if one is open, else a
     * fresh (zeroed) array. {@code madeBy} names the op for error messages (its toString is taken only then).
     */
    public static Storage allocate(int size, Object madeBy) {
        Arena arena = Arena.current();
        return arena == null ? new Storage(new float[size], null, madeBy) : new Storage(arena.take(size), arena, madeBy);
    }

    /** {@link #allocate(int, Object)} with every float 0. */
    public static Storage allocateZeroed(int size, Object madeBy) {
        Arena arena = Arena.current();
        if (arena == null) {
            return new Storage(new float[size], null, madeBy);
        }
        float[] buf = arena.take(size);
        java.util.Arrays.fill(buf, 0f);
        return new Storage(buf, arena, madeBy);
    }

    /** Wraps {@code data} without copying: the storage and the caller share it. Never arena memory. */
    public static Storage wrap(float[] data) {
        return new Storage(data, null, "wrap");
    }

    /** Records which op made this storage, for the error a use after an arena reset throws. */
    public void madeBy(Object op) {
        this.madeBy = op;
    }

    /** The backing array, after checking that its arena has not reclaimed it. */
    public float[] array() {
        if (arena != null && arena.generation != generation) {
            throw new IllegalStateException("a tensor made by " + madeBy + " was used after its arena was reset: it "
                    + "lived for one step. Keep values across steps by copying them (item(), toArray(), or clone() "
                    + "inside Arena.outside()).");
        }
        return data;
    }

    /** The number of floats in the buffer. */
    public int size() {
        return data.length;
    }

    /** Whether this storage came from an arena (and so lives for one step). */
    public boolean fromArena() {
        return arena != null;
    }
}

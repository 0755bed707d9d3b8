package dev.vgrad.memory;

/**
 * A flat float buffer that tensors view through their shape, strides and offset. Several tensors (views) may
 * share one storage. A storage taken from an {@link Arena} is valid until that arena's next reset; after it,
 * {@link #array()} throws IllegalStateException naming the op that made the storage.
 *
 * <p>An arena lends the same storage objects again step after step (with their buffers), so that a step allocates
 * no storage objects either. A tensor therefore remembers the {@link #generation()} its storage was lent in and
 * reads through {@link #array(int)}: a tensor of an earlier step fails the check even when its storage object has
 * since been lent to a tensor of this one. Within a step the autograd engine may hand a gradient's storage back
 * early ({@link Arena#giveBackEarly}); each lending has its own number for that reason, so that a tensor of the
 * earlier lending fails the same check instead of reading the later one's data.
 */
public final class Storage {
    private final float[] data;
    /** The arena lending data, or null for a heap array; set at each lending (a pooled storage may change arena). */
    private Arena arena;
    /** The arena's generation when it lent this storage. */
    private int lentIn;
    /** This lending's number (0 for heap memory, which is never checked): what a tensor on it keeps. */
    private int lending;
    /** The lending that {@link #withdraw} ended last (0 for none): for the error a read of it throws. */
    private int withdrawn;
    private Object madeBy;
    private boolean requiresGrad;
    /** Every lending's number comes from one counter, so that a number names one lending of one storage. */
    private static final java.util.concurrent.atomic.AtomicInteger LENDINGS =
            new java.util.concurrent.atomic.AtomicInteger();

    Storage(float[] data, Arena arena, Object madeBy) {
        this.data = data;
        this.arena = arena;
        this.lentIn = arena == null ? 0 : arena.generation;
        this.lending = arena == null ? 0 : nextLending();
        this.madeBy = madeBy;
    }

    private static int nextLending() {
        return LENDINGS.incrementAndGet();
    }

    /** Makes this pooled storage {@code arena}'s for its current generation, made by {@code madeBy}. */
    void lend(Arena arena, Object madeBy) {
        this.arena = arena;
        this.lentIn = arena.generation;
        this.lending = nextLending();
        this.madeBy = madeBy;
    }

    /** Ends this lending before the arena's reset: tensors on it fail their next read from now on. */
    void withdraw() {
        withdrawn = lending;
        lending = nextLending();
    }

    /** The number the next lending of any storage will take: a storage lent since has a larger one. */
    public static int lendingsSoFar() {
        return LENDINGS.get();
    }

    /** Whether this is arena memory lent after {@code lendingsSoFar} was read ({@link #lendingsSoFar}). */
    public boolean lentSince(int lendingsSoFar) {
        return arena != null && lending - lendingsSoFar > 0;
    }

    /** The arena lending this storage now, or null (heap memory). */
    public Arena arena() {
        return arena;
    }

    /**
     * A storage of {@code size} floats with unspecified contents: from this thread's arena if one is open, else a
     * fresh (zeroed) array. {@code madeBy} names the op for error messages (its toString is taken only then).
     */
    public static Storage allocate(int size, Object madeBy) {
        Arena arena = Arena.current();
        return arena == null ? new Storage(new float[size], null, madeBy) : arena.take(size, madeBy);
    }

    /** {@link #allocate(int, Object)} with every float 0. */
    public static Storage allocateZeroed(int size, Object madeBy) {
        Storage s = allocate(size, madeBy);
        if (s.arena != null) {
            java.util.Arrays.fill(s.data, 0f);
        }
        return s;
    }

    /** Wraps {@code data} without copying: the storage and the caller share it. Never arena memory. */
    public static Storage wrap(float[] data) {
        return new Storage(data, null, "wrap");
    }

    /** Records which op made this storage, for the error a use after an arena reset throws. */
    public void madeBy(Object op) {
        this.madeBy = op;
    }

    /**
     * Marks this storage as a leaf that requires grad: a parameter, which must outlive a step. If it came from an
     * arena, the error at its first use after a reset says it was created inside one by mistake (and the arena does
     * not lend it again, so that the error stays true).
     */
    public void markRequiresGrad() {
        requiresGrad = true;
    }

    boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * This lending's number (0 for heap memory): what a tensor made on it keeps, to pass to {@link #array(int)}.
     */
    public int generation() {
        return lending;
    }

    /** Sets every float to NaN, unchecked: for an arena that poisons the buffers it takes back. */
    void fillWithNaN() {
        java.util.Arrays.fill(data, Float.NaN);
    }

    /** The backing array, after checking that its arena has not reclaimed it: {@link #array(int)} of its own lending. */
    public float[] array() {
        return array(lending);
    }

    /**
     * The backing array for a tensor made on lending {@code generation} ({@link #generation()}), after checking that
     * the arena has not reclaimed the buffer since (it may have lent this storage to a later tensor meanwhile).
     */
    public float[] array(int generation) {
        if (arena != null && (arena.generation != lentIn || generation != lending)) {
            throw reclaimed(generation);
        }
        return data;
    }

    private IllegalStateException reclaimed(int generationUsed) {
        String attempted = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(Storage::entryPoint);
        String prefix = attempted == null ? "" : attempted + ": ";
        if (generationUsed == withdrawn) {
            // Only the engine ends a lending within a step; a tensor read after that is a bug, said as such.
            return new IllegalStateException(prefix + "a gradient tensor was read after the autograd engine gave its "
                    + "memory back for reuse within the step (vgrad's bug: the engine held it alone, it thought)");
        }
        if (generationUsed != lending) {
            // Lent again since: madeBy names the later tensor's op, not the one that was used.
            return new IllegalStateException(prefix + "a tensor of an earlier step was used after its arena was "
                    + "reset: it lived for one step. Keep values across steps by copying them (item(), toArray(), "
                    + "or clone() inside Arena.outside()).");
        }
        if (requiresGrad) {
            return new IllegalStateException(prefix + "a tensor that requires grad (made by " + madeBy + ") was created "
                    + "inside an arena and freed at its reset. Create parameters and other state that outlives a step "
                    + "before Arena.open() or inside Arena.outside().");
        }
        return new IllegalStateException(prefix + "a tensor made by " + madeBy + " was used after its arena was reset: "
                + "it lived for one step. Keep values across steps by copying them (item(), toArray(), or clone() "
                + "inside Arena.outside()).");
    }

    /**
     * The vgrad method the caller called (say {@code Tensor.add}): the outermost frame of vgrad's own code before
     * the caller's, told apart by where the class was loaded from.
     */
    private static String entryPoint(java.util.stream.Stream<StackWalker.StackFrame> frames) {
        var ours = Storage.class.getProtectionDomain().getCodeSource();
        String last = null;
        for (var it = frames.iterator(); it.hasNext(); ) {
            StackWalker.StackFrame f = it.next();
            Class<?> c = f.getDeclaringClass();
            if (!c.getName().startsWith("dev.vgrad.") || !java.util.Objects.equals(c.getProtectionDomain().getCodeSource(), ours)) {
                break;
            }
            if (java.lang.reflect.Modifier.isPublic(c.getModifiers()) && c != Storage.class) {
                last = c.getSimpleName() + "." + f.getMethodName();
            }
        }
        return last;
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

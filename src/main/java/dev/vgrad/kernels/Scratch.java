package dev.vgrad.kernels;

/**
 * Per-thread float arrays a kernel keeps between calls, one per slot, grown when a call needs more: buffers a kernel
 * would otherwise allocate on every call (inside a training step, that is allocation per step). Contents are left
 * over from earlier calls; a kernel writes what it reads.
 */
final class Scratch {
    private final ThreadLocal<float[][]> arrays;

    /** {@code slots} arrays per thread. */
    Scratch(int slots) {
        arrays = ThreadLocal.withInitial(() -> new float[slots][]);
    }

    /** This thread's array in {@code slot}, at least {@code size} long. */
    float[] get(int slot, int size) {
        float[][] mine = arrays.get();
        if (mine[slot] == null || mine[slot].length < size) {
            mine[slot] = new float[size];
        }
        return mine[slot];
    }
}

package dev.vgrad.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A per-thread buffer for packed panels of B, off the heap and aligned to a cache line, for the blocked SGEMM path's
 * {@code VectorGemm.alignedKernel}. A {@code float[]}'s elements start 16 bytes into an object that is only 8-byte
 * aligned, so in an array every 64-byte vector load of a panel crosses two cache lines. On an Intel Xeon with AVX-512
 * (family 6 model 167, FMA peak 246 GFLOP/s a core, 2026-12-04) the 8 x 32 micro-kernel alone on packed panels ran at
 * 213 GFLOP/s with the panel where an array put it and 228-230 with it on a line (a C kernel of the same loop there:
 * 220-223 against 236). The buffer is grown on demand and holds what earlier calls left; a kernel writes what it
 * reads. Memory of a replaced or unreachable buffer is released by the garbage collector (automatic arenas).
 */
final class Panels {
    /** A cache line: with 16-lane floats, each vector load of a panel then lies inside one line. */
    static final long ALIGNMENT = 64;

    private final ThreadLocal<MemorySegment> buffer = new ThreadLocal<>();

    /** This thread's buffer, room for at least {@code floats} floats. */
    MemorySegment get(long floats) {
        MemorySegment mine = buffer.get();
        if (mine == null || mine.byteSize() < floats * Float.BYTES) {
            mine = allocate(floats);
            buffer.set(mine);
        }
        return mine;
    }

    /** A new zeroed buffer of {@code floats} floats, {@link #ALIGNMENT}-aligned, freed once unreachable. */
    static MemorySegment allocate(long floats) {
        return Arena.ofAuto().allocate(Math.max(1, floats) * Float.BYTES, ALIGNMENT);
    }

    /** {@code count} floats of {@code src} from {@code from} copied to {@code panel} from float {@code index}. */
    static void copy(float[] src, int from, MemorySegment panel, int index, int count) {
        MemorySegment.copy(src, from, panel, ValueLayout.JAVA_FLOAT, (long) index * Float.BYTES, count);
    }

    /** Floats [index, index + count) of {@code panel} set to zero. */
    static void zero(MemorySegment panel, int index, int count) {
        for (int i = 0; i < count; i++) {
            panel.setAtIndex(ValueLayout.JAVA_FLOAT, index + i, 0f);
        }
    }
}

package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The packed-panel buffers: aligned to a cache line, zeroed when new, grown only when a call needs more. */
class PanelsTest {
    @Test
    void buffersStartOnACacheLineAndHoldWhatTheyAreGiven() {
        for (long floats : new long[] {1, 3, 16, 1000, (long) Sgemm.KC * Sgemm.NC}) {
            MemorySegment panel = Panels.allocate(floats);
            assertEquals(0, panel.address() % Panels.ALIGNMENT, "address of a " + floats + "-float buffer");
            assertTrue(panel.byteSize() >= floats * Float.BYTES);
            for (int i = 0; i < floats; i += 7) {
                assertEquals(0f, at(panel, i));
            }
        }
        MemorySegment panel = Panels.allocate(40);
        Panels.copy(new float[] {9f, 1f, 2f, 3f}, 1, panel, 5, 3);
        Panels.zero(panel, 6, 1);
        assertEquals(1f, at(panel, 5));
        assertEquals(0f, at(panel, 6));
        assertEquals(3f, at(panel, 7));
        assertEquals(0f, at(panel, 8));
    }

    @Test
    void theBufferIsKeptUntilACallNeedsMore() {
        Panels panels = new Panels();
        MemorySegment first = panels.get(100);
        assertSame(first, panels.get(50));
        assertSame(first, panels.get(100));
        MemorySegment grown = panels.get(101);
        assertNotSame(first, grown);
        assertEquals(0, grown.address() % Panels.ALIGNMENT);
        assertNotSame(grown, new Panels().get(10));
    }

    private static float at(MemorySegment panel, int index) {
        return panel.getAtIndex(ValueLayout.JAVA_FLOAT, index);
    }
}

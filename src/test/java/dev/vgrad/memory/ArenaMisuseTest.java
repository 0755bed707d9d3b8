package dev.vgrad.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import org.junit.jupiter.api.Test;

/** Arenas used in the wrong order or for the wrong tensors: no closed arena keeps serving, errors say what went wrong. */
class ArenaMisuseTest {
    @Test
    void closingAnOuterArenaFirstClosesTheInnerOneAndLeavesNoneCurrent() {
        Arena o1 = Arena.open(), o2 = Arena.open();
        o1.close();
        assertTrue(o2.isClosed(), "the arena opened inside o1 is closed with it");
        assertNull(Arena.current());
        o2.close();   // already closed: nothing happens
        assertNull(Arena.current());
        for (int i = 0; i < 1000; i++) {
            Tensor.ones(4).add(1f);
        }
        assertEquals(0, o1.buffersInUse() + o2.buffersInUse(), "no closed arena hands out buffers");
    }

    @Test
    void closingTheInnerArenaRestoresTheOuterOne() {
        try (Arena outer = Arena.open()) {
            Arena inner = Arena.open();
            inner.close();
            assertSame(outer, Arena.current());
        }
        assertNull(Arena.current());
    }

    @Test
    void aScopeOutsideAnArenaClosedMeanwhileRestoresNoClosedArena() {
        Arena a = Arena.open();
        Arena.Scope s = Arena.outside();
        a.close();
        s.close();
        assertNull(Arena.current());
    }

    @Test
    void useAfterResetNamesTheMethodTheCallerCalled() {
        try (Arena arena = Arena.open()) {
            Tensor kept = Tensor.ones(3).mul(2f);
            arena.reset();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.add(1f));
            assertTrue(e.getMessage().startsWith("Tensor.add: "), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> kept.sum());
            assertTrue(e.getMessage().startsWith("Tensor.sum: "), e.getMessage());
        }
    }

    @Test
    void aParameterCreatedInsideAnArenaIsNamedAsSuch() {
        Tensor w;
        try (Arena arena = Arena.open()) {
            w = Tensor.randn(new Generator(1), 3).requiresGrad_();
            arena.reset();
            Tensor param = w;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> param.mul(2f));
            assertTrue(e.getMessage().contains("created inside an arena and freed at its reset")
                    && e.getMessage().contains("Arena.outside()"), e.getMessage());
        }
    }
}

package dev.vgrad.memory;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Arena#giveBackEarly}: a storage given back within the step is the step's next one of its size, the lending it
 * ended fails every read from then on, nothing is lent twice, and after the reset the storages given back early are
 * the first ones lent again.
 */
class EarlyGiveBackTest {
    @Test
    void aStorageGivenBackIsLentAgainAndItsEndedLendingFails() {
        try (Arena arena = Arena.open()) {
            Storage s = Storage.allocate(7, "first");
            int lending = s.generation();
            s.array(lending);
            arena.giveBackEarly(s);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.array(lending));
            assertTrue(e.getMessage().contains("gave its memory back"), e.getMessage());
            Storage next = Storage.allocate(7, "second");
            assertSame(s, next, "the step's next storage of its size");
            next.array();
            assertThrows(IllegalStateException.class, () -> s.array(lending), "still failing once lent again");
        }
    }

    @Test
    void nothingIsLentTwice() {
        try (Arena arena = Arena.open()) {
            Storage s = Storage.allocate(5, "s");
            arena.giveBackEarly(s);
            arena.giveBackEarly(s);   // a second time: nothing
            Storage heap = Storage.wrap(new float[5]);
            arena.giveBackEarly(heap);   // not the arena's: nothing
            Storage a = Storage.allocate(5, "a"), b = Storage.allocate(5, "b");
            assertSame(s, a);
            assertNotSame(a, b);
            assertNotSame(heap, b);
            arena.giveBackEarly(a);
            Storage c = Storage.allocate(5, "c");
            assertSame(a, c);
            arena.reset();   // c (= a) and b go back once each
            Storage d = Storage.allocate(5, "d"), e = Storage.allocate(5, "e"), f = Storage.allocate(5, "f");
            assertNotSame(d, e);
            assertTrue(d != f && e != f, "two storages of the size existed, the third is new");
        }
    }

    @Test
    void storagesGivenBackEarlyAreLentFirstAfterTheReset() {
        try (Arena arena = Arena.open()) {
            Storage a = Storage.allocate(9, "a"), b = Storage.allocate(9, "b");
            arena.giveBackEarly(a);   // touched before b's last use, but given back: b goes under it at the reset
            b.array();
            arena.reset();
            assertSame(a, Storage.allocate(9, "first"));
            assertSame(b, Storage.allocate(9, "second"));
            Storage c = Storage.allocate(9, "c");
            assertTrue(c != a && c != b);
        }
    }
}

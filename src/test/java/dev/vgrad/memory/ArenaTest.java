package dev.vgrad.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.ReLU;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Adam;
import dev.vgrad.optim.Optimizer;
import dev.vgrad.optim.SGD;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ArenaTest {
    static Sequential mlp(long seed) {
        Generator g = new Generator(seed);
        return new Sequential(new Linear(12, 16, g), new ReLU(), new Linear(16, 4, g));
    }

    /** Three training steps; with an arena, one reset per step. Returns the final parameters. */
    static float[] train(boolean arena, Function<List<Tensor>, Optimizer> optimizer) {
        Sequential model = mlp(1);
        Optimizer opt = optimizer.apply(model.parameters());
        Generator g = new Generator(2);
        Tensor x = Tensor.randn(g, 8, 12), y = Tensor.of(0, 1, 2, 3, 0, 1, 2, 3);
        Arena a = arena ? Arena.open() : null;
        try {
            for (int step = 0; step < 3; step++) {
                Tensor loss = new CrossEntropyLoss().forward(model.forward(x), y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                if (a != null) {
                    a.reset();
                }
            }
        } finally {
            if (a != null) {
                a.close();
            }
        }
        return model.parameters().get(0).toArray();
    }

    @Test
    void gradientsAndOptimizerStateSurviveResetsAndResultsMatchTheHeap() {
        assertArrayEquals(train(false, p -> new SGD(p, 0.1f).momentum(0.9f)), train(true, p -> new SGD(p, 0.1f).momentum(0.9f)));
        assertArrayEquals(train(false, p -> new Adam(p, 0.01f).amsgrad(true)), train(true, p -> new Adam(p, 0.01f).amsgrad(true)));
    }

    @Test
    void buffersAreReusedStepAfterStep() {
        try (Arena arena = Arena.open()) {
            java.util.Set<float[]> step1 = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            Tensor x = Tensor.ones(64, 32);
            step1.add(x.sharedArray());
            step1.add(x.exp().sharedArray());
            int held = arena.buffersInUse();
            arena.reset();
            assertEquals(0, arena.buffersInUse());
            Tensor y = Tensor.ones(64, 32);
            assertTrue(step1.contains(y.sharedArray()) && step1.contains(y.exp().sharedArray()),
                    "the second step runs on the first step's buffers");
            assertEquals(held, arena.buffersInUse());
        }
    }

    @Test
    void useAfterResetNamesTheOpThatMadeTheTensor() {
        Tensor w = Tensor.ones(3).requiresGrad_();
        Tensor kept;
        try (Arena arena = Arena.open()) {
            kept = w.mul(2f);
            Tensor plain = Tensor.ones(3).exp();
            arena.reset();
            IllegalStateException e = assertThrows(IllegalStateException.class, kept::toArray);
            assertTrue(e.getMessage().contains("MulBackward0") && e.getMessage().contains("arena was reset"), e.getMessage());
            e = assertThrows(IllegalStateException.class, plain::toArray);
            assertTrue(e.getMessage().contains("EXP"), e.getMessage());
            Tensor heap;
            try (var outside = Arena.outside()) {
                heap = Tensor.ones(3).mul(3f);
            }
            arena.reset();
            assertEquals(3f, heap.toArray()[0], "made outside the arena: survives resets");
        }
        assertNull(Arena.current(), "closing restores the previous (none)");
    }

    @Test
    void aTensorWhoseStorageWasLentAgainStillFailsAfterTheReset() {
        try (Arena arena = Arena.open()) {
            Tensor kept = Tensor.ones(5);
            float[] buffer = kept.sharedArray();
            arena.reset();
            Tensor next = Tensor.full(2f, 5);  // the same size: the arena lends the same storage object again
            assertSame(buffer, next.sharedArray(), "the second step runs on the first step's storage");
            IllegalStateException e = assertThrows(IllegalStateException.class, kept::toArray);
            assertTrue(e.getMessage().contains("earlier step") && e.getMessage().contains("arena was reset"),
                    e.getMessage());
            assertThrows(IllegalStateException.class, () -> kept.reshape(5, 1).toArray(), "a view of it too");
            assertEquals(2f, next.toArray()[0]);
        }
        try (Arena first = Arena.open()) {
            Tensor kept = Tensor.ones(5);
            float[] buffer = kept.sharedArray();
            first.close();
            try (Arena second = Arena.reopen(first)) {
                Tensor next = Tensor.full(2f, 5);
                assertSame(buffer, next.sharedArray(), "the reopened arena lends the closed one's storage");
                assertThrows(IllegalStateException.class, kept::toArray);
                assertEquals(2f, next.toArray()[0]);
            }
        }
    }

    @Test
    void aReopenedArenaOnAnotherThreadRunsOnTheBuffersTheClosedOneCollected() throws Exception {
        java.util.Set<float[]> first = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Arena[] handed = new Arena[1];
        Thread one = new Thread(() -> {
            try (Arena arena = Arena.open()) {
                Tensor x = Tensor.ones(64, 32);
                first.add(x.sharedArray());
                first.add(x.exp().sharedArray());
                handed[0] = arena;
            }
        });
        one.start();
        one.join();  // orders the hand-over
        IllegalStateException open;
        try (Arena stillOpen = Arena.open()) {
            open = assertThrows(IllegalStateException.class, () -> Arena.reopen(stillOpen));
        }
        assertTrue(open.getMessage().contains("close it first"), open.getMessage());
        boolean[] reused = new boolean[1];
        Thread two = new Thread(() -> {
            try (Arena arena = Arena.reopen(handed[0])) {
                assertEquals(arena, Arena.current());
                reused[0] = first.contains(Tensor.ones(64, 32).exp().sharedArray());
            }
            assertNull(Arena.current());
        });
        two.start();
        two.join();
        assertTrue(reused[0], "the second thread's step ran on the buffers the first thread's step left");
        try (Arena again = Arena.reopen(handed[0])) {
            assertTrue(!first.contains(Tensor.ones(64, 32).exp().sharedArray()), "the buffers moved, once");
        }
    }

    @Test
    void reopeningKeepsOnlyTheSizesTheClosedArenaAskedFor() {
        Arena a = Arena.open();
        float[] sixtyFour = Tensor.ones(64).sharedArray(), ten = Tensor.ones(10).sharedArray();
        a.close();
        Arena b = Arena.reopen(a);
        assertTrue(Tensor.ones(64).sharedArray() == sixtyFour, "a asked for 64 floats: kept");
        b.close();  // b asked for 64 floats only; the 10 sat unused
        try (Arena c = Arena.reopen(b)) {
            assertTrue(Tensor.ones(64).sharedArray() == sixtyFour, "b asked for 64 floats: kept");
            assertTrue(Tensor.ones(10).sharedArray() != ten, "b never asked for 10 floats: dropped");
        }
    }

    @Test
    void anArenaBelongsToItsThread() throws Exception {
        try (Arena arena = Arena.open()) {
            Thread t = new Thread(() -> assertThrows(IllegalStateException.class, arena::reset));
            t.start();
            t.join();
            Thread other = new Thread(() -> assertNull(Arena.current(), "another thread allocates on the heap"));
            other.start();
            other.join();
        }
    }

    @Test
    void everyTorchProgramGivesTheSameResultsOnRecycledBuffers() throws Exception {
        // Two passes in one arena: the second gets buffers that hold the first pass's data, so code that assumed
        // fresh memory is zero fails here.
        List<List<String>> programs = dev.vgrad.TorchFixturesTestAccess.programs();
        try (Arena arena = Arena.open()) {
            for (int pass = 0; pass < 2; pass++) {
                for (List<String> p : programs) {
                    dev.vgrad.TorchFixturesTestAccess.replay(p);
                    arena.reset();
                }
            }
        }
    }
}

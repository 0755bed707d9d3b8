package dev.vgrad.spark;

import dev.vgrad.memory.Arena;
import dev.vgrad.nn.Module;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model replicas an executor JVM keeps between steps, per trainer: building a replica (the factory's module and
 * its weight initialisation, then moving its parameters into one flat buffer) costs more than loading new values into
 * one, and every step of a trainer needs the same architecture. A task takes a replica (one per concurrent task) and
 * gives it back when its gradient has been copied out. Only the most recent trainers keep theirs, so a long-lived
 * executor serving many trainers holds a bounded number of models.
 */
final class ReplicaPool {
    /**
     * A replica, the flat buffers its parameters and gradients live in, and the closed arena its last step ran in:
     * the next step, on whatever executor thread, reopens it and gets that step's buffers back (a fresh arena per
     * step allocated them anew: the CNN's step at batch 512 took 1.8x as long).
     */
    static final class Replica {
        final Module model;
        final FlatParameters flat;
        Arena buffers;

        Replica(Module model, FlatParameters flat) {
            this.model = model;
            this.flat = flat;
        }

        /** An arena for this replica's next step on this thread: the last step's reopened, or a new one. */
        Arena openArena() {
            Arena a = buffers == null ? Arena.open() : Arena.reopen(buffers);
            buffers = a;
            return a;
        }
    }

    private static final int TRAINERS_KEPT = 4;

    private static final Map<String, ArrayDeque<Replica>> POOLS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Replica>> eldest) {
            return size() > TRAINERS_KEPT;
        }
    };

    private ReplicaPool() {}

    /** A replica of trainer {@code trainer}'s model with zero gradients: a pooled one, else a new one. */
    static Replica take(String trainer, SparkTrainer.ModelFactory factory) {
        Replica r;
        synchronized (POOLS) {
            ArrayDeque<Replica> pool = POOLS.get(trainer);
            r = pool == null ? null : pool.poll();
        }
        if (r == null) {
            Module model = factory.create();
            return new Replica(model, new FlatParameters(model.parameters()));
        }
        java.util.Arrays.fill(r.flat.grads(), 0f);
        return r;
    }

    /** Returns {@code replica} to trainer {@code trainer}'s pool for a later task in this JVM. */
    static void give(String trainer, Replica replica) {
        synchronized (POOLS) {
            POOLS.computeIfAbsent(trainer, t -> new ArrayDeque<>()).push(replica);
        }
    }
}

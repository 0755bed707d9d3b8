package dev.vgrad.autograd;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The nodes made on one thread while a checkpointed function runs: a checkpoint tells its function's own graph from
 * the graph it was given (inputs, parameters) by whether a node was made in here. Leaves' accumulators are never
 * counted, since one made lazily in here still belongs to a leaf from outside.
 */
final class NodeRecorder {
    /** How many recorders are open on all threads: nodes check this one field and nothing else when it is 0. */
    static volatile int active;
    private static final ThreadLocal<NodeRecorder> CURRENT = new ThreadLocal<>();

    private final Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    private final NodeRecorder outer;

    private NodeRecorder(NodeRecorder outer) {
        this.outer = outer;
    }

    /** Starts recording this thread's new nodes (a recorder started inside another takes over until it stops). */
    static NodeRecorder start() {
        NodeRecorder r = new NodeRecorder(CURRENT.get());
        CURRENT.set(r);
        synchronized (NodeRecorder.class) {
            active++;
        }
        return r;
    }

    /** Stops this recorder; the one it took over from records again. */
    void stop() {
        CURRENT.set(outer);
        synchronized (NodeRecorder.class) {
            active--;
        }
    }

    static void note(Node node) {
        NodeRecorder r = CURRENT.get();
        if (r != null && !(node instanceof AccumulateGrad)) {
            r.nodes.add(node);
        }
    }

    boolean contains(Node node) {
        return nodes.contains(node);
    }
}

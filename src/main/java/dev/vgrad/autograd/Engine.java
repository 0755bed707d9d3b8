package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;
import dev.vgrad.memory.Storage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backward pass. It first counts, for every node reachable from the roots, how many edges lead into
 * it; then it runs a node only when all of them have delivered their gradient, summing what arrives. That
 * is a reverse topological order, found with explicit stacks: no recursion, so a chain of 100 000 ops needs
 * no deeper Java stack than a chain of 3. Backward rules run with grad mode off, or on when the caller asked
 * for {@code createGraph}: then each rule's Tensor ops record the graph of the gradient itself, which is what makes
 * higher-order gradients possible.
 */
final class Engine {
    /**
     * Each run marks the nodes it reaches with a new epoch, so no per-run map is needed; never 0, which a node holds
     * between runs.
     */
    private static final AtomicInteger EPOCH = new AtomicInteger();
    /** This thread's work stacks and node list, reused from run to run (a run on the same thread finishes first). */
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private static final class Work {
        final ArrayDeque<Node> stack = new ArrayDeque<>();
        final ArrayDeque<Node> ready = new ArrayDeque<>();
        final List<Node> reached = new ArrayList<>();
        boolean busy;
    }

    private Engine() {}

    /**
     * Runs backward from {@code roots} seeded with {@code rootGrads}. With {@code captures} (autograd.grad),
     * the gradient arriving at each of those nodes is returned and leaves' .grad is left alone; without, the
     * leaves accumulate and null is returned.
     */
    static Tensor[] run(Node[] roots, Tensor[] rootGrads, boolean retainGraph, boolean createGraph, Node[] captures) {
        return run(roots, rootGrads, retainGraph, createGraph, captures, null);
    }

    /**
     * Runs backward from {@code root} through the graph up to, not into, the {@code boundary} nodes, and returns the
     * gradient arriving at each (null where none does): the inner pass of a checkpoint, whose boundary nodes belong
     * to the backward pass that called it. Those nodes are neither run nor marked, so that pass's bookkeeping in
     * them (what has arrived, what is still to come) is left as it was. The graph up to them is freed, except under
     * {@code createGraph}, where the gradients' own graph runs back through it.
     */
    static Tensor[] runBounded(Node root, Tensor rootGrad, Node[] boundary, boolean createGraph) {
        Map<Node, Integer> stops = new IdentityHashMap<>(boundary.length * 2);
        for (int i = 0; i < boundary.length; i++) {
            stops.put(boundary[i], i);
        }
        return run(new Node[] {root}, new Tensor[] {rootGrad}, createGraph, createGraph, null, stops);
    }

    private static Tensor[] run(Node[] roots, Tensor[] rootGrads, boolean retainGraph, boolean createGraph,
                                Node[] captures, Map<Node, Integer> stops) {
        Work work = WORK.get();
        if (work.busy) {
            // A hook started a backward inside this one: give it its own structures.
            work = new Work();
        }
        work.busy = true;
        try {
            return run(roots, rootGrads, retainGraph, createGraph, captures, stops, work);
        } finally {
            List<Node> reached = work.reached;
            for (int i = 0, n = reached.size(); i < n; i++) {   // by index: an iterator is an object a pass
                Node node = reached.get(i);
                node.epoch = 0;
                node.pending = null;   // no gradient outlives the run, also when a rule threw
                node.pendingAlone(false);
            }
            work.busy = false;
            work.stack.clear();
            work.ready.clear();
            work.reached.clear();
        }
    }

    private static Tensor[] run(Node[] roots, Tensor[] rootGrads, boolean retainGraph, boolean createGraph,
                                Node[] captures, Map<Node, Integer> stops, Work work) {
        int epoch = EPOCH.incrementAndGet();
        while (epoch == 0) {
            epoch = EPOCH.incrementAndGet();
        }
        List<Node> reached = countDependencies(roots, epoch, work, stops);
        for (int i = 0; i < roots.length; i++) {
            deliver(roots[i], rootGrads[i], false, false);
        }
        Tensor[] captured = captures != null ? new Tensor[captures.length]
                : stops != null ? new Tensor[stops.size()] : null;
        ArrayDeque<Node> ready = work.ready;
        for (Node r : roots) {
            if (r.dependencies == 0 && !ready.contains(r)) {
                ready.push(r);
            }
        }
        boolean anomaly = Anomaly.enabled();
        // Rules may add straight into leaves' grads only where the accumulator would add in place unobserved (a bounded
        // pass hands its boundary's gradients back instead).
        boolean direct = captures == null && stops == null && !createGraph && !anomaly;
        // The same passes may give gradients' arena memory back as soon as their last reader has run (see alone).
        boolean givesBack = direct && Arena.current() != null;
        try (var ignored = GradMode.setGradEnabled(createGraph)) {
            while (!ready.isEmpty()) {
                Node node = ready.pop();
                Tensor grad = node.pending;
                boolean gradAlone = node.pendingAlone();
                node.pending = null;
                node.pendingAlone(false);
                if (grad != null) {
                    grad = node.runPreHooks(grad);
                    if (captures != null) {
                        for (int k = 0; k < captures.length; k++) {
                            if (captures[k] == node) {
                                captured[k] = grad;
                            }
                        }
                    }
                    if (captures == null || !(node instanceof AccumulateGrad)) {
                        Tensor[] inputGrads;
                        boolean postHooks = node.hasPostHooks();
                        boolean keepsNone = givesBack && node.keepsNoGradients() && !postHooks;
                        int lentBefore = keepsNone ? Storage.lendingsSoFar() : 0;
                        node.running(direct && !postHooks, !retainGraph);
                        try {
                            inputGrads = anomaly ? callChecked(node, grad) : node.call(grad);
                        } finally {
                            node.ran();
                        }
                        if (postHooks) {
                            inputGrads = node.runPostHooks(inputGrads, grad);
                        }
                        for (int i = 0, n = node.edgeCount(); i < n; i++) {
                            Node child = node.edge(i);
                            if (child == null || inputGrads[i] == null) {
                                continue;
                            }
                            Integer stop = stops == null ? null : stops.get(child);
                            if (stop != null) {
                                Tensor sum = captured[stop];
                                captured[stop] = sum == null ? inputGrads[i] : sum.add(inputGrads[i]);
                            } else {
                                deliver(child, inputGrads[i], keepsNone && alone(inputGrads, i, lentBefore), givesBack);
                            }
                        }
                        if (keepsNone && gradAlone && !node.hasPreHooks()) {
                            giveBackUnlessReturned(grad, inputGrads);
                        }
                        Node.doneWith(inputGrads);
                    }
                }
                for (int i = 0, n = node.edgeCount(); i < n; i++) {
                    Node child = node.edge(i);
                    if (child != null && (stops == null || !stops.containsKey(child)) && --child.dependencies == 0) {
                        ready.push(child);
                    }
                }
                if (!retainGraph) {
                    node.release();
                }
            }
        }
        return captured;
    }

    /**
     * Anomaly mode: runs the node's rule, names the node and where its forward op was called when the rule fails,
     * and (unless the NaN check is off) refuses gradients holding NaN with PyTorch's message.
     */
    private static Tensor[] callChecked(Node node, Tensor grad) {
        Tensor[] out;
        try {
            out = node.call(grad);
        } catch (RuntimeException e) {
            Throwable trace = node.forwardTrace();
            if (trace != null) {
                e.addSuppressed(new IllegalStateException("Error detected in " + node.name()
                        + ". Traceback of forward call that caused the error:", trace));
            }
            throw e;
        }
        for (int i = 0; Anomaly.checksNan() && i < out.length; i++) {
            if (out[i] != null && hasNaN(out[i])) {
                throw new IllegalStateException("Function '" + node.name() + "' returned nan values in its " + i
                        + "th output.", node.forwardTrace());
            }
        }
        return out;
    }

    private static boolean hasNaN(Tensor t) {
        for (float v : t.toArray()) {
            if (Float.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static List<Node> countDependencies(Node[] roots, int epoch, Work work, Map<Node, Integer> stops) {
        List<Node> reached = work.reached;
        ArrayDeque<Node> stack = work.stack;
        for (Node r : roots) {
            if (r.epoch != epoch) {
                mark(r, epoch, reached);
                stack.push(r);
            }
        }
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (int i = 0, count = n.edgeCount(); i < count; i++) {
                Node child = n.edge(i);
                if (child == null || (stops != null && stops.containsKey(child))) {
                    continue;
                }
                if (child.epoch != epoch) {
                    mark(child, epoch, reached);
                    stack.push(child);
                }
                child.dependencies++;
            }
        }
        return reached;
    }

    private static void mark(Node n, int epoch, List<Node> reached) {
        n.epoch = epoch;
        n.dependencies = 0;
        n.pending = null;
        reached.add(n);
    }

    /**
     * Adds a gradient into what a node has received so far: in place into whichever of the two only the engine holds
     * (see {@link #alone}), else out of place (received tensors may be shared). With {@code givesBack}, summands the
     * engine held alone are given back once summed, and the sum, which only the engine holds, may be given back after
     * the node's rule. In place, the sum is written over lines its producer has just written; out of place it went to
     * new memory the step before last touched: the character transformer's backward 68.6-68.8 -> 67.5-67.6 ms, the
     * block's 30.3 -> 30.1-30.2 (Intel Xeon, family 6 model 167, one thread, batch 64, 25 rounds alternated in one
     * JVM, means; 2026-12-06).
     */
    private static void deliver(Node node, Tensor grad, boolean gradAlone, boolean givesBack) {
        if (node.pending == null) {
            node.pending = grad;
            node.pendingAlone(gradAlone);
            return;
        }
        if ((node.pendingAlone() || gradAlone) && node.pending.isSameSize(grad)) {
            // Only the engine holds one of the two: add the other to it where it lies (a float sum is the same either
            // way round), in lines its producer has just written, instead of into new memory the step before last
            // touched. The other, if also the engine's alone, goes back.
            boolean intoPending = node.pendingAlone();
            Tensor sum = intoPending ? node.pending.add_(grad) : grad.add_(node.pending);
            if (intoPending && gradAlone) {
                giveBack(grad);
            }
            node.pending = sum;
            node.pendingAlone(true);
            return;
        }
        int lentBefore = Storage.lendingsSoFar();
        Tensor sum = node.pending.add(grad);
        if (node.pendingAlone()) {
            giveBack(node.pending);
        }
        if (gradAlone) {
            giveBack(grad);
        }
        node.pending = sum;
        node.pendingAlone(givesBack && isFreshWhole(sum, lentBefore));
    }

    /**
     * Whether gradient i of a rule's results is one only the engine will hold once the rule has returned: arena memory
     * the rule took while it ran (so no tensor from before reads it), read whole by this tensor alone (no view of part
     * of it), and not among the rule's other results. The rule itself has said it keeps no reference
     * ({@link Node#keepsNoGradients}). Such a gradient's memory goes back to the arena as soon as the rule it is passed
     * to has returned, or once summed with another, and the step's next request of its size reuses it while the caches
     * still hold it: a step's new memory is otherwise memory that the step before last touched.
     */
    private static boolean alone(Tensor[] results, int i, int lentBefore) {
        Tensor t = results[i];
        if (!isFreshWhole(t, lentBefore)) {
            return false;
        }
        Storage mine = TensorAccess.get().storage(t);
        for (int j = 0; j < results.length; j++) {
            if (j != i && results[j] != null && TensorAccess.get().storage(results[j]) == mine) {
                return false;
            }
        }
        return true;
    }

    /** Whether t reads the whole of a storage this thread's arena lent after {@code lentBefore}. */
    private static boolean isFreshWhole(Tensor t, int lentBefore) {
        Storage s = TensorAccess.get().storage(t);
        return s.lentSince(lentBefore) && s.arena() == Arena.current() && TensorAccess.get().coversItsStorage(t);
    }

    /** Gives a gradient the engine held alone back to its arena, unless a result of the rule given it shares it. */
    private static void giveBackUnlessReturned(Tensor grad, Tensor[] results) {
        Storage s = TensorAccess.get().storage(grad);
        for (Tensor r : results) {
            if (r != null && TensorAccess.get().storage(r) == s) {
                return;
            }
        }
        giveBack(grad);
    }

    private static void giveBack(Tensor grad) {
        Arena.current().giveBackEarly(TensorAccess.get().storage(grad));
    }
}

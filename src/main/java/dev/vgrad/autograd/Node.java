package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A node of the backward graph: the backward rule of one operation (PyTorch's {@code grad_fn}). It holds an
 * edge to the node of each input that needs a gradient and the tensors its rule saved. Each op defines its
 * node next to its forward, as an anonymous subclass whose {@link #apply} maps the gradient of the output to
 * the gradients of the inputs.
 */
public abstract class Node {
    static final String FREED_MESSAGE = "Trying to backward through the graph a second time (or directly access "
            + "saved tensors after they have already been freed). Saved intermediate values of the graph are "
            + "freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
            + "backward through the graph a second time or if you need to access saved tensors after calling "
            + "backward.";

    private final String name;
    /**
     * The edges: edge i receives the gradient of input i, null where input i needs none. The first three sit in fields
     * and only a node of more inputs (cat of many tensors) has an array for the rest, in its {@link Extras}: a node is
     * recorded for every op of every step, and nearly all have one to three inputs, so an array each was 24-32 bytes
     * a node, and even an always-null field for it 8 (objects are 8-byte aligned).
     */
    private Node edge0, edge1, edge2;
    private final byte fieldEdges;
    /**
     * The last tensor saved; each saved tensor links to the one saved before it. A chain, not an array: a node is
     * recorded for every op of every step, and most save one or two tensors, which an array would cost 24 bytes more.
     */
    private SavedTensor lastSaved;
    /** Whether the rule also holds a non-tensor value saved at forward time (a scalar operand). */
    private boolean savesScalar;
    private boolean released;
    /** Hooks and the anomaly-mode trace, which few nodes have: one field for both until one is set. */
    private Extras extras;

    private static final class Extras {
        /** The edges of inputs 3 and up. */
        Node[] moreEdges;
        List<UnaryOperator<Tensor>> preHooks;
        List<BiFunction<Tensor[], Tensor[], Tensor[]>> postHooks;
        /** Where the forward op was called, kept only under {@link Autograd#detectAnomaly()}. */
        Throwable forwardTrace;
    }

    // The engine's per-run bookkeeping: one graph is walked by one thread at a time. The epoch is the run that marked
    // this node, 0 between runs (the engine clears it when a run ends, so an int never comes round to a stale mark).
    int epoch;
    int dependencies;
    Tensor pending;
    /**
     * The engine's flags for this node in a pass, one byte for all (a node is made per op per step, and a boolean field
     * each made LinearBackward's nodes 8 bytes larger): {@link #DIRECT_ACCUMULATION}, {@link #LAST_USE},
     * {@link #PENDING_ALONE}.
     */
    private byte passFlags;
    /** Set while the engine runs this rule in a pass that lets rules add into leaves' grads (see accumulator). */
    private static final int DIRECT_ACCUMULATION = 1;
    /** Set while the engine runs this rule in a pass that frees the saved tensors right after (see lastUse). */
    private static final int LAST_USE = 2;
    /** Whether {@link #pending} is a gradient only the engine holds, which it may give back after this rule ran. */
    private static final int PENDING_ALONE = 4;

    /** A node named {@code name} (PyTorch's, e.g. "MulBackward0") with an edge per input. */
    protected Node(String name, Tensor... inputs) {
        this(name, inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            setEdge(i, edgeTo(inputs[i]));
        }
    }

    /**
     * A node with one input's edge. The one-, two- and three-input constructors spare the varargs array a node of
     * the variadic one costs (a node is made for every recorded op of every step).
     */
    protected Node(String name, Tensor input) {
        this(name, 1);
        edge0 = edgeTo(input);
    }

    /** A node with two inputs' edges. */
    protected Node(String name, Tensor a, Tensor b) {
        this(name, 2);
        edge0 = edgeTo(a);
        edge1 = edgeTo(b);
    }

    /** A node with three inputs' edges. */
    protected Node(String name, Tensor a, Tensor b, Tensor c) {
        this(name, 3);
        edge0 = edgeTo(a);
        edge1 = edgeTo(b);
        edge2 = edgeTo(c);
    }

    private Node(String name, int inputs) {
        this.name = name;
        this.fieldEdges = (byte) Math.min(inputs, 3);
        if (inputs > 3) {
            extras().moreEdges = new Node[inputs - 3];
        }
        if (Anomaly.enabled()) {
            extras().forwardTrace = new Throwable("the forward call that created " + name);
        }
        if (NodeRecorder.active != 0) {
            NodeRecorder.note(this);
        }
    }

    private void setEdge(int i, Node edge) {
        switch (i) {
            case 0 -> edge0 = edge;
            case 1 -> edge1 = edge;
            case 2 -> edge2 = edge;
            default -> extras.moreEdges[i - 3] = edge;
        }
    }

    /** How many inputs this node has an edge slot for (edges of inputs that need no gradient are null). */
    final int edgeCount() {
        return fieldEdges < 3 || extras == null || extras.moreEdges == null ? fieldEdges : 3 + extras.moreEdges.length;
    }

    /** The node that receives input i's gradient, or null where input i needs none. */
    final Node edge(int i) {
        if (i < 0 || i >= edgeCount()) {   // as the array's own check did: a rule asking for an input it lacks is a bug
            throw new IndexOutOfBoundsException("input " + i + " of " + name + ", which has " + edgeCount());
        }
        return switch (i) {
            case 0 -> edge0;
            case 1 -> edge1;
            case 2 -> edge2;
            default -> extras.moreEdges[i - 3];
        };
    }

    private Extras extras() {
        if (extras == null) {
            extras = new Extras();
        }
        return extras;
    }

    /** The node that receives t's gradient, or null when t (or no tensor) needs none. */
    private static Node edgeTo(Tensor t) {
        return t != null && t.requiresGrad() ? t.gradEdge() : null;
    }

    /** A node with explicit edges, for nodes that reroute another node's edges (CopySlices). */
    protected Node(String name, Node[] edges) {
        this(name, edges.length);
        for (int i = 0; i < edges.length; i++) {
            setEdge(i, edges[i]);
        }
    }

    /** PyTorch's name of this backward function, e.g. {@code "PowBackward0"}. */
    public String name() {
        return name;
    }

    /** The nodes this one sends gradients to, one per input (null where an input needs no gradient). */
    public List<Node> nextFunctions() {
        Node[] edges = new Node[edgeCount()];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = edge(i);
        }
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(edges));
    }

    /** Whether input i needs a gradient: a rule skips the work for inputs that don't. */
    protected final boolean needsGrad(int i) {
        return edge(i) != null;
    }

    /**
     * The tensor input i's gradient may be added into instead of being returned: the leaf's existing {@code grad},
     * when edge i leads straight to that leaf's accumulator and this pass would add the gradient there in place
     * anyway, with nothing to see it on its way (no hook on the leaf, no autograd.grad capture, no createGraph, no
     * anomaly check). A rule given one must add its gradient into it and return null for input i; the grad's version
     * is bumped here, as the accumulator's in-place add would bump it. That saves the gradient tensor and the pass
     * over it that adding costs. Null when the gradient must be returned.
     */
    protected final Tensor accumulator(int i) {
        Tensor into = (passFlags & DIRECT_ACCUMULATION) != 0 && edge(i) instanceof AccumulateGrad acc
                ? acc.inPlaceTarget() : null;
        if (into != null) {
            into.versionCounter().bump();
        }
        return into;
    }

    /**
     * Whether this run of the rule is the last read of its saved tensors: the engine frees them when the rule returns
     * (no retainGraph), so a saved tensor that the op made for itself at forward time and nothing else can reach (the
     * feed-forward block's hidden layer) may be overwritten by the rule, its memory reused for a gradient instead of
     * new memory that the caches have not seen for a step. False wherever the rule is run any other way.
     */
    protected final boolean lastUse() {
        return (passFlags & LAST_USE) != 0;
    }

    /** Marks the rule as running (see accumulator and lastUse) until {@link #ran}. */
    final void running(boolean directAccumulation, boolean lastUse) {
        passFlags = (byte) ((passFlags & PENDING_ALONE) | (directAccumulation ? DIRECT_ACCUMULATION : 0)
                | (lastUse ? LAST_USE : 0));
    }

    final void ran() {
        passFlags &= PENDING_ALONE;
    }

    /** Whether {@link #pending} is a gradient only the engine holds (see Engine). */
    final boolean pendingAlone() {
        return (passFlags & PENDING_ALONE) != 0;
    }

    final void pendingAlone(boolean alone) {
        passFlags = (byte) (alone ? passFlags | PENDING_ALONE : passFlags & ~PENDING_ALONE);
    }

    /**
     * Whether this rule, once it has returned, holds no reference to the gradient it was given nor to the ones it
     * returned (it may return the given gradient or views of it: the engine checks for that, not the rule). Rules that
     * say so let the engine give a gradient's arena memory back as soon as its last reader has run, for the step's
     * next gradient of its size to reuse while the caches still hold it (see Engine). False unless a rule overrides
     * it: one written outside vgrad may keep what it was given.
     */
    protected boolean keepsNoGradients() {
        return false;
    }

    /** Saves {@code t} for the backward rule, with its version, so that later in-place changes are caught. */
    protected final SavedTensor save(Tensor t) {
        return keep(new SavedTensor(t, t.gradFn()));
    }

    /**
     * Saves {@code out}, the tensor this node is about to become the history of: an in-place change to it is
     * then reported as a change to an output of this node, which is what it was when saved.
     */
    protected final SavedTensor saveOutput(Tensor out) {
        return keep(new SavedTensor(out, this));
    }

    /**
     * Marks that the rule holds a value saved at forward time that is not a tensor (a scalar operand, which
     * PyTorch saves as a wrapped tensor in {@code x * 2}): like a saved tensor, it makes a second backward through
     * a freed graph an error.
     */
    protected final void saveScalar() {
        savesScalar = true;
    }

    private SavedTensor keep(SavedTensor s) {
        s.savedBefore = lastSaved;
        lastSaved = s;
        return s;
    }

    /** The backward rule: the gradients of the inputs (null where not needed) given the output's gradient. */
    protected abstract Tensor[] apply(Tensor gradOutput);

    /**
     * Each thread's arrays for {@link #grads}: the engine reads a rule's result out before it runs any other rule or
     * hook, so one array per length serves every node of a backward pass (one array per recorded op and step saved).
     */
    private static final ThreadLocal<Tensor[][]> RETURNED =
            ThreadLocal.withInitial(() -> new Tensor[][] {new Tensor[1], new Tensor[2], new Tensor[3]});

    /**
     * The rule's result for a one-input node, in an array this thread reuses: only for {@link #apply}'s return
     * statement, whose caller reads it out at once (a rule that keeps or hands on its array makes a new one).
     */
    protected final Tensor[] grads(Tensor a) {
        Tensor[] r = RETURNED.get()[0];
        r[0] = a;
        return r;
    }

    /** The rule's result for a two-input node, in a reused array (see {@link #grads(Tensor)}). */
    protected final Tensor[] grads(Tensor a, Tensor b) {
        Tensor[] r = RETURNED.get()[1];
        r[0] = a;
        r[1] = b;
        return r;
    }

    /** The rule's result for a three-input node, in a reused array (see {@link #grads(Tensor)}). */
    protected final Tensor[] grads(Tensor a, Tensor b, Tensor c) {
        Tensor[] r = RETURNED.get()[2];
        r[0] = a;
        r[1] = b;
        r[2] = c;
        return r;
    }

    /** Drops the references a reused result array holds once it has been read, so no gradient outlives its pass. */
    static void doneWith(Tensor[] result) {
        int n = result.length;
        if (n >= 1 && n <= 3 && result == RETURNED.get()[n - 1]) {
            java.util.Arrays.fill(result, null);
        }
    }

    /** Adds a hook that sees (and may replace, by returning non-null) the gradient arriving at this node. */
    public RemovableHandle registerPreHook(UnaryOperator<Tensor> hook) {
        Extras x = extras();
        if (x.preHooks == null) {
            x.preHooks = new ArrayList<>(1);
        }
        x.preHooks.add(hook);
        return () -> x.preHooks.remove(hook);
    }

    /** Whether a hook would see the gradient arriving here. */
    final boolean hasPreHooks() {
        return extras != null && extras.preHooks != null && !extras.preHooks.isEmpty();
    }

    /**
     * Adds a hook that runs after this node's rule (PyTorch's {@code Node.register_hook}): it gets the gradients the
     * rule computed for the node's inputs (one per {@link #nextFunctions()} entry, null where none was needed) and the
     * gradient that arrived at the node (in an array of one), and may replace the former by returning an array of as
     * many (null leaves them).
     */
    public RemovableHandle registerHook(BiFunction<Tensor[], Tensor[], Tensor[]> hook) {
        Extras x = extras();
        if (x.postHooks == null) {
            x.postHooks = new ArrayList<>(1);
        }
        x.postHooks.add(hook);
        return () -> x.postHooks.remove(hook);
    }

    /** Whether a hook runs after the rule: its gradients must then come back from it, not go straight into grads. */
    final boolean hasPostHooks() {
        return extras != null && extras.postHooks != null && !extras.postHooks.isEmpty();
    }

    /** The rule's gradients after this node's post hooks, in a new array. */
    Tensor[] runPostHooks(Tensor[] inputGrads, Tensor grad) {
        Tensor[] current = java.util.Arrays.copyOf(inputGrads, edgeCount());
        for (BiFunction<Tensor[], Tensor[], Tensor[]> h : List.copyOf(extras.postHooks)) {
            Tensor[] r = h.apply(current.clone(), new Tensor[] {grad});
            if (r != null) {
                if (r.length != current.length) {
                    throw new IllegalStateException("hook 'hook' has returned an incorrect number of values (got "
                            + r.length + ", but expected " + current.length + ")");
                }
                current = r.clone();
            }
        }
        return current;
    }

    Tensor runPreHooks(Tensor grad) {
        if (extras == null || extras.preHooks == null) {
            return grad;
        }
        for (UnaryOperator<Tensor> h : List.copyOf(extras.preHooks)) {
            Tensor r = h.apply(grad);
            if (r != null) {
                grad = r;
            }
        }
        return grad;
    }

    /** Runs the rule; the engine and nodes that wrap another node's rule (CopySlices) call it. */
    Tensor[] call(Tensor grad) {
        if (released && (lastSaved != null || savesScalar)) {
            throw new IllegalStateException(FREED_MESSAGE);
        }
        return apply(grad);
    }

    /** The forward call's stack under anomaly mode, else null. */
    Throwable forwardTrace() {
        return extras == null ? null : extras.forwardTrace;
    }

    /** Frees the saved tensors: backward through this node again is then refused. */
    void release() {
        released = true;
        for (SavedTensor s = lastSaved; s != null; s = s.savedBefore) {
            s.release();
        }
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}

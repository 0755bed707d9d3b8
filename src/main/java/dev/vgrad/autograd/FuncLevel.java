package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What {@link Func}'s differentiating transforms share: the input each call differentiates with respect to (an alias of
 * the caller's tensor, so that a transform nested in another counts only the paths through its own input, PyTorch's
 * levels), and whether the result must keep a graph for an enclosing transform or the caller's autograd.
 */
final class FuncLevel {
    private FuncLevel() {}

    /**
     * This level's input for x: a view of x where x requires grad (an enclosing level, or the caller's autograd,
     * differentiates through it), a fresh leaf sharing x's data otherwise.
     */
    static Tensor alias(Tensor x, String transform) {
        if (x == null) {
            throw new IllegalArgumentException(transform + ": the input to differentiate with respect to is null");
        }
        return x.requiresGrad() ? x.expand(x.shape()) : x.detach().requiresGrad_(true);
    }

    /** argnums as given, refused when empty (checked against the inputs by {@link Grad#positions} at each call). */
    static int[] argnums(int[] positions) {
        if (positions.length == 0) {
            throw new IllegalArgumentException("argnums must be non-empty");
        }
        return positions.clone();
    }

    /** args with each position's input replaced by this level's alias of it; the aliases, in positions' order. */
    static List<Tensor> aliasAt(Tensor[] args, int[] positions, String transform) {
        List<Tensor> own = new ArrayList<>(positions.length);
        for (int p : positions) {
            args[p] = alias(args[p], transform);
            own.add(args[p]);
        }
        return own;
    }

    /**
     * Whether results made from {@code outputs} must keep their graph: grad mode was on outside the transform and the
     * outputs reach, past this level's inputs, a leaf that requires grad (an enclosing level's input or a parameter
     * f closes over). Otherwise the results are detached, as PyTorch's are.
     */
    static boolean keepsGraph(boolean gradModeOutside, List<Tensor> outputs, List<Tensor> inputs) {
        if (!gradModeOutside) {
            return false;
        }
        Set<Tensor> own = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor in : inputs) {
            if (in.isLeaf()) {
                own.add(in);
            } else {
                return true;
            }
        }
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> pending = new ArrayDeque<>();
        for (Tensor out : outputs) {
            if (out != null && out.gradFn() != null && seen.add(out.gradFn())) {
                pending.push(out.gradFn());
            }
        }
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node instanceof AccumulateGrad acc && !own.contains(acc.variable())) {
                return true;
            }
            for (Node next : node.nextFunctions()) {
                if (next != null && seen.add(next)) {
                    pending.push(next);
                }
            }
        }
        return false;
    }

    /** t as a result: detached unless the graph is kept; zeros shaped like {@code like} where t is null. */
    static Tensor result(Tensor t, Tensor like, boolean keepGraph) {
        if (t == null) {
            return Tensor.zeros(like.shape());
        }
        return keepGraph ? t : t.detach();
    }

    /** f's outputs after the first, as results, where f was given with has_aux; empty otherwise. */
    static List<Tensor> aux(List<Tensor> outs, boolean hasAux, boolean keepGraph) {
        List<Tensor> aux = new ArrayList<>();
        if (hasAux) {
            for (Tensor t : outs.subList(1, outs.size())) {
                aux.add(t == null ? null : result(t, t, keepGraph));
            }
        }
        return aux;
    }
}

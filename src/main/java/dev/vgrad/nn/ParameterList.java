package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parameters held in a list, as {@code torch.nn.ParameterList}: registered as "0", "1", ... (each made a leaf that
 * requires grad), so they belong to the owner and their names match PyTorch's. It has no forward.
 */
public class ParameterList extends Module {
    private final List<Tensor> items = new ArrayList<>();

    /** A list holding {@code parameters}, in order. */
    public ParameterList(Tensor... parameters) {
        this(Arrays.asList(parameters));
    }

    /** A list holding {@code parameters}, in order. */
    public ParameterList(List<Tensor> parameters) {
        parameters.forEach(this::add);
    }

    /** Appends a parameter. */
    public ParameterList add(Tensor p) {
        registerParameter(Integer.toString(items.size()), p);
        items.add(p);
        return this;
    }

    /** The parameter at {@code i}. */
    public Tensor get(int i) {
        if (i < 0 || i >= items.size()) {
            throw new IndexOutOfBoundsException("index " + i + " is out of range for a ParameterList of "
                    + items.size());
        }
        return items.get(i);
    }

    /** Replaces the parameter at {@code i} ({@code pl[i] = p}). */
    public ParameterList set(int i, Tensor p) {
        get(i);
        setParameter(Integer.toString(i), p);
        items.set(i, p);
        return this;
    }

    /** How many parameters the list holds. */
    public int size() {
        return items.size();
    }

    /** Refused: a ParameterList is a container of parameters. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ParameterList has no forward: use its parameters");
    }

    /** PyTorch 1.13's printout: one "Parameter containing: [torch.float32 of size ...]" line per parameter. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ParameterList(");
        for (int i = 0; i < items.size(); i++) {
            sb.append("\n    (").append(i).append("): Parameter containing: [torch.float32 of size ")
                    .append(sizes(items.get(i))).append("]");
        }
        return sb.append(items.isEmpty() ? ")" : "\n)").toString();
    }

    static String sizes(Tensor t) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < t.dim(); d++) {
            sb.append(d > 0 ? "x" : "").append(t.size(d));
        }
        return sb.toString();
    }
}

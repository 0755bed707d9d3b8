package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Parameters held by name, as {@code torch.nn.ParameterDict}: registered under their keys (each made a leaf that
 * requires grad), so they belong to the owner and their names match PyTorch's. A map without an order of its own (not a
 * LinkedHashMap or a SortedMap) is taken in key order, as PyTorch takes a plain dict. It has no forward.
 */
public class ParameterDict extends Module {
    private final Map<String, Tensor> items = new LinkedHashMap<>();

    /** An empty dict. */
    public ParameterDict() {}

    /** A dict holding {@code parameters}: in the map's order for a LinkedHashMap or SortedMap, else by key. */
    public ParameterDict(Map<String, Tensor> parameters) {
        Map<String, Tensor> ordered = parameters instanceof LinkedHashMap<?, ?> || parameters instanceof SortedMap<?, ?>
                ? parameters : new TreeMap<>(parameters);
        ordered.forEach(this::put);
    }

    /** Adds {@code p} under {@code key}, or replaces the parameter there in its place ({@code pd[key] = p}). */
    public ParameterDict put(String key, Tensor p) {
        if (key == null || key.isEmpty() || key.contains(".")) {
            throw new IllegalArgumentException("parameter name can't be empty or contain \".\", got: " + key);
        }
        setParameter(key, p);
        items.put(key, p);
        return this;
    }

    /** The parameter under {@code key}. */
    public Tensor get(String key) {
        Tensor t = items.get(key);
        if (t == null) {
            throw new IllegalArgumentException("ParameterDict has no key '" + key + "' (keys: " + items.keySet() + ")");
        }
        return t;
    }

    /** Whether a parameter is held under {@code key}. */
    public boolean containsKey(String key) {
        return items.containsKey(key);
    }

    /** The keys, in order. */
    public Set<String> keySet() {
        return java.util.Collections.unmodifiableSet(items.keySet());
    }

    /** The parameters, in order. */
    public List<Tensor> values() {
        return new ArrayList<>(items.values());
    }

    /** How many parameters the dict holds. */
    public int size() {
        return items.size();
    }

    /** Refused: a ParameterDict is a container of parameters. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ParameterDict has no forward: use its parameters");
    }

    /** PyTorch 1.13's printout: one "Parameter containing: [torch.FloatTensor of size ...]" line per parameter. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ParameterDict(");
        items.forEach((k, t) -> sb.append("\n    (").append(k).append("): Parameter containing: [torch.FloatTensor of "
                + "size ").append(ParameterList.sizes(t)).append("]"));
        return sb.append(items.isEmpty() ? ")" : "\n)").toString();
    }
}

package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An optimizer's state in PyTorch's own layout ({@code optimizer.state_dict()}), written from and read into vgrad's
 * flat {@link Optimizer#stateDict()}: the per-parameter entries carry PyTorch's names there already, so the two differ
 * in nesting, in the groups' settings (which PyTorch keeps with the state and vgrad in the optimizer) and in how a
 * learning rate is held.
 */
final class TorchOptimizerState {
    private TorchOptimizerState() {}

    static Map<String, Object> write(Optimizer opt) {
        Map<Long, Map<String, Object>> state = new TreeMap<>();
        for (Map.Entry<String, Tensor> e : opt.stateDict().entrySet()) {
            String[] parts = e.getKey().split("\\.");
            if (parts.length == 3 && parts[0].equals("state")) {
                Object v = parts[2].equals("step") && opt.torchStepIsInt() ? (Object) (long) e.getValue().item()
                        : e.getValue();
                state.computeIfAbsent(Long.parseLong(parts[1]), i -> new LinkedHashMap<>()).put(parts[2], v);
            }
        }
        List<Object> groups = new ArrayList<>();
        long offset = 0;
        for (Optimizer g : opt.groupList()) {
            Map<String, Object> options = options(g);
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("lr", g.lrExact());
            group.putAll(options);
            List<Long> ids = new ArrayList<>();
            for (int j = 0; j < g.groupParams().size(); j++) {
                ids.add(offset + j);
            }
            group.put("params", ids);
            offset += ids.size();
            groups.add(group);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", state);
        out.put("param_groups", groups);
        return out;
    }

    static void load(Optimizer opt, Map<?, ?> saved) {
        if (!(saved.get("state") instanceof Map<?, ?> state)
                || !(saved.get("param_groups") instanceof List<?> savedGroups)) {
            throw new IllegalArgumentException("loadTorchStateDict: expected PyTorch's optimizer state dict, a dict of "
                    + "\"state\" and \"param_groups\"; got the keys " + saved.keySet());
        }
        List<Optimizer> groups = opt.groupList();
        if (savedGroups.size() != groups.size()) {
            throw new IllegalArgumentException("loadTorchStateDict: loaded state dict has a different number of "
                    + "parameter groups (" + savedGroups.size() + ", this optimizer has " + groups.size() + ")");
        }
        Map<String, Tensor> flat = new LinkedHashMap<>();
        Map<Long, Long> index = new HashMap<>();
        long offset = 0;
        for (int g = 0; g < groups.size(); g++) {
            Optimizer group = groups.get(g);
            if (!(savedGroups.get(g) instanceof Map<?, ?> sg) || !(sg.get("params") instanceof List<?> ids)
                    || !(sg.get("lr") instanceof Number lr)) {
                throw new IllegalArgumentException("loadTorchStateDict: parameter group " + g + " is not a dict with "
                        + "\"lr\" and \"params\"");
            }
            if (ids.size() != group.groupParams().size()) {
                throw new IllegalArgumentException("loadTorchStateDict: loaded state dict contains a parameter group "
                        + "that doesn't match the size of optimizer's group (group " + g + ": " + ids.size()
                        + " parameters saved, " + group.groupParams().size() + " here)");
            }
            for (Map.Entry<String, Object> option : options(group).entrySet()) {
                String k = option.getKey();
                if (sg.containsKey(k) && !same(option.getValue(), sg.get(k))) {
                    throw new IllegalArgumentException("loadTorchStateDict: parameter group " + g + " was saved with "
                            + k + " = " + sg.get(k) + ", this " + opt.getClass().getSimpleName() + " has " + k + " = "
                            + option.getValue() + ": build it with the saved settings");
                }
            }
            flat.put(g == 0 ? "lr" : Optimizer.groupLrKey(g), ExactDouble.of(lr.doubleValue()));
            for (int j = 0; j < ids.size(); j++) {
                if (!(ids.get(j) instanceof Long id) || index.put(id, offset + j) != null) {
                    throw new IllegalArgumentException("loadTorchStateDict: parameter group " + g + " lists "
                            + ids.get(j) + ", not a parameter index of its own");
                }
            }
            offset += ids.size();
        }
        for (Map.Entry<?, ?> e : state.entrySet()) {
            Long i = e.getKey() instanceof Long id ? index.get(id) : null;
            if (i == null || !(e.getValue() instanceof Map<?, ?> entries)) {
                throw new IllegalArgumentException("loadTorchStateDict: state for " + e.getKey() + ", which no "
                        + "parameter group lists");
            }
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                String key = "state." + i + "." + entry.getKey();
                Object v = entry.getValue();
                if (v instanceof Tensor t) {
                    flat.put(key, t);
                } else if (v instanceof Number n) {
                    flat.put(key, Tensor.scalar(n.floatValue()));   // a step PyTorch keeps as an int
                } else if (v != null) {   // SGD's momentum_buffer is None until momentum is used
                    throw new IllegalArgumentException("loadTorchStateDict: " + key + " is a "
                            + v.getClass().getSimpleName() + ", not a tensor or a number");
                }
            }
        }
        opt.loadStateDict(flat);
    }

    private static Map<String, Object> options(Optimizer g) {
        Map<String, Object> options = g.torchOptions();
        if (options == null) {
            throw new UnsupportedOperationException(g.getClass().getSimpleName() + " does not name its settings in "
                    + "PyTorch's layout (every optimizer of vgrad's but LBFGS does)");
        }
        return options;
    }

    /** Whether a saved setting equals this optimizer's: numbers by value, tuples and lists item by item. */
    private static boolean same(Object mine, Object saved) {
        if (mine instanceof Number a && saved instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (mine instanceof List<?> a && saved instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return mine == null ? saved == null : mine.equals(saved);
    }

    /** A group dict's settings in order: keys and values alternating. */
    static Map<String, Object> settings(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}

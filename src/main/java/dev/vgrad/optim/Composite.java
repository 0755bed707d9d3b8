package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state dicts of schedules made of schedules (SequentialLR, ChainedScheduler): each part under a prefix. */
final class Composite {
    private static final String PREFIX = "schedulers.";

    private Composite() {}

    /** {@code own} followed by each schedule's entries as {@code schedulers.<i>.<key>}. */
    static Map<String, Tensor> stateDict(Map<String, Tensor> own, List<LRScheduler> schedulers) {
        Map<String, Tensor> out = new LinkedHashMap<>(own);
        for (int i = 0; i < schedulers.size(); i++) {
            for (var e : schedulers.get(i).stateDict().entrySet()) {
                out.put(PREFIX + i + "." + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Restores a {@link #stateDict} written for {@code composite}: its own entries through {@code loadOwn}, then each
     * schedule's. Whatever fails, the composite and every schedule are left as they were.
     */
    static void load(Map<String, Tensor> saved, LRScheduler composite, List<LRScheduler> schedulers,
                     java.util.function.Consumer<Map<String, Tensor>> loadOwn) {
        Map<String, Tensor> own = new LinkedHashMap<>();
        List<Map<String, Tensor>> parts = new ArrayList<>();
        for (int i = 0; i < schedulers.size(); i++) {
            parts.add(new LinkedHashMap<>());
        }
        for (var e : saved.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(PREFIX)) {
                own.put(key, e.getValue());
                continue;
            }
            int dot = key.indexOf('.', PREFIX.length());
            int i = dot < 0 ? -1 : index(key.substring(PREFIX.length(), dot));
            if (i < 0 || i >= schedulers.size()) {
                throw new IllegalArgumentException("loadStateDict: " + key + " names none of the "
                        + schedulers.size() + " schedules");
            }
            parts.get(i).put(key.substring(dot + 1), e.getValue());
        }
        Map<String, Tensor> ownBefore = composite.stateDict();
        List<Map<String, Tensor>> before = new ArrayList<>();
        for (LRScheduler s : schedulers) {
            before.add(s.stateDict());
        }
        loadOwn.accept(own);
        int loaded = 0;
        try {
            for (; loaded < schedulers.size(); loaded++) {
                schedulers.get(loaded).loadStateDict(parts.get(loaded));
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < loaded; i++) {
                schedulers.get(i).loadStateDict(before.get(i));
            }
            loadOwn.accept(ownOnly(ownBefore));
            throw e;
        }
    }

    private static Map<String, Tensor> ownOnly(Map<String, Tensor> all) {
        Map<String, Tensor> own = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                own.put(k, v);
            }
        });
        return own;
    }

    private static int index(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

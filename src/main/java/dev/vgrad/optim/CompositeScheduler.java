package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A schedule made of schedules (SequentialLR, ChainedScheduler): it steps them instead of a rule of its own, and its
 * state dict holds its position and each schedule's state under {@code schedulers.<i>.}.
 */
abstract class CompositeScheduler extends LRScheduler {
    private static final String PREFIX = "schedulers.";
    /** The schedules, in order. */
    final List<LRScheduler> schedulers;

    CompositeScheduler(Optimizer optimizer, List<LRScheduler> schedulers) {
        super(optimizer);
        this.schedulers = List.copyOf(schedulers);
    }

    /** Never called: {@link #step()} hands each epoch to the schedules. */
    @Override
    protected final double nextLr(int group, double current) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " steps its schedules, not a rule of "
                + "its own");
    }

    /** The position ({@code last_epoch}, {@code base_lr}) and each schedule's state as {@code schedulers.<i>.<key>}. */
    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>(super.stateDict());
        for (int i = 0; i < schedulers.size(); i++) {
            for (var e : schedulers.get(i).stateDict().entrySet()) {
                out.put(PREFIX + i + "." + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Restores a {@link #stateDict()}: this schedule's own entries, then each schedule's. Whatever fails, this schedule
     * and every one of its schedules are left as they were.
     */
    @Override
    public void loadStateDict(Map<String, Tensor> saved) {
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
        Map<String, Tensor> ownBefore = stateDict();
        List<Map<String, Tensor>> before = new ArrayList<>();
        for (LRScheduler s : schedulers) {
            before.add(s.stateDict());
        }
        super.loadStateDict(own);
        int loaded = 0;
        try {
            for (; loaded < schedulers.size(); loaded++) {
                schedulers.get(loaded).loadStateDict(parts.get(loaded));
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < loaded; i++) {
                schedulers.get(i).loadStateDict(before.get(i));
            }
            super.loadStateDict(ownOnly(ownBefore));
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

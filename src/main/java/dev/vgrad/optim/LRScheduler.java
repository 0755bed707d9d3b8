package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of learning-rate schedules, as {@code torch.optim.lr_scheduler}: construct it on an optimizer (which
 * records the base learning rate), then call {@link #step()} once per epoch after {@code optimizer.step()}. Every
 * parameter group of the optimizer is scheduled, each from its own base rate; add the groups before building the
 * schedule.
 */
public abstract class LRScheduler {
    /** The optimizer whose learning rate this schedules. */
    protected final Optimizer optimizer;
    /** Each group's rate at construction (PyTorch's {@code base_lrs}). */
    private final double[] baseLrs;
    /** How many times step() has run; 0 right after construction. */
    protected int lastEpoch;

    /**
     * A schedule on {@code optimizer}, each group counting from its learning rate when its first schedule was built
     * (PyTorch's {@code initial_lr}; for the first schedule, the current rate).
     */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        List<Optimizer> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int g = 0; g < baseLrs.length; g++) {
            baseLrs[g] = groups.get(g).initialLrExact();
        }
    }

    /** The rate parameter group {@code group} counts from (its {@code initial_lr}). */
    protected final double baseLr(int group) {
        return baseLrs[group];
    }

    /** {@code value} for each of the optimizer's parameter groups (a schedule's one setting given for all). */
    static double[] everyGroup(Optimizer optimizer, double value) {
        double[] out = new double[optimizer.paramGroups().size()];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** How many parameter groups this schedules. */
    protected final int groupCount() {
        return baseLrs.length;
    }

    /** Advances one epoch and sets every group's learning rate. */
    public void step() {
        lastEpoch++;
        advance();
        setRates(nextRule);
    }

    /** Moves the schedule's own position once per step, before the groups' rates; most schedules have none. */
    protected void advance() {}

    /** Group {@code group}'s learning rate after this epoch, given its current one (PyTorch's chainable get_lr). */
    protected abstract double nextLr(int group, double current);

    /**
     * The rate at epoch 0, given the current one: what PyTorch's constructor sets through its first get_lr. Most
     * schedules leave the rate as it is; a warm-up scales it. Constructors that change the rate call
     * {@link #applyStart()}.
     */
    protected double startLr(int group, double current) {
        return current;
    }

    /** Sets every group's rate to {@link #startLr}. */
    protected final void applyStart() {
        setRates(startRule);
    }

    /**
     * The rate when a {@link SequentialLR} hands over to this schedule at a milestone (PyTorch's {@code step(0)}): the
     * closed form at epoch 0 where the schedule has one (so it restarts from {@link #baseLr}), otherwise
     * {@link #startLr}.
     */
    protected double restartLr(int group, double current) {
        return startLr(group, current);
    }

    /** Starts this schedule again at epoch 0, as PyTorch's {@code step(0)}. */
    void restart() {
        lastEpoch = 0;
        setRates(restartRule);
    }

    /** Takes back one epoch without touching the rate (a {@link SequentialLR} undoing its schedules' first step). */
    void rewind() {
        lastEpoch--;
    }

    /** Steps from a rewound position: back at epoch 0 that is {@link #startLr}, as PyTorch's _initial_step. */
    void replayStep() {
        lastEpoch++;
        if (lastEpoch == 0) {
            setRates(startRule);
        } else {
            advance();
            setRates(nextRule);
        }
    }

    /** A group's next rate from its current one. */
    private interface Rule {
        double rate(int group, double current);
    }

    // made once: a method reference at each call would be an object a step
    private final Rule nextRule = this::nextLr;
    private final Rule startRule = this::startLr;
    private final Rule restartRule = this::restartLr;

    private void setRates(Rule rule) {
        List<Optimizer> groups = groups();
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).setLrExact(rule.rate(g, groups.get(g).lrExact()));
        }
    }

    /** The optimizer's groups, which must be the ones this schedule was built over. */
    List<Optimizer> groups() {
        List<Optimizer> groups = optimizer.groupList();
        if (groups.size() != baseLrs.length) {
            throw new IllegalStateException(getClass().getSimpleName() + " was built over " + baseLrs.length
                    + " parameter group(s) and the optimizer now has " + groups.size() + ": add every group before "
                    + "building its schedules");
        }
        return groups;
    }

    /**
     * The schedule's position, {@code last_epoch} (save it beside the optimizer's {@link Optimizer#stateDict()}, whose
     * learning rates it goes on from), and the base rate it started from: {@code base_lr} for the first group,
     * {@code base_lr.<g>} for each further one.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("last_epoch", Tensor.scalar(lastEpoch));
        for (int g = 0; g < baseLrs.length; g++) {
            out.put(baseLrKey(g), ExactDouble.of(baseLrs[g]));
        }
        return out;
    }

    private static String baseLrKey(int group) {
        return group == 0 ? "base_lr" : "base_lr." + group;
    }

    /** Restores a {@link #stateDict()}: the schedule goes on from where it was saved (with the optimizer's state). */
    public void loadStateDict(Map<String, Tensor> saved) {
        java.util.Set<String> keys = new java.util.HashSet<>(List.of("last_epoch"));
        for (int g = 0; g < baseLrs.length; g++) {
            keys.add(baseLrKey(g));
        }
        if (!saved.keySet().equals(keys)) {
            throw new IllegalArgumentException("loadStateDict: a schedule's state over " + baseLrs.length
                    + " parameter group(s) holds " + keys + ", got " + saved.keySet());
        }
        float epoch = saved.get("last_epoch").item();
        // -1: a schedule inside a SequentialLR that has not started yet
        if (!(epoch >= -1 && epoch == Math.rint(epoch))) {
            throw new IllegalArgumentException("loadStateDict: last_epoch must be a count (or -1), got " + epoch);
        }
        for (int g = 0; g < baseLrs.length; g++) {
            double base = ExactDouble.from(baseLrKey(g), saved.get(baseLrKey(g)));
            if (base != baseLrs[g]) {
                throw new IllegalArgumentException("loadStateDict: the saved schedule started group " + g + " from lr "
                        + base + ", this one from " + baseLrs[g] + " (build it on an optimizer with the same learning "
                        + "rates)");
            }
        }
        lastEpoch = (int) epoch;
    }

    /** The learning rate the last step set (the first group's; {@link #getLastLrs()} gives every group's). */
    public float getLastLr() {
        return (float) optimizer.groupList().get(0).lrExact();
    }

    /** Every group's learning rate as the last step set it, as PyTorch's {@code get_last_lr()}. */
    public float[] getLastLrs() {
        return optimizer.groupLrs();
    }
}

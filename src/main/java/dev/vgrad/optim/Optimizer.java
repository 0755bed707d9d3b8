package dev.vgrad.optim;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.memory.Arena;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of vgrad's optimizers, as {@code torch.optim.Optimizer}: it holds the parameters it updates and
 * their learning rate; {@link #step()} applies the update rule to every parameter that has a gradient, and
 * {@link #zeroGrad()} clears the gradients. Every optimizer is built as {@code new X(params, lr)} with
 * PyTorch's defaults and one fluent setter per PyTorch keyword. {@link #stateDict()} and {@link #loadStateDict} save
 * and restore its per-parameter state (moments, step counts) and learning rate, to resume training.
 *
 * <p>Update rules are PyTorch 1.13's single-tensor implementations, op for op. Hyperparameters given as floats
 * are read back as the decimal they were written as ({@code 0.9f} is 0.9), so the scalar arithmetic of a
 * rule ({@code 1 - beta1}, bias corrections) is done in double exactly as Python does it.
 */
public abstract class Optimizer implements Cloneable {
    /** The parameters, in the order given (this group's own, when there are several groups). */
    protected List<Tensor> params;
    /** The learning rate, as the decimal the caller wrote. */
    protected double lr;
    /** Whether to maximize the objective instead of minimizing it. */
    protected boolean maximize;
    /** The optimizer whose groups this belongs to: itself, or the optimizer a group was added to. */
    private Optimizer owner = this;
    /** Every parameter group, this optimizer's own first; only the owner's list is used. */
    private List<Optimizer> groups = new ArrayList<>(List.of(this));

    /** An optimizer over {@code params} with learning rate {@code lr} (a finite, non-negative number). */
    protected Optimizer(List<Tensor> params, float lr) {
        this.params = checkedParams(params);
        setLr(lr);
    }

    private static List<Tensor> checkedParams(List<Tensor> params) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        for (Tensor p : params) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            }
        }
        return List.copyOf(params);
    }

    /** Per-parameter state by PyTorch's key ("exp_avg", "step", ...), in registration order. */
    private Map<String, Object> state = new LinkedHashMap<>();

    /**
     * Makes the per-parameter state arrays (through {@link #tensorState}, {@link #countState}, {@link #floatState}) for
     * this optimizer's parameters. Constructors call it, and {@link #addParamGroup} calls it on the new group's copy,
     * so that a group's state is its own; an optimizer that keeps state must make all of it here.
     */
    protected void initState() {}

    /**
     * A per-parameter tensor state ({@code null} until the parameter's first step), saved by {@link #stateDict()} as
     * {@code state.<i>.<key>} and restored by {@link #loadStateDict}.
     */
    protected final Tensor[] tensorState(String key) {
        Tensor[] values = new Tensor[params.size()];
        state.put(key, values);
        return values;
    }

    /** A per-parameter count (the steps taken), saved with the tensors of a parameter that has them. */
    protected final int[] countState(String key) {
        int[] values = new int[params.size()];
        state.put(key, values);
        return values;
    }

    /** A per-parameter float (ASGD's eta and mu), saved with the tensors of a parameter that has them. */
    protected final float[] floatState(String key) {
        float[] values = new float[params.size()];
        state.put(key, values);
        return values;
    }

    /**
     * Adds a parameter group, as PyTorch's {@code add_param_group}: {@code params} are updated with this optimizer's
     * settings as they are now (its learning rate included), which the returned group's own setters then change for
     * this group alone. With AdamW, for example, the usual split that decays weights but not biases and norms:
     * <pre>{@code
     * AdamW opt = new AdamW(weights, 3e-4f).weightDecay(0.1f);
     * opt.addParamGroup(biasesAndNorms).weightDecay(0f);
     * }</pre>
     * Every optimizer overrides this to return its own type. {@link #step()}, {@link #zeroGrad()},
     * {@link #stateDict()} and the schedules built afterwards cover every group; the group's own {@code step()} steps
     * it alone. A parameter may belong to one group only.
     *
     * @throws IllegalArgumentException if {@code params} is empty, holds a non-leaf tensor or a parameter that is
     *     already in a group (nothing is added then)
     * @throws IllegalStateException if called on a group rather than on the optimizer
     */
    public Optimizer addParamGroup(List<Tensor> params) {
        if (isAddedGroup()) {
            throw new IllegalStateException("addParamGroup: add groups to the optimizer, not to one of its groups");
        }
        List<Tensor> checked = checkedParams(params);
        java.util.Set<Tensor> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.addAll(params());
        for (Tensor p : checked) {
            if (!seen.add(p)) {
                throw new IllegalArgumentException("some parameters appear in more than one parameter group");
            }
        }
        Optimizer group;
        try {
            group = (Optimizer) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        group.params = checked;
        group.owner = this;
        group.groups = List.of(group);
        group.initialLr = null;
        group.state = new LinkedHashMap<>();
        group.initState();
        if (!group.state.keySet().equals(state.keySet())) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not make its per-parameter "
                    + "state in initState(), so it cannot take parameter groups");
        }
        groups.add(group);
        return group;
    }

    /** Whether this is a group added to another optimizer (by {@link #addParamGroup}) rather than an optimizer. */
    protected final boolean isAddedGroup() {
        return owner != this;
    }

    /** As {@link #addParamGroup(List)}, the group with learning rate {@code lr}. */
    public Optimizer addParamGroup(List<Tensor> params, float lr) {
        require(lr >= 0f && Float.isFinite(lr), "learning rate", lr);
        Optimizer group = addParamGroup(params);
        group.setLr(lr);
        return group;
    }

    /**
     * The parameter groups, as PyTorch's {@code param_groups}: this optimizer first (its own settings and parameters),
     * then each group added, in order. Each is an optimizer of this kind whose setters, {@link #getLr()} and
     * {@link #params()} are that group's.
     */
    public List<Optimizer> paramGroups() {
        return java.util.Collections.unmodifiableList(owner.groups);
    }

    /** {@link #paramGroups()} without the read-only wrapper, for schedules that read it every step. */
    final List<Optimizer> groupList() {
        return owner.groups;
    }

    /**
     * The optimizer's state, flat: {@code lr} (the double's bits as four 16-bit integers, so a scheduled rate comes
     * back exactly) and, where there are several parameter groups, {@code param_groups.<g>.lr} for each added group;
     * then for every parameter that has taken a step (numbered across the groups in order, as PyTorch numbers them)
     * {@code state.<i>.<key>} for each of its state entries (PyTorch's keys: exp_avg,
     * exp_avg_sq, momentum_buffer, step, ...), counts and floats as one-element tensors. The tensors are copies. With
     * {@link dev.vgrad.io.Safetensors} beside the model's state dict, it resumes training where it stopped.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", ExactDouble.of(lr));
        for (int g = 1; g < groups.size(); g++) {
            out.put(groupLrKey(g), ExactDouble.of(groups.get(g).lr));
        }
        int offset = 0;
        for (Optimizer group : groups) {
            group.ownState(offset, out);
            offset += group.params.size();
        }
        return out;
    }

    static String groupLrKey(int g) {
        return g == 0 ? "lr" : "param_groups." + g + ".lr";
    }

    /** This group's entries of {@link #stateDict()}, its parameters numbered from {@code offset}. */
    private void ownState(int offset, Map<String, Tensor> out) {
        for (int i = 0; i < params.size(); i++) {
            if (!hasState(i)) {
                continue;
            }
            for (Map.Entry<String, Object> e : state.entrySet()) {
                String key = "state." + (offset + i) + "." + e.getKey();
                if (e.getValue() instanceof Tensor[] t) {
                    if (t[i] != null) {
                        out.put(key, t[i].detach().clone());
                    }
                } else if (e.getValue() instanceof int[] c) {
                    if (c[i] >= 1 << 24) {
                        throw new IllegalStateException("stateDict: " + key + " = " + c[i] + " is beyond 2^24, which a "
                                + "float tensor cannot hold exactly");
                    }
                    out.put(key, Tensor.scalar(c[i]));
                } else {
                    out.put(key, Tensor.scalar(((float[]) e.getValue())[i]));
                }
            }
        }
    }

    /** Whether parameter i has any tensor state yet (it has taken a step). */
    private boolean hasState(int i) {
        for (Object v : state.values()) {
            if (v instanceof Tensor[] t && t[i] != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Restores a {@link #stateDict()} of an optimizer of this kind over parameters of the same shapes, in the same
     * order and groups (built with the same settings: they are not part of the state). Every key is checked before
     * anything changes: an unknown key, a parameter index out of range, a shape that does not match its parameter or
     * learning rates for another number of groups is refused with the key named, and the optimizer is left as it was.
     */
    public void loadStateDict(Map<String, Tensor> saved) {
        long lrs = saved.keySet().stream().filter(k -> lrGroup(k) >= 0).count();
        if (lrs != 0 && lrs != groups.size()) {
            throw new IllegalArgumentException("loadStateDict: loaded state dict has a different number of parameter "
                    + "groups (learning rates for " + lrs + ", this optimizer has " + groups.size() + ")");
        }
        for (Map.Entry<String, Tensor> e : saved.entrySet()) {
            String k = e.getKey();
            if (lrGroup(k) >= 0) {
                double v = ExactDouble.from(k, e.getValue());
                require(v >= 0 && Double.isFinite(v), "learning rate", (float) v);
                continue;
            }
            String[] parts = k.split("\\.");
            int i = parts.length == 3 && parts[0].equals("state") && parts[1].matches("\\d{1,9}")
                    ? Integer.parseInt(parts[1]) : -1;
            Optimizer group = i < 0 ? null : groupOf(i);
            if (group == null || !group.state.containsKey(parts[2])) {
                throw new IllegalArgumentException("loadStateDict: unexpected key \"" + k + "\" for "
                        + getClass().getSimpleName() + " over " + params().size() + " parameters in " + groups.size()
                        + " group(s) (state keys " + state.keySet() + ")");
            }
            Object values = group.state.get(parts[2]);
            requireShape(k, e.getValue(), values instanceof Tensor[] ? params().get(i).shape() : new int[0]);
            if (values instanceof int[]) {
                float c = e.getValue().item();
                if (!(c >= 0 && c < 1 << 24 && c == Math.rint(c))) {
                    throw new IllegalArgumentException("loadStateDict: " + k + " must be a count, got " + c);
                }
            }
        }
        int offset = 0;
        for (int g = 0; g < groups.size(); g++) {
            Optimizer group = groups.get(g);
            if (lrs != 0) {
                group.lr = ExactDouble.from(groupLrKey(g), saved.get(groupLrKey(g)));
            }
            group.loadOwnState(offset, saved);
            offset += group.params.size();
        }
    }

    /** The group whose learning rate key {@code k} is ({@code lr} or {@code param_groups.<g>.lr}), else -1. */
    private int lrGroup(String k) {
        if (k.equals("lr")) {
            return 0;
        }
        for (int g = 1; g < groups.size(); g++) {
            if (k.equals(groupLrKey(g))) {
                return g;
            }
        }
        return -1;
    }

    /** The group that holds parameter {@code i} as the groups number them together, null past the last. */
    private Optimizer groupOf(int i) {
        for (Optimizer group : groups) {
            if (i < group.params.size()) {
                return group;
            }
            i -= group.params.size();
        }
        return null;
    }

    /** Sets this group's state from {@code saved}, its parameters numbered from {@code offset}; absent is empty. */
    private void loadOwnState(int offset, Map<String, Tensor> saved) {
        for (Map.Entry<String, Object> s : state.entrySet()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor v = saved.get("state." + (offset + i) + "." + s.getKey());
                if (s.getValue() instanceof Tensor[] t) {
                    t[i] = v == null ? null : persistent(() -> v.detach().clone());
                } else if (s.getValue() instanceof int[] c) {
                    c[i] = v == null ? 0 : (int) v.item();
                } else {
                    ((float[]) s.getValue())[i] = v == null ? 0f : v.item();
                }
            }
        }
    }

    private static void requireShape(String key, Tensor t, int[] shape) {
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("loadStateDict: " + key + " has shape "
                    + java.util.Arrays.toString(t.shape()) + ", expected " + java.util.Arrays.toString(shape));
        }
    }

    /** The decimal value of a float hyperparameter: {@code 0.9f} is 0.9, not 0.89999997615814. */
    protected static double exact(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** Throws IllegalArgumentException with PyTorch's wording ("Invalid momentum value: -1.0") unless ok. */
    protected static void require(boolean ok, String what, float value) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid " + what + ": " + value);
        }
    }

    /** Makes optimizer state: it lives across steps, so it is allocated outside any arena. */
    protected static Tensor persistent(java.util.function.Supplier<Tensor> make) {
        try (var heap = Arena.outside()) {
            return make.get();
        }
    }

    /** The parameters this optimizer updates: every group's, in order (a group's own, called on a group). */
    public List<Tensor> params() {
        if (groups.size() == 1) {
            return params;
        }
        List<Tensor> all = new ArrayList<>();
        for (Optimizer group : groups) {
            all.addAll(group.params);
        }
        return java.util.Collections.unmodifiableList(all);
    }

    /** The current learning rate (the first group's; {@link #paramGroups()} gives each group's). */
    public float getLr() {
        return (float) lr;
    }

    /** Sets the learning rate of this group (the first, called on the optimizer); finite and non-negative. */
    public void setLr(float lr) {
        require(lr >= 0f && Float.isFinite(lr), "learning rate", lr);
        this.lr = exact(lr);
    }

    /**
     * This group's settings under PyTorch 1.13's names and in its order, besides lr and params (what a param group of
     * {@code optimizer.state_dict()} holds), or null for an optimizer whose state PyTorch's format cannot carry.
     */
    Map<String, Object> torchOptions() {
        return null;
    }

    /** Whether PyTorch keeps this optimizer's step count as a Python int (RMSprop, Adadelta, Rprop), not a tensor. */
    boolean torchStepIsInt() {
        return false;
    }

    /**
     * The state in PyTorch's own layout, {@code optimizer.state_dict()}: "state" maps each parameter's index to its
     * entries (the step as a 0-d tensor, the moments), "param_groups" lists each group's lr and settings under
     * PyTorch's names and its parameters' indices. Written with {@link dev.vgrad.io.TorchFiles#save}, PyTorch's
     * {@code load_state_dict} takes it. Every optimizer but LBFGS, which keeps no state dict.
     */
    public Map<String, Object> torchStateDict() {
        return TorchOptimizerState.write(this);
    }

    /**
     * Restores a state dict in PyTorch's layout ({@link dev.vgrad.io.TorchFiles#load} of what
     * {@code torch.save(optimizer.state_dict())} wrote) into this optimizer, built over the same parameters in the same
     * groups and with the same settings: the learning rates are taken from it, and any other setting that differs is
     * refused with its name, as is anything {@link #loadStateDict} refuses; the optimizer is then left as it was.
     */
    public void loadTorchStateDict(Map<?, ?> saved) {
        TorchOptimizerState.load(this, saved);
    }

    /** The group's parameters, for the PyTorch layout. */
    List<Tensor> groupParams() {
        return params;
    }

    /** Whether the group maximizes (PyTorch's option of that name). */
    boolean maximizes() {
        return maximize;
    }

    /** The learning rate as the double a Python param group holds; schedulers read and write this. */
    double lrExact() {
        return lr;
    }

    void setLrExact(double lr) {
        this.lr = lr;
    }

    /** Every parameter group's learning rate, in order (what a schedule's {@code getLastLrs()} reports). */
    float[] groupLrs() {
        float[] out = new float[owner.groups.size()];
        for (int g = 0; g < out.length; g++) {
            out[g] = (float) owner.groups.get(g).lr;
        }
        return out;
    }

    /** The rate every schedule on this optimizer starts from (PyTorch's {@code initial_lr}), null before the first. */
    private Double initialLr;

    /**
     * The rate schedules count from: the learning rate when the first schedule was built on this optimizer, as
     * PyTorch's {@code group.setdefault('initial_lr', group['lr'])} records it. A second schedule built after the first
     * changed the rate (a warm-up's start factor) still counts from the original rate.
     */
    double initialLrExact() {
        if (initialLr == null) {
            initialLr = lr;
        }
        return initialLr;
    }

    /**
     * Sets the momentum a one-cycle schedule cycles (SGD's and RMSprop's momentum, the Adam family's beta1), as
     * PyTorch's OneCycleLR writes it into the param group; false where this optimizer has none.
     */
    boolean cycleMomentum(double momentum) {
        return false;
    }

    /** Zeros every parameter's gradient in place (PyTorch 1.13's default, {@code set_to_none=False}). */
    public void zeroGrad() {
        zeroGrad(false);
    }

    /** Zeros the gradients, or with {@code setToNone} drops them. */
    public void zeroGrad(boolean setToNone) {
        Autograd.zeroGrad(params(), setToNone);
    }

    /** Applies one update to every parameter that has a gradient, group by group with each group's settings. */
    public void step() {
        // by index: an iterator would be an object a step
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).validate();
        }
        try (var off = GradMode.noGrad()) {
            for (int g = 0; g < groups.size(); g++) {
                groups.get(g).stepOwn();
            }
        }
    }

    private void stepOwn() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() != null) {
                Tensor grad = maximize ? p.grad().neg() : p.grad();
                update(i, p, grad);
            }
        }
    }

    /** Checks combinations of settings before a step changes anything; the default accepts all. */
    protected void validate() {}

    /** The update rule for parameter i, run without grad recording; {@code grad} is already negated to maximize. */
    protected abstract void update(int i, Tensor param, Tensor grad);
}

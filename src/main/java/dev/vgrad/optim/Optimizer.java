package dev.vgrad.optim;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.memory.Arena;
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
public abstract class Optimizer {
    /** The parameters, in the order given. */
    protected final List<Tensor> params;
    /** The learning rate, as the decimal the caller wrote. */
    protected double lr;
    /** Whether to maximize the objective instead of minimizing it. */
    protected boolean maximize;

    /** An optimizer over {@code params} with learning rate {@code lr} (a finite, non-negative number). */
    protected Optimizer(List<Tensor> params, float lr) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        for (Tensor p : params) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            }
        }
        this.params = List.copyOf(params);
        setLr(lr);
    }

    /** Per-parameter state by PyTorch's key ("exp_avg", "step", ...), in registration order. */
    private final Map<String, Object> state = new LinkedHashMap<>();

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
     * The optimizer's state, flat: {@code lr} (the double's bits as four 16-bit integers, so a scheduled rate comes
     * back exactly), then for every parameter that has taken a step (in the order the
     * optimizer was given them) {@code state.<i>.<key>} for each of its state entries (PyTorch's keys: exp_avg,
     * exp_avg_sq, momentum_buffer, step, ...), counts and floats as one-element tensors. The tensors are copies. With
     * {@link dev.vgrad.io.Safetensors} beside the model's state dict, it resumes training where it stopped.
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", ExactDouble.of(lr));
        for (int i = 0; i < params.size(); i++) {
            if (!hasState(i)) {
                continue;
            }
            for (Map.Entry<String, Object> e : state.entrySet()) {
                String key = "state." + i + "." + e.getKey();
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
        return out;
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
     * order (built with the same settings: they are not part of the state). Every key is checked before anything
     * changes: an unknown key, a parameter index out of range or a shape that does not match its parameter is refused
     * with the key named, and the optimizer is left as it was.
     */
    public void loadStateDict(Map<String, Tensor> saved) {
        for (Map.Entry<String, Tensor> e : saved.entrySet()) {
            String k = e.getKey();
            if (k.equals("lr")) {
                double v = ExactDouble.from(k, e.getValue());
                require(v >= 0 && Double.isFinite(v), "learning rate", (float) v);
                continue;
            }
            String[] parts = k.split("\\.");
            int i = parts.length == 3 && parts[0].equals("state") && parts[1].matches("\\d{1,9}")
                    ? Integer.parseInt(parts[1]) : -1;
            if (i < 0 || i >= params.size() || !state.containsKey(parts[2])) {
                throw new IllegalArgumentException("loadStateDict: unexpected key \"" + k + "\" for "
                        + getClass().getSimpleName() + " over " + params.size() + " parameters (state keys "
                        + state.keySet() + ")");
            }
            requireShape(k, e.getValue(), state.get(parts[2]) instanceof Tensor[] ? params.get(i).shape() : new int[0]);
            if (state.get(parts[2]) instanceof int[]) {
                float c = e.getValue().item();
                if (!(c >= 0 && c < 1 << 24 && c == Math.rint(c))) {
                    throw new IllegalArgumentException("loadStateDict: " + k + " must be a count, got " + c);
                }
            }
        }
        if (saved.containsKey("lr")) {
            lr = ExactDouble.from("lr", saved.get("lr"));
        }
        for (Map.Entry<String, Object> s : state.entrySet()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor v = saved.get("state." + i + "." + s.getKey());
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

    /** The parameters this optimizer updates. */
    public List<Tensor> params() {
        return params;
    }

    /** The current learning rate. */
    public float getLr() {
        return (float) lr;
    }

    /** Sets the learning rate (schedulers call this); it must be finite and non-negative. */
    public void setLr(float lr) {
        require(lr >= 0f && Float.isFinite(lr), "learning rate", lr);
        this.lr = exact(lr);
    }

    /** The learning rate as the double a Python param group holds; schedulers read and write this. */
    double lrExact() {
        return lr;
    }

    void setLrExact(double lr) {
        this.lr = lr;
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
        Autograd.zeroGrad(params, setToNone);
    }

    /** Applies one update to every parameter that has a gradient. */
    public void step() {
        validate();
        try (var g = GradMode.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                if (p.grad() != null) {
                    Tensor grad = maximize ? p.grad().neg() : p.grad();
                    update(i, p, grad);
                }
            }
        }
    }

    /** Checks combinations of settings before a step changes anything; the default accepts all. */
    protected void validate() {}

    /** The update rule for parameter i, run without grad recording; {@code grad} is already negated to maximize. */
    protected abstract void update(int i, Tensor param, Tensor grad);
}

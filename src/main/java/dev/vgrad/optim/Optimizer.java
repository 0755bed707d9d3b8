package dev.vgrad.optim;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.memory.Arena;
import java.util.List;

/**
 * The base of vgrad's optimizers, as {@code torch.optim.Optimizer}: it holds the parameters it updates and
 * their learning rate; {@link #step()} applies the update rule to every parameter that has a gradient, and
 * {@link #zeroGrad()} clears the gradients. Every optimizer is built as {@code new X(params, lr)} with
 * PyTorch's defaults and one fluent setter per PyTorch keyword.
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

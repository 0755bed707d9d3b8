package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/** Averaged SGD (Polyak and Juditsky): SGD with a decaying step and a running average of the iterates. */
public final class ASGD extends Optimizer {
    private double lambd = 1e-4;
    private double alpha = 0.75;
    private double t0 = 1e6;
    private double weightDecay;
    private int[] steps;
    private float[] eta;
    private float[] mu;
    private Tensor[] ax;

    /** ASGD with learning rate {@code lr} (PyTorch's default is 1e-2). */
    public ASGD(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        steps = countState("step");
        eta = floatState("eta");
        mu = floatState("mu");
        ax = tensorState("ax");
    }

    @Override
    public ASGD addParamGroup(List<Tensor> params) {
        return (ASGD) super.addParamGroup(params);
    }

    @Override
    public ASGD addParamGroup(List<Tensor> params, float lr) {
        return (ASGD) super.addParamGroup(params, lr);
    }

    /** Decay term (default 1e-4). */
    public ASGD lambd(float lambd) {
        this.lambd = exact(lambd);
        return this;
    }

    /** Power for the eta update (default 0.75). */
    public ASGD alpha(float alpha) {
        this.alpha = exact(alpha);
        return this;
    }

    /** The step at which averaging starts (default 1e6). */
    public ASGD t0(float t0) {
        this.t0 = exact(t0);
        return this;
    }

    /** L2 penalty (default 0). */
    public ASGD weightDecay(float weightDecay) {
        require(weightDecay >= 0f, "weight_decay value", weightDecay);
        this.weightDecay = exact(weightDecay);
        return this;
    }

    /** Maximize the objective (default off). */
    public ASGD maximize(boolean on) {
        this.maximize = on;
        return this;
    }

    /** The running average of parameter i (PyTorch's {@code state['ax']}), or null before the first step. */
    public Tensor average(int i) {
        return ax[i];
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        if (ax[i] == null) {
            ax[i] = persistent(param::zerosLike);
            // PyTorch keeps eta and mu as float32 tensors.
            eta[i] = (float) lr;
            mu[i] = 1f;
        }
        int step = ++steps[i];
        if (weightDecay != 0) {
            grad = grad.add(param, (float) weightDecay);
        }
        param.mul_((float) (1 - lambd * eta[i]));
        param.add_(grad, (float) -(double) eta[i]);
        if (mu[i] != 1f) {
            ax[i].add_(param.sub(ax[i]).mul(mu[i]));
        } else {
            ax[i].copy_(param);
        }
        eta[i] = (float) (lr / Math.pow(1 + lambd * lr * step, alpha));
        mu[i] = (float) (1 / Math.max(1, step - t0));
    }

    /** PyTorch 1.13's settings of this group, in the order its param groups hold them. */
    @Override
    java.util.Map<String, Object> torchOptions() {
        return TorchOptimizerState.settings("lambd", lambd, "alpha", alpha, "t0", t0, "weight_decay", weightDecay,
                "foreach", null, "maximize", maximizes());
    }
}

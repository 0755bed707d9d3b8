package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/** Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay. */
public final class SGD extends Optimizer {
    private double momentum;
    private double dampening;
    private double weightDecay;
    private boolean nesterov;
    private Tensor[] buffers;

    /** Plain SGD with learning rate {@code lr}. */
    public SGD(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        buffers = tensorState("momentum_buffer");
    }

    @Override
    public SGD addParamGroup(List<Tensor> params) {
        return (SGD) super.addParamGroup(params);
    }

    @Override
    public SGD addParamGroup(List<Tensor> params, float lr) {
        return (SGD) super.addParamGroup(params, lr);
    }

    /** Momentum factor (default 0). */
    public SGD momentum(float momentum) {
        require(momentum >= 0f, "momentum value", momentum);
        this.momentum = exact(momentum);
        return this;
    }

    /** Dampening for momentum (default 0). */
    public SGD dampening(float dampening) {
        this.dampening = exact(dampening);
        return this;
    }

    /** Nesterov momentum (default off; needs momentum > 0 and zero dampening). */
    public SGD nesterov(boolean on) {
        this.nesterov = on;
        return this;
    }

    /** L2 penalty (default 0). */
    public SGD weightDecay(float weightDecay) {
        require(weightDecay >= 0f, "weight_decay value", weightDecay);
        this.weightDecay = exact(weightDecay);
        return this;
    }

    /** Maximize the objective (default off). */
    public SGD maximize(boolean on) {
        this.maximize = on;
        return this;
    }

    @Override
    protected void validate() {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        Tensor d = weightDecay != 0 ? grad.add(param, (float) weightDecay) : grad;
        if (momentum != 0) {
            if (buffers[i] == null) {
                Tensor first = d;
                buffers[i] = persistent(first::clone);
            } else {
                buffers[i].mul_((float) momentum).add_(d, (float) (1 - dampening));
            }
            d = nesterov ? d.add(buffers[i], (float) momentum) : buffers[i];
        }
        param.add_(d, (float) -lr);
    }

    @Override
    boolean cycleMomentum(double momentum) {
        this.momentum = momentum;
        return true;
    }

    /** PyTorch 1.13's settings of this group, in the order its param groups hold them. */
    @Override
    java.util.Map<String, Object> torchOptions() {
        return TorchOptimizerState.settings("momentum", momentum, "dampening", dampening, "weight_decay", weightDecay,
                "nesterov", nesterov, "maximize", maximizes(), "foreach", null, "differentiable", false);
    }
}

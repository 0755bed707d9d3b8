package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/** Resilient backpropagation: per-element step sizes grown or shrunk by the sign agreement of gradients. */
public final class Rprop extends Optimizer {
    private double etaMinus = 0.5;
    private double etaPlus = 1.2;
    private double stepMin = 1e-6;
    private double stepMax = 50;
    private Tensor[] prev;
    private Tensor[] stepSize;
    private int[] steps;

    /** Rprop with initial step size {@code lr} (PyTorch's default is 1e-2). */
    public Rprop(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        steps = countState("step");   // counted only for PyTorch's state dict, which holds it
        prev = tensorState("prev");
        stepSize = tensorState("step_size");
    }

    @Override
    public Rprop addParamGroup(List<Tensor> params) {
        return (Rprop) super.addParamGroup(params);
    }

    @Override
    public Rprop addParamGroup(List<Tensor> params, float lr) {
        return (Rprop) super.addParamGroup(params, lr);
    }

    /** Multiplicative decrease and increase factors (default 0.5, 1.2). */
    public Rprop etas(float etaMinus, float etaPlus) {
        if (!(0f < etaMinus && etaMinus < 1f && 1f < etaPlus)) {
            throw new IllegalArgumentException("Invalid eta values: " + etaMinus + ", " + etaPlus);
        }
        this.etaMinus = exact(etaMinus);
        this.etaPlus = exact(etaPlus);
        return this;
    }

    /** Minimal and maximal step sizes (default 1e-6, 50). */
    public Rprop stepSizes(float min, float max) {
        this.stepMin = exact(min);
        this.stepMax = exact(max);
        return this;
    }

    /** Maximize the objective (default off). */
    public Rprop maximize(boolean on) {
        this.maximize = on;
        return this;
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        steps[i]++;
        if (prev[i] == null) {
            prev[i] = persistent(param::zerosLike);
            stepSize[i] = persistent(() -> Tensor.full((float) lr, param.shape()));
        }
        Tensor sign = grad.mul(prev[i]).sign();
        // etaplus where the sign agreed, etaminus where it flipped, 1 where either gradient was zero
        Tensor factor = sign.gt(0f).mul((float) etaPlus).add(sign.lt(0f).mul((float) etaMinus)).add(sign.eq(0f));
        stepSize[i].mul_(factor).clamp_((float) stepMin, (float) stepMax);
        // where the sign flipped, the gradient counts as zero: no step, and no flip seen next time
        Tensor kept = grad.mul(sign.lt(0f).rsub(1f));
        param.addcmul_(kept.sign(), stepSize[i], -1f);
        prev[i].copy_(kept);
    }

    /** PyTorch 1.13's settings of this group, in the order its param groups hold them. */
    @Override
    java.util.Map<String, Object> torchOptions() {
        return TorchOptimizerState.settings("etas", List.of(etaMinus, etaPlus), "step_sizes", List.of(stepMin,
                stepMax), "foreach", null, "maximize", maximizes());
    }

    /** PyTorch keeps this optimizer's step count as an int, not a tensor. */
    @Override
    boolean torchStepIsInt() {
        return true;
    }
}

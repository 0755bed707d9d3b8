package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/** Adadelta (Zeiler): steps scaled by running averages of squared gradients and squared updates. */
public final class Adadelta extends Optimizer {
    private double rho = 0.9;
    private double eps = 1e-6;
    private double weightDecay;
    private Tensor[] squareAvg;
    private Tensor[] accDelta;
    private int[] steps;

    /** Adadelta with learning rate {@code lr} (PyTorch's default is 1.0). */
    public Adadelta(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        steps = countState("step");   // counted only for PyTorch's state dict, which holds it
        squareAvg = tensorState("square_avg");
        accDelta = tensorState("acc_delta");
    }

    @Override
    public Adadelta addParamGroup(List<Tensor> params) {
        return (Adadelta) super.addParamGroup(params);
    }

    @Override
    public Adadelta addParamGroup(List<Tensor> params, float lr) {
        return (Adadelta) super.addParamGroup(params, lr);
    }

    /** Coefficient of the running averages (default 0.9). */
    public Adadelta rho(float rho) {
        require(rho >= 0f && rho <= 1f, "rho value", rho);
        this.rho = exact(rho);
        return this;
    }

    /** Added for stability (default 1e-6). */
    public Adadelta eps(float eps) {
        require(eps >= 0f, "epsilon value", eps);
        this.eps = exact(eps);
        return this;
    }

    /** L2 penalty (default 0). */
    public Adadelta weightDecay(float weightDecay) {
        require(weightDecay >= 0f, "weight_decay value", weightDecay);
        this.weightDecay = exact(weightDecay);
        return this;
    }

    /** Maximize the objective (default off). */
    public Adadelta maximize(boolean on) {
        this.maximize = on;
        return this;
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        steps[i]++;
        if (squareAvg[i] == null) {
            squareAvg[i] = persistent(param::zerosLike);
            accDelta[i] = persistent(param::zerosLike);
        }
        if (weightDecay != 0) {
            grad = grad.add(param, (float) weightDecay);
        }
        squareAvg[i].mul_((float) rho).addcmul_(grad, grad, (float) (1 - rho));
        Tensor std = squareAvg[i].add((float) eps).sqrt_();
        Tensor delta = accDelta[i].add((float) eps).sqrt_();
        delta.div_(std).mul_(grad);
        accDelta[i].mul_((float) rho).addcmul_(delta, delta, (float) (1 - rho));
        param.add_(delta, (float) -lr);
    }

    /** PyTorch 1.13's settings of this group, in the order its param groups hold them. */
    @Override
    java.util.Map<String, Object> torchOptions() {
        return TorchOptimizerState.settings("rho", rho, "eps", eps, "weight_decay", weightDecay, "maximize",
                maximizes(), "foreach", null);
    }

    /** PyTorch keeps this optimizer's step count as an int, not a tensor. */
    @Override
    boolean torchStepIsInt() {
        return true;
    }
}

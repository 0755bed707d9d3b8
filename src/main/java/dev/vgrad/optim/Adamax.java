package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/** Adamax (Kingma and Ba): Adam with the infinity norm in place of the second moment. */
public final class Adamax extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private int[] steps;
    private Tensor[] expAvg;
    private Tensor[] expInf;

    /** Adamax with learning rate {@code lr} (PyTorch's default is 2e-3). */
    public Adamax(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        steps = countState("step");
        expAvg = tensorState("exp_avg");
        expInf = tensorState("exp_inf");
    }

    @Override
    public Adamax addParamGroup(List<Tensor> params) {
        return (Adamax) super.addParamGroup(params);
    }

    @Override
    public Adamax addParamGroup(List<Tensor> params, float lr) {
        return (Adamax) super.addParamGroup(params, lr);
    }

    /** Coefficients of the running average and of the infinity norm's decay (default 0.9, 0.999). */
    public Adamax betas(float beta1, float beta2) {
        require(beta1 >= 0f && beta1 < 1f, "beta parameter at index 0", beta1);
        require(beta2 >= 0f && beta2 < 1f, "beta parameter at index 1", beta2);
        this.beta1 = exact(beta1);
        this.beta2 = exact(beta2);
        return this;
    }

    /** Added for stability (default 1e-8). */
    public Adamax eps(float eps) {
        require(eps >= 0f, "epsilon value", eps);
        this.eps = exact(eps);
        return this;
    }

    /** L2 penalty (default 0). */
    public Adamax weightDecay(float weightDecay) {
        require(weightDecay >= 0f, "weight_decay value", weightDecay);
        this.weightDecay = exact(weightDecay);
        return this;
    }

    /** Maximize the objective (default off). */
    public Adamax maximize(boolean on) {
        this.maximize = on;
        return this;
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        if (expAvg[i] == null) {
            expAvg[i] = persistent(param::zerosLike);
            expInf[i] = persistent(param::zerosLike);
        }
        int step = ++steps[i];
        if (weightDecay != 0) {
            grad = grad.add(param, (float) weightDecay);
        }
        expAvg[i].mul_((float) beta1).add_(grad, (float) (1 - beta1));
        expInf[i].copy_(expInf[i].mul_((float) beta2).maximum(grad.abs().add_((float) eps)));
        double clr = lr / (1 - Math.pow(beta1, step));
        param.addcdiv_(expAvg[i], expInf[i], (float) -clr);
    }

    @Override
    boolean cycleMomentum(double momentum) {
        this.beta1 = momentum;
        return true;
    }

    /** PyTorch 1.13's settings of this group, in the order its param groups hold them. */
    @Override
    java.util.Map<String, Object> torchOptions() {
        return TorchOptimizerState.settings("betas", List.of(beta1, beta2), "eps", eps, "weight_decay", weightDecay,
                "foreach", null, "maximize", maximizes());
    }
}

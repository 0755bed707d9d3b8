package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/**
 * RAdam (Liu et al.): Adam whose adaptive step is switched on only once the variance of the second moment's estimate
 * is tractable, and rectified while it is still large; before that, plain momentum SGD. As {@code torch.optim.RAdam}.
 */
public final class RAdam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private int[] steps;
    private Tensor[] expAvg;
    private Tensor[] expAvgSq;

    /** RAdam with learning rate {@code lr} (PyTorch's default is 1e-3). */
    public RAdam(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        steps = countState("step");
        expAvg = tensorState("exp_avg");
        expAvgSq = tensorState("exp_avg_sq");
    }

    @Override
    public RAdam addParamGroup(List<Tensor> params) {
        return (RAdam) super.addParamGroup(params);
    }

    @Override
    public RAdam addParamGroup(List<Tensor> params, float lr) {
        return (RAdam) super.addParamGroup(params, lr);
    }

    /** Coefficients of the running averages of the gradient and its square (default 0.9, 0.999). */
    public RAdam betas(float beta1, float beta2) {
        require(beta1 >= 0f && beta1 < 1f, "beta parameter at index 0", beta1);
        require(beta2 >= 0f && beta2 < 1f, "beta parameter at index 1", beta2);
        this.beta1 = exact(beta1);
        this.beta2 = exact(beta2);
        return this;
    }

    /** Added to the denominator for stability (default 1e-8). */
    public RAdam eps(float eps) {
        require(eps >= 0f, "epsilon value", eps);
        this.eps = exact(eps);
        return this;
    }

    /** L2 penalty added to the gradient (default 0). */
    public RAdam weightDecay(float weightDecay) {
        require(weightDecay >= 0f, "weight_decay value", weightDecay);
        this.weightDecay = exact(weightDecay);
        return this;
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        if (expAvg[i] == null) {
            expAvg[i] = persistent(param::zerosLike);
            expAvgSq[i] = persistent(param::zerosLike);
        }
        int step = ++steps[i];
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        if (weightDecay != 0) {
            grad = grad.add(param, (float) weightDecay);
        }
        expAvg[i].mul_((float) beta1).add_(grad, (float) (1 - beta1));
        expAvgSq[i].mul_((float) beta2).addcmul_(grad, grad, (float) (1 - beta2));
        Tensor corrected = expAvg[i].div((float) biasCorrection1);
        // the length of the approximated simple moving average, and its limit
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * step * Math.pow(beta2, step) / biasCorrection2;
        if (rhoT > 5.) {
            double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            // PyTorch writes sqrt(bc2) / tensor, which it evaluates as tensor.reciprocal() * sqrt(bc2)
            Tensor adaptiveLr = expAvgSq[i].sqrt().add_((float) eps).reciprocal()
                    .mul((float) Math.sqrt(biasCorrection2));
            param.sub_(corrected.mul((float) lr).mul(adaptiveLr).mul((float) rect));
        } else {
            param.sub_(corrected.mul((float) lr));
        }
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
                "foreach", null);
    }
}

package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/**
 * NAdam (Dozat): Adam with Nesterov momentum and a momentum schedule that warms up over the first steps, as
 * {@code torch.optim.NAdam}. The running product of the momentum schedule is a float32 state, as PyTorch keeps it.
 */
public final class NAdam extends Optimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private double momentumDecay = 4e-3;
    private int[] steps;
    private float[] muProduct;
    private Tensor[] expAvg;
    private Tensor[] expAvgSq;

    /** NAdam with learning rate {@code lr} (PyTorch's default is 2e-3). */
    public NAdam(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        steps = countState("step");
        muProduct = floatState("mu_product");
        expAvg = tensorState("exp_avg");
        expAvgSq = tensorState("exp_avg_sq");
    }

    @Override
    public NAdam addParamGroup(List<Tensor> params) {
        return (NAdam) super.addParamGroup(params);
    }

    @Override
    public NAdam addParamGroup(List<Tensor> params, float lr) {
        return (NAdam) super.addParamGroup(params, lr);
    }

    /** Coefficients of the running averages of the gradient and its square (default 0.9, 0.999). */
    public NAdam betas(float beta1, float beta2) {
        require(beta1 >= 0f && beta1 < 1f, "beta parameter at index 0", beta1);
        require(beta2 >= 0f && beta2 < 1f, "beta parameter at index 1", beta2);
        this.beta1 = exact(beta1);
        this.beta2 = exact(beta2);
        return this;
    }

    /** Added to the denominator for stability (default 1e-8). */
    public NAdam eps(float eps) {
        require(eps >= 0f, "epsilon value", eps);
        this.eps = exact(eps);
        return this;
    }

    /** L2 penalty added to the gradient (default 0). */
    public NAdam weightDecay(float weightDecay) {
        require(weightDecay >= 0f, "weight_decay value", weightDecay);
        this.weightDecay = exact(weightDecay);
        return this;
    }

    /** How fast the momentum schedule approaches beta1 (default 4e-3). */
    public NAdam momentumDecay(float momentumDecay) {
        require(momentumDecay >= 0f, "momentum_decay value", momentumDecay);
        this.momentumDecay = exact(momentumDecay);
        return this;
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        if (expAvg[i] == null) {
            expAvg[i] = persistent(param::zerosLike);
            expAvgSq[i] = persistent(param::zerosLike);
            muProduct[i] = 1f;
        }
        int step = ++steps[i];
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        if (weightDecay != 0) {
            grad = grad.add(param, (float) weightDecay);
        }
        double mu = beta1 * (1. - 0.5 * Math.pow(0.96, step * momentumDecay));
        double muNext = beta1 * (1. - 0.5 * Math.pow(0.96, (step + 1) * momentumDecay));
        // PyTorch multiplies a float32 tensor by the Python floats, so each product rounds to float
        muProduct[i] = muProduct[i] * (float) mu;
        float muProductNext = muProduct[i] * (float) mu * (float) muNext;
        expAvg[i].mul_((float) beta1).add_(grad, (float) (1 - beta1));
        expAvgSq[i].mul_((float) beta2).addcmul_(grad, grad, (float) (1 - beta2));
        Tensor denom = expAvgSq[i].div((float) biasCorrection2).sqrt().add_((float) eps);
        param.addcdiv_(grad, denom, (float) (-lr * (1. - mu) / (1. - muProduct[i])));
        param.addcdiv_(expAvg[i], denom, (float) (-lr * muNext / (1. - muProductNext)));
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
                "momentum_decay", momentumDecay, "foreach", null);
    }
}

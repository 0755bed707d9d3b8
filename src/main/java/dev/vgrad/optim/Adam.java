package dev.vgrad.optim;

import dev.vgrad.ParamUpdate;
import dev.vgrad.Tensor;
import java.util.List;

/** Adam (Kingma and Ba), with optional L2 weight decay and AMSGrad; PyTorch's defaults. */
public class Adam extends Optimizer {
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay;
    boolean amsgrad;
    private int[] steps;
    private Tensor[] expAvg;
    private Tensor[] expAvgSq;
    private Tensor[] maxExpAvgSq;

    /** Adam with learning rate {@code lr} (PyTorch's default is 1e-3). */
    public Adam(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        steps = countState("step");
        expAvg = tensorState("exp_avg");
        expAvgSq = tensorState("exp_avg_sq");
        maxExpAvgSq = tensorState("max_exp_avg_sq");
    }

    @Override
    public Adam addParamGroup(List<Tensor> params) {
        return (Adam) super.addParamGroup(params);
    }

    @Override
    public Adam addParamGroup(List<Tensor> params, float lr) {
        return (Adam) super.addParamGroup(params, lr);
    }

    /** Coefficients of the running averages of the gradient and its square (default 0.9, 0.999). */
    public Adam betas(float beta1, float beta2) {
        require(beta1 >= 0f && beta1 < 1f, "beta parameter at index 0", beta1);
        require(beta2 >= 0f && beta2 < 1f, "beta parameter at index 1", beta2);
        this.beta1 = exact(beta1);
        this.beta2 = exact(beta2);
        return this;
    }

    /** Added to the denominator for stability (default 1e-8). */
    public Adam eps(float eps) {
        require(eps >= 0f, "epsilon value", eps);
        this.eps = exact(eps);
        return this;
    }

    /** Weight decay (default 0 for Adam, 1e-2 for AdamW). */
    public Adam weightDecay(float weightDecay) {
        require(weightDecay >= 0f, "weight_decay value", weightDecay);
        this.weightDecay = exact(weightDecay);
        return this;
    }

    /** Use the AMSGrad variant (default off). */
    public Adam amsgrad(boolean on) {
        this.amsgrad = on;
        return this;
    }

    /** Maximize the objective (default off). */
    public Adam maximize(boolean on) {
        this.maximize = on;
        return this;
    }

    /**
     * The whole update in one pass over the parameter and its state, with the same float operations as the op
     * sequence below; false when the layouts do not allow it.
     */
    private boolean fusedStep(Tensor param, Tensor grad, int i, int step) {
        float wd = 0f;
        if (this instanceof AdamW) {
            decay(param, grad);
        } else {
            wd = (float) weightDecay;
        }
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        boolean done = ParamUpdate.adam(param, grad, expAvg[i], expAvgSq[i], wd, (float) beta1,
                (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) Math.sqrt(biasCorrection2),
                (float) eps, (float) -(lr / biasCorrection1));
        if (!done && this instanceof AdamW) {
            throw new IllegalStateException("AdamW decayed the weights before finding the fused step inapplicable");
        }
        return done;
    }

    /** Adam adds the decay to the gradient; AdamW overrides this to decay the weights directly. */
    Tensor decay(Tensor param, Tensor grad) {
        return weightDecay != 0 ? grad.add(param, (float) weightDecay) : grad;
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        if (expAvg[i] == null) {
            expAvg[i] = persistent(param::zerosLike);
            expAvgSq[i] = persistent(param::zerosLike);
        }
        int step = ++steps[i];
        if (!amsgrad && fusedStep(param, grad, i, step)) {
            return;
        }
        grad = decay(param, grad);
        expAvg[i].mul_((float) beta1).add_(grad, (float) (1 - beta1));
        expAvgSq[i].mul_((float) beta2).addcmul_(grad, grad, (float) (1 - beta2));
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr / biasCorrection1;
        float biasCorrection2Sqrt = (float) Math.sqrt(biasCorrection2);
        Tensor second = expAvgSq[i];
        if (amsgrad) {
            if (maxExpAvgSq[i] == null) {
                maxExpAvgSq[i] = persistent(param::zerosLike);
            }
            maxExpAvgSq[i].copy_(maxExpAvgSq[i].maximum(expAvgSq[i]));
            second = maxExpAvgSq[i];
        }
        Tensor denom = second.sqrt().div(biasCorrection2Sqrt).add_((float) eps);
        param.addcdiv_(expAvg[i], denom, (float) -stepSize);
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
                "amsgrad", amsgrad, "maximize", maximizes(), "foreach", null, "capturable", false, "differentiable",
                false, "fused", false);
    }
}

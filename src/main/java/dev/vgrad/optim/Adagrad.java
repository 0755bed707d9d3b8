package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/** Adagrad (Duchi et al.): per-element learning rates scaled by the accumulated squared gradients. */
public final class Adagrad extends Optimizer {
    private double lrDecay;
    private double weightDecay;
    private double initialAccumulatorValue;
    private double eps = 1e-10;
    private int[] steps;
    private Tensor[] sums;

    /** Adagrad with learning rate {@code lr} (PyTorch's default is 1e-2). */
    public Adagrad(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        steps = countState("step");
        sums = tensorState("sum");
    }

    @Override
    public Adagrad addParamGroup(List<Tensor> params) {
        return (Adagrad) super.addParamGroup(params);
    }

    @Override
    public Adagrad addParamGroup(List<Tensor> params, float lr) {
        return (Adagrad) super.addParamGroup(params, lr);
    }

    /** Learning-rate decay per step (default 0). */
    public Adagrad lrDecay(float lrDecay) {
        require(lrDecay >= 0f, "lr_decay value", lrDecay);
        this.lrDecay = exact(lrDecay);
        return this;
    }

    /** L2 penalty (default 0). */
    public Adagrad weightDecay(float weightDecay) {
        require(weightDecay >= 0f, "weight_decay value", weightDecay);
        this.weightDecay = exact(weightDecay);
        return this;
    }

    /** The value the squared-gradient sums start from (default 0); takes effect for state not yet created. */
    public Adagrad initialAccumulatorValue(float value) {
        require(value >= 0f, "initial_accumulator_value value", value);
        // PyTorch fills every group's sums from the constructor's value, whatever a group says
        if (isAddedGroup()) {
            throw new IllegalStateException("initial_accumulator_value is the optimizer's, as in PyTorch: set it on "
                    + "the optimizer, not on one of its parameter groups");
        }
        for (Optimizer group : paramGroups()) {
            ((Adagrad) group).initialAccumulatorValue = exact(value);
        }
        return this;
    }

    /** Added to the denominator for stability (default 1e-10). */
    public Adagrad eps(float eps) {
        require(eps >= 0f, "epsilon value", eps);
        this.eps = exact(eps);
        return this;
    }

    /** Maximize the objective (default off). */
    public Adagrad maximize(boolean on) {
        this.maximize = on;
        return this;
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        if (sums[i] == null) {
            sums[i] = persistent(() -> Tensor.full((float) initialAccumulatorValue, param.shape()));
        }
        int step = ++steps[i];
        if (weightDecay != 0) {
            grad = grad.add(param, (float) weightDecay);
        }
        double clr = lr / (1 + (step - 1) * lrDecay);
        sums[i].addcmul_(grad, grad, 1f);
        Tensor std = sums[i].sqrt().add_((float) eps);
        param.addcdiv_(grad, std, (float) -clr);
    }

    /** PyTorch 1.13's settings of this group, in the order its param groups hold them. */
    @Override
    java.util.Map<String, Object> torchOptions() {
        return TorchOptimizerState.settings("lr_decay", lrDecay, "eps", eps, "weight_decay", weightDecay,
                "initial_accumulator_value", initialAccumulatorValue, "foreach", null, "maximize", maximizes());
    }
}

package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/** RMSprop (Hinton): gradients divided by a running root mean square, optionally centered and with momentum. */
public final class RMSprop extends Optimizer {
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double weightDecay;
    private double momentum;
    private boolean centered;
    private Tensor[] squareAvg;
    private Tensor[] gradAvg;
    private Tensor[] buffers;
    private int[] steps;

    /** RMSprop with learning rate {@code lr} (PyTorch's default is 1e-2). */
    public RMSprop(List<Tensor> params, float lr) {
        super(params, lr);
        initState();
    }

    @Override
    protected void initState() {
        steps = countState("step");   // counted only for PyTorch's state dict, which holds it
        squareAvg = tensorState("square_avg");
        gradAvg = tensorState("grad_avg");
        buffers = tensorState("momentum_buffer");
    }

    @Override
    public RMSprop addParamGroup(List<Tensor> params) {
        return (RMSprop) super.addParamGroup(params);
    }

    @Override
    public RMSprop addParamGroup(List<Tensor> params, float lr) {
        return (RMSprop) super.addParamGroup(params, lr);
    }

    /** Smoothing constant (default 0.99). */
    public RMSprop alpha(float alpha) {
        require(alpha >= 0f, "alpha value", alpha);
        this.alpha = exact(alpha);
        return this;
    }

    /** Added to the denominator for stability (default 1e-8). */
    public RMSprop eps(float eps) {
        require(eps >= 0f, "epsilon value", eps);
        this.eps = exact(eps);
        return this;
    }

    /** L2 penalty (default 0). */
    public RMSprop weightDecay(float weightDecay) {
        require(weightDecay >= 0f, "weight_decay value", weightDecay);
        this.weightDecay = exact(weightDecay);
        return this;
    }

    /** Momentum factor (default 0). */
    public RMSprop momentum(float momentum) {
        require(momentum >= 0f, "momentum value", momentum);
        this.momentum = exact(momentum);
        return this;
    }

    /** Normalize by the estimated variance of the gradient instead of its second moment (default off). */
    public RMSprop centered(boolean on) {
        this.centered = on;
        return this;
    }

    /** Maximize the objective (default off). */
    public RMSprop maximize(boolean on) {
        this.maximize = on;
        return this;
    }

    @Override
    protected void update(int i, Tensor param, Tensor grad) {
        steps[i]++;
        if (squareAvg[i] == null) {
            squareAvg[i] = persistent(param::zerosLike);
        }
        if (weightDecay != 0) {
            grad = grad.add(param, (float) weightDecay);
        }
        squareAvg[i].mul_((float) alpha).addcmul_(grad, grad, (float) (1 - alpha));
        Tensor avg;
        if (centered) {
            if (gradAvg[i] == null) {
                gradAvg[i] = persistent(param::zerosLike);
            }
            gradAvg[i].mul_((float) alpha).add_(grad, (float) (1 - alpha));
            avg = squareAvg[i].addcmul(gradAvg[i], gradAvg[i], -1f).sqrt_();
        } else {
            avg = squareAvg[i].sqrt();
        }
        avg.add_((float) eps);
        if (momentum > 0) {
            if (buffers[i] == null) {
                buffers[i] = persistent(param::zerosLike);
            }
            buffers[i].mul_((float) momentum).addcdiv_(grad, avg, 1f);
            param.add_(buffers[i], (float) -lr);
        } else {
            param.addcdiv_(grad, avg, (float) -lr);
        }
    }

    @Override
    boolean cycleMomentum(double momentum) {
        this.momentum = momentum;
        return true;
    }

    /** PyTorch 1.13's settings of this group, in the order its param groups hold them. */
    @Override
    java.util.Map<String, Object> torchOptions() {
        return TorchOptimizerState.settings("momentum", momentum, "alpha", alpha, "eps", eps, "centered", centered,
                "weight_decay", weightDecay, "foreach", null, "maximize", maximizes(), "differentiable", false);
    }

    /** PyTorch keeps this optimizer's step count as an int, not a tensor. */
    @Override
    boolean torchStepIsInt() {
        return true;
    }
}

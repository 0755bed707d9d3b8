package dev.vgrad.optim;

import dev.vgrad.Tensor;
import java.util.List;

/** Adam with decoupled weight decay (Loshchilov and Hutter): the weights shrink by lr * weightDecay each step. */
public final class AdamW extends Adam {
    /** AdamW with learning rate {@code lr} and PyTorch's default weight decay 1e-2. */
    public AdamW(List<Tensor> params, float lr) {
        super(params, lr);
        weightDecay = 1e-2;
    }

    @Override
    public AdamW addParamGroup(List<Tensor> params) {
        return (AdamW) super.addParamGroup(params);
    }

    @Override
    public AdamW addParamGroup(List<Tensor> params, float lr) {
        return (AdamW) super.addParamGroup(params, lr);
    }

    @Override
    public AdamW betas(float beta1, float beta2) {
        super.betas(beta1, beta2);
        return this;
    }

    @Override
    public AdamW eps(float eps) {
        super.eps(eps);
        return this;
    }

    @Override
    public AdamW weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public AdamW amsgrad(boolean on) {
        super.amsgrad(on);
        return this;
    }

    @Override
    public AdamW maximize(boolean on) {
        super.maximize(on);
        return this;
    }

    @Override
    Tensor decay(Tensor param, Tensor grad) {
        param.mul_((float) (1 - lr * weightDecay));
        return grad;
    }

    /** PyTorch 1.13's settings of this group, in the order its param groups hold them. */
    @Override
    java.util.Map<String, Object> torchOptions() {
        return TorchOptimizerState.settings("betas", List.of(beta1, beta2), "eps", eps, "weight_decay", weightDecay,
                "amsgrad", amsgrad, "foreach", null, "maximize", maximizes(), "capturable", false);
    }
}

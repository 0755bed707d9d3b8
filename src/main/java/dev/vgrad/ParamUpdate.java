package dev.vgrad;

import dev.vgrad.kernels.Fused;

/**
 * Optimizer updates fused into one pass over a parameter and its state, for optimizers built on the core (as
 * PyTorch's {@code torch._fused_adam_}). Each does exactly the float operations of the unfused op sequence, bumps
 * the version of every tensor it writes, and applies only when every operand is contiguous, of one shape, and
 * not recorded; {@code false} means "not applicable here, use the unfused ops".
 */
public final class ParamUpdate {
    private ParamUpdate() {}

    /**
     * One Adam step without AMSGrad: {@code g' = g + wd * p}, {@code m = b1 m + (1-b1) g'},
     * {@code v = b2 v + (1-b2) g'^2}, {@code p -= step * m / (sqrt(v) / bc2 + eps)}. The scalars are passed as
     * the float values the unfused ops would use.
     */
    public static boolean adam(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, float weightDecay,
                               float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                               float biasCorrection2Sqrt, float eps, float negStepSize) {
        if (!Graph.fusable(param, grad) || !Graph.fusable(param, expAvg) || !Graph.fusable(param, expAvgSq)) {
            return false;
        }
        param.checkWritable();
        expAvg.checkWritable();
        expAvgSq.checkWritable();
        Fused.adam(param.numel(), param.array(), param.offset, grad.array(), grad.offset, expAvg.array(), expAvg.offset,
                expAvgSq.array(), expAvgSq.offset, weightDecay, beta1, oneMinusBeta1, beta2, oneMinusBeta2,
                biasCorrection2Sqrt, eps, negStepSize);
        param.versionCounter().bump();
        expAvg.versionCounter().bump();
        expAvgSq.versionCounter().bump();
        return true;
    }
}

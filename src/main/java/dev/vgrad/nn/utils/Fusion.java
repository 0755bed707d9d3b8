package dev.vgrad.nn.utils;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.BatchNorm;
import dev.vgrad.nn.Conv1d;
import dev.vgrad.nn.Conv2d;
import dev.vgrad.nn.Conv3d;
import dev.vgrad.nn.ConvTranspose1d;
import dev.vgrad.nn.ConvTranspose2d;
import dev.vgrad.nn.ConvTranspose3d;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Module;

/**
 * {@code torch.nn.utils.fusion}: a convolution or linear layer followed by batch norm in eval mode folded into one
 * layer (weight scaled per output channel by {@code gamma / sqrt(running_var + eps)}, bias shifted by the running mean
 * and beta), as PyTorch 1.13 computes it. The fused layer is a new one of the same kind and settings, with a bias
 * whether or not the first had one; the inputs are left as they were. PyTorch's fused layer is a deep copy, which also
 * carries the first layer's hooks; vgrad's carries none.
 */
public final class Fusion {
    private Fusion() {}

    /** {@code fuse_conv_bn_eval(conv, bn)}: for Conv1d, Conv2d and Conv3d. */
    public static <M extends Module> M fuseConvBnEval(M conv, BatchNorm bn) {
        return fuseConvBnEval(conv, bn, false);
    }

    /**
     * {@code fuse_conv_bn_eval(conv, bn, transpose)}: {@code transpose} says the weight's output channels are its
     * dimension 1 (a transposed convolution's [in, out / groups, k...]). Both modules must be in eval mode, and the
     * layer a Conv1d, Conv2d, Conv3d or ConvTranspose1d, 2d or 3d.
     */
    public static <M extends Module> M fuseConvBnEval(M conv, BatchNorm bn, boolean transpose) {
        requireEval("fuse_conv_bn_eval", conv, bn);
        Tensor[] fused = fuseConvBnWeights(conv.tensorAttribute("weight"), biasOf(conv),
                bn.runningMean, bn.runningVar, bn.eps(), bn.weight, bn.bias, transpose);
        return withParameters(conv, fused);
    }

    /**
     * {@code fuse_conv_bn_weights}: the fused weight and bias as new leaf tensors that require grad (PyTorch's
     * Parameters); a null conv bias, bn weight or bn bias counts as zeros, ones and zeros.
     */
    public static Tensor[] fuseConvBnWeights(Tensor convW, Tensor convB, Tensor bnRm, Tensor bnRv, float bnEps,
                                             Tensor bnW, Tensor bnB, boolean transpose) {
        try (var noGrad = GradMode.noGrad()) {
            Tensor b = convB != null ? convB : bnRm.zerosLike();
            Tensor w = bnW != null ? bnW : bnRm.onesLike();
            Tensor shift = bnB != null ? bnB : bnRm.zerosLike();
            Tensor rsqrt = bnRv.add(bnEps).rsqrt();
            int[] shape = new int[convW.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[transpose ? 1 : 0] = -1;
            Tensor fusedW = convW.mul(w.mul(rsqrt).reshape(shape));
            Tensor fusedB = b.sub(bnRm).mul(rsqrt).mul(w).add(shift);
            return new Tensor[] {fusedW.requiresGrad_(true), fusedB.requiresGrad_(true)};
        }
    }

    /** {@code fuse_linear_bn_eval(linear, bn)}: both in eval mode. */
    public static Linear fuseLinearBnEval(Linear linear, BatchNorm bn) {
        requireEval("fuse_linear_bn_eval", linear, bn);
        Tensor[] fused = fuseLinearBnWeights(linear.weight, linear.bias, bn.runningMean, bn.runningVar, bn.eps(),
                bn.weight, bn.bias);
        return withParameters(linear, fused);
    }

    /**
     * {@code fuse_linear_bn_weights}: the fused weight and bias as new leaf tensors that require grad; a null linear
     * bias counts as zeros. The batch norm's weight and bias are needed here, as in PyTorch.
     */
    public static Tensor[] fuseLinearBnWeights(Tensor linearW, Tensor linearB, Tensor bnRm, Tensor bnRv, float bnEps,
                                               Tensor bnW, Tensor bnB) {
        if (bnW == null || bnB == null) {
            throw new IllegalArgumentException("fuse_linear_bn_weights needs the batch norm's weight and bias "
                    + "(affine)");
        }
        try (var noGrad = GradMode.noGrad()) {
            Tensor b = linearB != null ? linearB : bnRm.zerosLike();
            Tensor scale = bnW.mul(bnRv.add(bnEps).rsqrt());
            Tensor fusedW = linearW.mul(scale.unsqueeze(-1));
            Tensor fusedB = b.sub(bnRm).mul(scale).add(bnB);
            return new Tensor[] {fusedW.requiresGrad_(true), fusedB.requiresGrad_(true)};
        }
    }

    /** The layer's bias, or null where it has none. */
    private static Tensor biasOf(Module layer) {
        try {
            return layer.tensorAttribute("bias");
        } catch (IllegalArgumentException none) {
            return null;
        }
    }

    private static void requireEval(String op, Module layer, BatchNorm bn) {
        if (layer.isTraining() || bn.isTraining()) {
            throw new IllegalArgumentException(op + ": Fusion only for eval! (" + layer.getClass().getSimpleName()
                    + (layer.isTraining() ? " is" : " is not") + " in training mode, " + bn.getClass().getSimpleName()
                    + (bn.isTraining() ? " is)" : " is not)"));
        }
        if (bn.runningMean == null) {
            throw new IllegalArgumentException(op + ": the batch norm tracks no running statistics to fold in");
        }
    }

    /**
     * A new layer of {@code layer}'s kind and settings holding {@code weightAndBias} (its own draws, from a throwaway
     * generator, are replaced), in eval mode.
     */
    @SuppressWarnings("unchecked")
    private static <M extends Module> M withParameters(M layer, Tensor[] weightAndBias) {
        Generator g = new Generator(0);
        Module fused;
        if (layer.getClass() == Linear.class) {
            Linear l = (Linear) layer;
            fused = new Linear(l.inFeatures(), l.outFeatures(), true, g);
        } else if (layer.getClass() == Conv1d.class) {
            Conv1d c = (Conv1d) layer;
            fused = c.paddingString() != null
                    ? new Conv1d(c.inChannels(), c.outChannels(), c.kernelSize()[0], c.stride()[0], c.paddingString(),
                            c.dilation()[0], c.groups(), true, g)
                    : new Conv1d(c.inChannels(), c.outChannels(), c.kernelSize()[0], c.stride()[0], c.padding()[0],
                            c.dilation()[0], c.groups(), true, g);
        } else if (layer.getClass() == Conv2d.class) {
            Conv2d c = (Conv2d) layer;
            fused = c.paddingString() != null
                    ? new Conv2d(c.inChannels(), c.outChannels(), c.kernelSize(), c.stride(), c.paddingString(),
                            c.dilation(), c.groups(), true, g)
                    : new Conv2d(c.inChannels(), c.outChannels(), c.kernelSize(), c.stride(), c.padding(),
                            c.dilation(), c.groups(), true, g);
        } else if (layer.getClass() == Conv3d.class) {
            Conv3d c = (Conv3d) layer;
            fused = new Conv3d(c.inChannels(), c.outChannels(), c.kernelSize()[0], c.stride()[0], c.padding()[0],
                    c.dilation()[0], c.groups(), true, g);
        } else if (layer.getClass() == ConvTranspose1d.class) {
            ConvTranspose1d c = (ConvTranspose1d) layer;
            fused = new ConvTranspose1d(c.inChannels(), c.outChannels(), c.kernelSize(), c.stride(), c.padding(),
                    c.outputPadding(), c.groups(), true, c.dilation(), g);
        } else if (layer.getClass() == ConvTranspose2d.class) {
            ConvTranspose2d c = (ConvTranspose2d) layer;
            fused = new ConvTranspose2d(c.inChannels(), c.outChannels(), c.kernelSize(), c.stride(), c.padding(),
                    c.outputPadding(), c.groups(), true, c.dilation(), g);
        } else if (layer.getClass() == ConvTranspose3d.class) {
            ConvTranspose3d c = (ConvTranspose3d) layer;
            fused = new ConvTranspose3d(c.inChannels(), c.outChannels(), c.kernelSize(), c.stride(), c.padding(),
                    c.outputPadding(), c.groups(), true, c.dilation(), g);
        } else {
            throw new IllegalArgumentException("fusion makes a new Linear, Conv1d, Conv2d, Conv3d or ConvTranspose1d, "
                    + "2d or 3d; got " + layer.getClass().getName());
        }
        try (var noGrad = GradMode.noGrad()) {
            fused.tensorAttribute("weight").copy_(weightAndBias[0]);
            fused.tensorAttribute("bias").copy_(weightAndBias[1]);
        }
        fused.eval();
        return (M) fused;
    }
}

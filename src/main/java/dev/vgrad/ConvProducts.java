package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.ConvGemm;
import dev.vgrad.kernels.ConvGeometry;

/**
 * 2-D convolution as three differentiable ops on {@link ConvGemm}'s implicit-GEMM kernels: the convolution, the
 * gradient of its input, and the gradient of its weights. The three are bilinear and each one's derivatives are the
 * other two (PyTorch's convolution_backward and its double backward follow the same identities):
 * <ul>
 *   <li>{@code y = conv(x, w)}: dx = inputGrad(g, w), dw = weightGrad(x, g);</li>
 *   <li>{@code dx = inputGrad(g, w)}, since {@code <h, dx> = <g, conv(h, w)>}: dg = conv(h, w), dw = weightGrad(h, g);</li>
 *   <li>{@code dw = weightGrad(x, g)}, since {@code <h, dw> = <g, conv(x, h)>}: dx = inputGrad(g, h), dg = conv(x, h).</li>
 * </ul>
 * So a convolution is one node forward and one kernel call per gradient backward (as unfold + GEMM + reshapes it was
 * seven nodes, a patch matrix and a fold), and differentiable to any order.
 */
final class ConvProducts {
    private ConvProducts() {}

    /** {@link Tensor#conv2d}: checks the arguments, then runs the convolution. */
    static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        if (x.dim() != 4 || weight.dim() != 4) {
            throw new IllegalArgumentException("conv2d: expected input [N, C, H, W] and weight [O, C/groups, kh, kw], "
                    + "got " + Shapes.str(x.shape) + " and " + Shapes.str(weight.shape));
        }
        int channels = x.shape[1], out = weight.shape[0];
        if (groups <= 0 || out % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups must be positive and divide the " + out
                    + " output channels, got groups=" + groups);
        }
        if (channels != weight.shape[1] * groups) {
            throw new IllegalArgumentException("Given groups=" + groups + ", weight of size " + Shapes.str(weight.shape)
                    + ", expected input" + Shapes.str(x.shape) + " to have " + weight.shape[1] * groups
                    + " channels, but got " + channels + " channels instead");
        }
        if (bias != null && (bias.dim() != 1 || bias.shape[0] != out)) {
            throw new IllegalArgumentException("conv2d: bias must be [" + out + "], got " + Shapes.str(bias.shape));
        }
        int[] kernel = {weight.shape[2], weight.shape[3]};
        ConvGeometry geo = Patches.Window.of("conv2d", channels / groups, x.shape[2], x.shape[3], kernel, dilation,
                padding, stride).geometry();
        return forward(x, weight, bias, geo, groups);
    }

    /** {@code conv(x, w) + bias}: [N, O, outH, outW]. */
    private static Tensor forward(Tensor x, Tensor w, Tensor bias, ConvGeometry geo, int groups) {
        int n = x.shape[0], out = w.shape[0];
        Tensor xd = Compute.dense(x), wd = Compute.dense(w), bd = Compute.dense(bias);
        Tensor y = Tensor.empty(new int[] {n, out, geo.outH(), geo.outW()}, "conv2d");
        ConvGemm.forward(geo, n, groups, out / groups, xd.array(), xd.offset, wd.array(), wd.offset,
                bd == null ? null : bd.array(), bd == null ? 0 : bd.offset, y.array(), y.offset);
        if (!(bias == null ? Graph.recording(x, w) : Graph.recording(x, w, bias))) {
            return y;
        }
        int[] inputShape = x.shape.clone(), weightShape = w.shape.clone();
        y.setGradFn(new Node("ConvolutionBackward0", x, w, bias) {
            private final SavedTensor sx = needsGrad(1) ? save(x) : null;
            private final SavedTensor sw = needsGrad(0) ? save(w) : null;

            @Override
            protected Tensor[] apply(Tensor g) {
                // The weight's and bias's gradients go straight into their grads where the pass allows it.
                Tensor wInto = needsGrad(1) ? accumulator(1) : null, bInto = needsGrad(2) ? accumulator(2) : null;
                if (wInto != null) {
                    writeWeightGrad(sx.get(), g, geo, groups, wInto, true);
                }
                if (bInto != null) {
                    writeBiasGrad(g, bInto, true);
                }
                return grads(
                    needsGrad(0) ? inputGrad(g, sw.get(), geo, groups, inputShape) : null,
                    needsGrad(1) && wInto == null ? weightGrad(sx.get(), g, geo, groups, weightShape) : null,
                    needsGrad(2) && bInto == null ? biasGrad(g) : null);
            }
        });
        return y;
    }

    /**
     * The bias's gradient: g summed over images and positions. Under createGraph the differentiable sum; otherwise one
     * pass of a kernel (the general reduction over dims 0, 2, 3 allocated 600 bytes of shapes and layouts a call).
     */
    private static Tensor biasGrad(Tensor g) {
        if (Graph.recording(g)) {
            return g.sum(new int[] {0, 2, 3}, false);
        }
        Tensor db = Tensor.empty(Shapes.of(g.shape[1]), "conv2d_bias_backward");
        writeBiasGrad(g, db, false);
        return db;
    }

    /** The bias's gradient into the contiguous {@code dst}, or with {@code accumulate} added to it; untracked. */
    private static void writeBiasGrad(Tensor g, Tensor dst, boolean accumulate) {
        Tensor gd = Compute.dense(g);
        ConvGemm.biasGrad(g.shape[0], g.shape[1], g.shape[2] * g.shape[3], gd.array(), gd.offset, dst.array(),
                dst.offset, accumulate);
    }

    /**
     * The weights' gradient from x and g written into the contiguous {@code dst} (of the weights' shape), or with
     * {@code accumulate} added to it; untracked.
     */
    private static void writeWeightGrad(Tensor x, Tensor g, ConvGeometry geo, int groups, Tensor dst,
                                        boolean accumulate) {
        Tensor xd = Compute.dense(x), gd = Compute.dense(g);
        ConvGemm.weightGrad(geo, x.shape[0], groups, dst.shape[0] / groups, xd.array(), xd.offset, gd.array(),
                gd.offset, dst.array(), dst.offset, accumulate);
    }

    /** The gradient of conv(x, w) with respect to x (of {@code inputShape}), given the output's gradient g. */
    private static Tensor inputGrad(Tensor g, Tensor w, ConvGeometry geo, int groups, int[] inputShape) {
        Tensor gd = Compute.dense(g), wd = Compute.dense(w);
        Tensor dx = Tensor.empty(inputShape.clone(), "conv2d_input_backward");
        ConvGemm.inputGrad(geo, inputShape[0], groups, w.shape[0] / groups, gd.array(), gd.offset, wd.array(),
                wd.offset, dx.array(), dx.offset);
        if (!Graph.recording(g, w)) {
            return dx;
        }
        int[] weightShape = w.shape.clone();
        dx.setGradFn(new Node("ConvolutionBackwardInput", g, w) {
            private final SavedTensor sg = needsGrad(1) ? save(g) : null;
            private final SavedTensor sw = needsGrad(0) ? save(w) : null;

            @Override
            protected Tensor[] apply(Tensor h) {
                return grads(
                    needsGrad(0) ? forward(h, sw.get(), null, geo, groups) : null,
                    needsGrad(1) ? weightGrad(h, sg.get(), geo, groups, weightShape) : null);
            }
        });
        return dx;
    }

    /** The gradient of conv(x, w) with respect to w (of {@code weightShape}), given the output's gradient g. */
    private static Tensor weightGrad(Tensor x, Tensor g, ConvGeometry geo, int groups, int[] weightShape) {
        Tensor dw = Tensor.empty(weightShape.clone(), "conv2d_weight_backward");
        writeWeightGrad(x, g, geo, groups, dw, false);
        if (!Graph.recording(x, g)) {
            return dw;
        }
        int[] inputShape = x.shape.clone();
        dw.setGradFn(new Node("ConvolutionBackwardWeight", x, g) {
            private final SavedTensor sx = needsGrad(1) ? save(x) : null;
            private final SavedTensor sg = needsGrad(0) ? save(g) : null;

            @Override
            protected Tensor[] apply(Tensor h) {
                return grads(
                    needsGrad(0) ? inputGrad(sg.get(), h, geo, groups, inputShape) : null,
                    needsGrad(1) ? forward(sx.get(), h, null, geo, groups) : null);
            }
        });
        return dw;
    }
}

package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.BinaryOp;
import dev.vgrad.kernels.Elementwise;
import dev.vgrad.kernels.Sgemm;
import dev.vgrad.kernels.UnaryOp;
import dev.vgrad.memory.Storage;

/**
 * {@code linear(relu(linear(x, w1, b1)), w2, b2)} as one op: a transformer layer's feed-forward block. Forward, the
 * hidden layer is computed a block of rows at a time ({@link Sgemm#blockRows}) and each block's relu taken right
 * after its product, while the block is still in L2; backward, the hidden layer's gradient {@code g w2} is computed
 * the same way and each block masked where the hidden layer was positive. Composed, the relu and its backward were
 * each one more pass over the whole [rows, dimFeedforward] hidden layer from beyond L2: at batch 64 of a 64-position,
 * 128 -> 512 layer, 8 MB read and 8 MB written for each. On an Intel Xeon whose 480 MB L3 holds that layer the
 * blocks' size did not matter (256 to 4 096 rows alike) and the gain came from relu and its mask done in place right
 * after their products; the blocks are for CPUs whose L3 does not hold it. (b1's gradient taken block by block as
 * well moved nothing there, so it stays linear's own pass.)
 *
 * <p>Where the engine frees the saved tensors right after backward (no retainGraph), the hidden layer's gradient is
 * written over the hidden layer, read just before by w2's gradient, instead of into new memory: a step's new memory
 * is memory the step before last touched, beyond the caches by now (the encoder block's step took 60 MB of it before
 * the engine gave gradients back early, and on the Intel Xeon of 2026-12-06 one core wrote memory of a 128 MB working
 * set at 8.6 GB/s against 25 GB/s within 32 MB; a 512 x 512 x 128 product ran 455 us into a C it had just written and
 * 600 into one of 24 such in turn). Each block's product goes to one block-sized buffer, reused block after block,
 * from which relu's backward writes the block's gradient over the hidden layer's, lines it has just read. There
 * (family 6 model 167, one thread, batch 64, 3 x 10 steps alternated twice in one throwaway loop) the block step's
 * backward went from 33.9-35.5 to 32.3-33.0 ms and the character transformer's from 76.8-78.9 to 72.7-74.1 ms.
 *
 * <p>The same bits as the composition: each block is the same product for its rows (Sgemm's result does not depend
 * on how C is split), the relu and the mask are the elementwise ops relu and its backward run, and the parameters'
 * gradients come from {@link LinearAlgebra.LinearGradients} as linear's own. Under createGraph the backward rule
 * spells the composition's rules in recorded ops, so the block stays differentiable to any order.
 */
final class LinearReluLinear {
    private LinearReluLinear() {}

    /** Whether the fused op takes these operands; the caller composes the block from linear and relu otherwise. */
    static boolean fusable(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        int r = x.dim();
        return r >= 2 && x.contiguous && w1.dim() == 2 && w1.contiguous && w2.dim() == 2 && w2.contiguous
                && b1 != null && b1.dim() == 1 && b1.contiguous && b2 != null && b2.dim() == 1 && b2.contiguous
                && w1.shape[1] == x.shape[r - 1] && b1.shape[0] == w1.shape[0] && w2.shape[1] == w1.shape[0]
                && b2.shape[0] == w2.shape[0];
    }

    /** The block for operands {@link #fusable} accepts. */
    static Tensor apply(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        int r = x.dim(), m = LinearAlgebra.leadingRows(x.shape), e = x.shape[r - 1], f = w1.shape[0];
        int out = w2.shape[0];
        Tensor hidden = Tensor.empty(Shapes.with(x.shape, r - 1, f), "linear_relu_linear");
        float[] h = hidden.array();
        for (int from = 0, block = Sgemm.blockRows(f); from < m; from += block) {
            int rows = Math.min(block, m - from);
            int at = hidden.offset + from * f;
            Sgemm.sgemmWithBias(false, true, rows, f, e, x.array(), x.offset + from * e, e, w1.array(), w1.offset, e,
                    b1.array(), b1.offset, h, at, f);
            Elementwise.unary(UnaryOp.RELU, 0f, 0f, rows * f, h, at, 1, h, at, 1);
        }
        Tensor y = Tensor.empty(Shapes.with(x.shape, r - 1, out), "linear_relu_linear");
        Sgemm.sgemmWithBias(false, true, m, out, f, h, hidden.offset, f, w2.array(), w2.offset, f, b2.array(), b2.offset,
                y.array(), y.offset, out);
        if (Graph.recording(b1, x, w1) || Graph.recording(b2, w2)) {
            y.setGradFn(new Backward(x, w1, b1, w2, b2, hidden));
        }
        return y;
    }

    /** Edges: 0 b1, 1 x, 2 w1 (as linear's node orders its bias, input and weight), 3 b2, 4 w2. */
    private static final class Backward extends LinearAlgebra.LinearGradients {
        private final SavedTensor savedX, savedW1, savedB1, savedW2, savedHidden;
        private final int[] xShape, w1Shape, b1Shape, w2Shape, b2Shape;

        Backward(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor hidden) {
            super("LinearReluLinearBackward", b1, x, w1, b2, w2);
            savedX = save(x);
            savedW1 = save(w1);
            savedB1 = save(b1);
            savedW2 = save(w2);
            savedHidden = save(hidden);
            xShape = x.shape;
            w1Shape = w1.shape;
            b1Shape = b1.shape;
            w2Shape = w2.shape;
            b2Shape = b2.shape;
        }

        @Override
        protected Tensor[] apply(Tensor g) {
            if (GradMode.isEnabled()) {
                return composed(g);
            }
            int m = LinearAlgebra.leadingRows(xShape), e = xShape[xShape.length - 1], f = w1Shape[0];
            int out = w2Shape[0];
            Tensor rows = g.contiguous ? g : Compute.copy(g), hidden = savedHidden.get();
            Tensor[] grads = new Tensor[5];
            weightAndBiasGrads(4, 3, g, rows, hidden, out, f, m, w2Shape, b2Shape, null, grads);
            if (!(needsGrad(0) || needsGrad(1) || needsGrad(2))) {
                return grads;
            }
            // The hidden layer's gradient, block by block: g w2, then relu's backward (zero where hidden is not > 0).
            // At the saved tensors' last use it goes over the hidden layer itself, which only this op can reach: each
            // block's product into one block-sized buffer, then masked into the hidden layer's block (see the class's
            // comment).
            Tensor w2 = savedW2.get();
            boolean overHidden = lastUse();
            Tensor dHidden = overHidden ? hidden : Tensor.empty(hidden.shape, "linear_relu_linear_backward");
            int block = Sgemm.blockRows(f);
            float[] products = overHidden
                    ? Storage.allocate(Math.min(block, m) * f, "linear_relu_linear_backward").array()
                    : dHidden.array();
            float[] h = hidden.array(), dh = dHidden.array();
            for (int from = 0; from < m; from += block) {
                int n = Math.min(block, m - from), at = dHidden.offset + from * f, product = overHidden ? 0 : at;
                Sgemm.sgemm(false, false, n, f, out, 1f, rows.array(), rows.offset + from * out, out, w2.array(),
                        w2.offset, f, 0f, products, product, f);
                Elementwise.binary(BinaryOp.RELU_GRAD, n * f, products, product, 1, h, hidden.offset + from * f, 1,
                        dh, at, 1);
            }
            if (needsGrad(1)) {
                grads[1] = Tensor.empty(xShape, "linear_relu_linear_backward");
                LinearAlgebra.product(false, dHidden, false, savedW1.get(), m, e, f, 0f, grads[1]);
            }
            weightAndBiasGrads(2, 0, dHidden, dHidden, needsGrad(2) ? savedX.get() : null, f, e, m, w1Shape, b1Shape,
                    null, grads);
            return grads;
        }

        /** The composition's backward rules in recorded ops (createGraph): the hidden layer recomputed, recorded. */
        private Tensor[] composed(Tensor g) {
            Tensor x = savedX.get(), w1 = savedW1.get(), w2 = savedW2.get();
            int m = LinearAlgebra.leadingRows(xShape), e = xShape[xShape.length - 1], f = w1Shape[0];
            Tensor hidden = LinearAlgebra.linear(x, w1, savedB1.get()).relu();
            Tensor g2 = g.reshape(m, w2Shape[0]), h2 = hidden.reshape(m, f);
            Tensor dHidden = Pointwise.zeroUnless(g2.mm(w2), h2);
            return new Tensor[] {
                needsGrad(0) ? Reduction.sumTo(dHidden, b1Shape) : null,
                needsGrad(1) ? dHidden.mm(w1).reshape(xShape) : null,
                needsGrad(2) ? dHidden.t().mm(x.reshape(m, e)) : null,
                needsGrad(3) ? Reduction.sumTo(g, b2Shape) : null,
                needsGrad(4) ? g2.t().mm(h2) : null};
        }
    }
}

package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.Reductions;
import dev.vgrad.kernels.Sgemm;

/**
 * Matrix products with {@code torch.matmul}'s rules. Operands reach the GEMM without being copied whenever
 * their last two dimensions have a unit stride on either side: a transposed view is passed as a transpose
 * flag, which is how backward's {@code dA = dC * B^T} and {@code dB = A^T * dC} run on the forward's own
 * storage.
 */
final class LinearAlgebra {
    private LinearAlgebra() {}

    static Tensor matmul(Tensor a, Tensor b) {
        int da = a.dim(), db = b.dim();
        if (da == 0 || db == 0) {
            throw new IllegalArgumentException("both arguments to matmul need to be at least 1D, but they are " + da
                    + "D and " + db + "D");
        }
        if (da == 1 && db == 1) {
            return dot(a, b);
        }
        if (da == 2 && db == 1) {
            return mv(a, b);
        }
        if (da == 1 && db == 2) {
            Tensor row = mm(a.unsqueeze(0), b);
            return Views.viewAs(row, new int[] {b.shape[1]}, "SqueezeBackward3");
        }
        if (da == 2 && db == 2) {
            return mm(a, b);
        }
        if (da >= 3 && db == 2 && a.shape[da - 1] == b.shape[0] && a.numel() > 0) {
            // torch.matmul's fold: [..., m, k] x [k, n] is one [(...) m, k] x [k, n] product (a copied where its
            // layout allows no such view), so b is packed once and backward's db is one product, not a batch of
            // products summed.
            int[] shape = a.shape.clone();
            shape[da - 1] = b.shape[1];
            return Views.viewAs(mm(a.reshape(-1, b.shape[0]), b), shape, "UnsafeViewBackward0");
        }
        // Batched: 1-D operands become a row (a) or a column (b), and the result is viewed back to the shape
        // torch.matmul gives, under PyTorch's node name for that view.
        Tensor out = batched(da == 1 ? a.unsqueeze(0) : a, db == 1 ? b.unsqueeze(-1) : b);
        int[] shape = out.shape;
        int drop = (da == 1 ? 1 : 0) + (db == 1 ? 1 : 0);
        int[] finalShape = java.util.Arrays.copyOf(shape, shape.length - drop);
        if (da == 1 && db != 1) {
            finalShape[finalShape.length - 1] = shape[shape.length - 1];
        }
        return Views.viewAs(out, finalShape, "UnsafeViewBackward0");
    }

    static Tensor dot(Tensor a, Tensor b) {
        if (a.numel() != b.numel()) {
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor " + Shapes.str(a.shape)
                    + " and src " + Shapes.str(b.shape) + " to have the same number of elements, but got " + a.numel()
                    + " and " + b.numel() + " elements respectively");
        }
        Tensor out = Tensor.scalar(Reductions.dot(a.numel(), a.array(), a.offset, a.stride[0], b.array(), b.offset,
                b.stride[0]));
        if (Graph.recording(a, b)) {
            out.setGradFn(new Node("DotBackward0", a, b) {
                private final SavedTensor sa = needsGrad(1) ? save(a) : null;
                private final SavedTensor sb = needsGrad(0) ? save(b) : null;

                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(needsGrad(0) ? sb.get().mul(g) : null, needsGrad(1) ? sa.get().mul(g) : null);
                }
            });
        }
        return out;
    }

    static Tensor mv(Tensor a, Tensor b) {
        if (a.shape[1] != b.shape[0]) {
            throw new IllegalArgumentException("size mismatch, got input (" + a.shape[0] + "), mat (" + a.shape[0] + "x"
                    + a.shape[1] + "), vec (" + b.shape[0] + ")");
        }
        Tensor out = Tensor.empty(Shapes.of(a.shape[0]));
        gemm(a, b.unsqueeze(1), out.array(), 0);
        if (Graph.recording(a, b)) {
            out.setGradFn(new Node("MvBackward0", a, b) {
                private final SavedTensor sa = needsGrad(1) ? save(a) : null;
                private final SavedTensor sb = needsGrad(0) ? save(b) : null;

                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(
                        needsGrad(0) ? g.unsqueeze(1).mm(sb.get().unsqueeze(0)) : null,
                        needsGrad(1) ? sa.get().t().mv(g) : null);
                }
            });
        }
        return out;
    }

    static Tensor mm(Tensor a, Tensor b) {
        if (a.dim() != 2) {
            throw new IllegalArgumentException("self must be a matrix (mm: got shape " + Shapes.str(a.shape) + ")");
        }
        if (b.dim() != 2) {
            throw new IllegalArgumentException("mat2 must be a matrix (mm: got shape " + Shapes.str(b.shape) + ")");
        }
        if (a.shape[1] != b.shape[0]) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + a.shape[0] + "x"
                    + a.shape[1] + " and " + b.shape[0] + "x" + b.shape[1] + ")");
        }
        Tensor out = Tensor.empty(Shapes.of(a.shape[0], b.shape[1]));
        gemm(a, b, out.array(), 0);
        if (Graph.recording(a, b)) {
            out.setGradFn(new Node("MmBackward0", a, b) {
                private final SavedTensor sa = needsGrad(1) ? save(a) : null;
                private final SavedTensor sb = needsGrad(0) ? save(b) : null;

                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(
                        needsGrad(0) ? gradOfLeft(g, sb.get(), a) : null,
                        needsGrad(1) ? gradOfRight(sa.get(), g, b) : null);
                }
            });
        }
        return out;
    }

    /**
     * d(a b)/da = g b^T, produced in a's own layout: for a transposed view (column-major), as (b g^T)^T, so that the
     * gradient reaching a's source is contiguous and accumulates with the fast kernels (PyTorch's mm_mat1_backward).
     */
    private static Tensor gradOfLeft(Tensor g, Tensor b, Tensor a) {
        return colMajorView(a) ? b.mm(g.t()).t() : g.mm(b.t());
    }

    /** d(a b)/db = a^T g, in b's own layout: (g^T a)^T for a transposed b (PyTorch's mm_mat2_backward). */
    private static Tensor gradOfRight(Tensor a, Tensor g, Tensor b) {
        return colMajorView(b) ? g.t().mm(a).t() : a.t().mm(g);
    }

    /** A 2-D view whose columns are contiguous, as a transpose of a row-major matrix is. */
    private static boolean colMajorView(Tensor x) {
        return x.dim() == 2 && x.shape[0] > 1 && x.shape[1] > 1 && x.stride[0] == 1;
    }

    /**
     * {@code bias + a x b} in one GEMM: C starts as the bias broadcast to [m, n] and the product is added with
     * beta = 1 (PyTorch's addmm, what Linear runs).
     */
    static Tensor addmm(Tensor bias, Tensor a, Tensor b) {
        if (a.dim() != 2 || b.dim() != 2 || a.shape[1] != b.shape[0]) {
            throw new IllegalArgumentException("addmm: mat1 and mat2 shapes cannot be multiplied (" + Shapes.str(a.shape)
                    + " and " + Shapes.str(b.shape) + ")");
        }
        int m = a.shape[0], n = b.shape[1], k = a.shape[1];
        int[] outShape = Shapes.of(m, n);
        int[] broadcast = Shapes.broadcast(bias.shape, outShape, "addmm");
        if (!java.util.Arrays.equals(broadcast, outShape)) {
            throw new IllegalArgumentException("addmm: the bias of shape " + Shapes.str(bias.shape)
                    + " does not broadcast to the product's shape " + Shapes.str(outShape));
        }
        Tensor out = Tensor.empty(outShape);
        Compute.mapInto(dev.vgrad.kernels.UnaryOp.COPY, 0f, 0f, Compute.expandView(bias, outShape), out);
        Tensor am = gemmReady(a), bm = gemmReady(b);
        boolean transA = !rowMajor(am), transB = !rowMajor(bm);
        Sgemm.sgemm(transA, transB, m, n, k, 1f, am.array(), am.offset, leading(am, transA), bm.array(), bm.offset,
                leading(bm, transB), 1f, out.array(), 0, n);
        if (Graph.recording(bias, a, b)) {
            int[] biasShape = bias.shape;
            out.setGradFn(new Node("AddmmBackward0", bias, a, b) {
                private final SavedTensor sa = needsGrad(2) ? save(a) : null;
                private final SavedTensor sb = needsGrad(1) ? save(b) : null;

                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(
                        needsGrad(0) ? Reduction.sumTo(g, biasShape) : null,
                        needsGrad(1) ? gradOfLeft(g, sb.get(), a) : null,
                        needsGrad(2) ? gradOfRight(sa.get(), g, b) : null);
                }
            });
        }
        return out;
    }

    /**
     * {@code input W^T + bias} for a 2-D input [N, in], weight [out, in] and bias [out] (or null): one GEMM with the
     * transpose as a flag, so no view of the weight is made. Backward computes {@code dW = g^T input} and
     * {@code dInput = g W} straight into contiguous tensors (grad_fn AddmmBackward0, as PyTorch's linear).
     */
    static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        int r = input.dim();
        if (r < 2 || weight.dim() != 2 || input.shape[r - 1] != weight.shape[1]) {
            throw new IllegalArgumentException("linear: mat1 and mat2 shapes cannot be multiplied ("
                    + leadingRows(input.shape) + "x" + (r == 0 ? 1 : input.shape[r - 1]) + " and "
                    + weight.shape[weight.dim() - 1] + "x" + weight.shape[0] + "): input " + Shapes.str(input.shape)
                    + ", weight " + Shapes.str(weight.shape));
        }
        if (r > 2 && !input.contiguous) {
            throw new IllegalArgumentException("linear: an input of more than 2 dimensions must be contiguous (its "
                    + "leading dimensions are read as rows of one matrix), got shape " + Shapes.str(input.shape)
                    + " with strides " + Shapes.str(input.stride));
        }
        // Leading dimensions are rows of one matrix (a contiguous input is [m, k] row-major whatever its rank): one
        // GEMM and no reshape views in forward or backward, as PyTorch's linear folds them for contiguous inputs.
        int m = leadingRows(input.shape), n = weight.shape[0], k = input.shape[r - 1];
        int[] outShape = Shapes.with(input.shape, r - 1, n);
        if (bias != null && !(bias.dim() == 1 && bias.shape[0] == n)
                && !java.util.Arrays.equals(Shapes.broadcast(bias.shape, outShape, "linear"), outShape)) {
            throw new IllegalArgumentException("linear: the bias of shape " + Shapes.str(bias.shape)
                    + " does not broadcast to the output's shape " + Shapes.str(outShape));
        }
        Tensor out = Tensor.empty(outShape, "linear");
        if (bias != null && bias.dim() == 1 && bias.contiguous && bias.shape[0] == n) {
            // Each output row starts as the bias inside the GEMM, tile by tile: no broadcast view, no fill pass.
            product(false, input, true, weight, m, n, k, 1f, bias, out);
        } else {
            if (bias != null) {
                Compute.mapInto(dev.vgrad.kernels.UnaryOp.COPY, 0f, 0f, Compute.expandView(bias, outShape), out);
            }
            product(false, input, true, weight, m, n, k, bias != null ? 1f : 0f, out);
        }
        if (bias != null ? Graph.recording(bias, input, weight) : Graph.recording(input, weight)) {
            out.setGradFn(new LinearBackward(input, weight, bias));
        }
        return out;
    }

    /**
     * linear's backward (grad_fn AddmmBackward0): {@code dW = g^T input} and {@code dInput = g W} straight into
     * contiguous tensors, or into the parameters' grads where the pass allows it. A class of its own rather than an
     * anonymous one: that captured the forward's locals, 24 bytes more a node, and a node is made per layer per step.
     * Edges: 0 the bias, 1 the input, 2 the weight.
     */
    private static final class LinearBackward extends LinearGradients {
        private final SavedTensor savedInput, savedWeight;
        /** Shapes are never written after a tensor is made: the inputs' own arrays are kept. */
        private final int[] inputShape, weightShape, biasShape;

        LinearBackward(Tensor input, Tensor weight, Tensor bias) {
            super("AddmmBackward0", bias, input, weight);
            savedInput = needsGrad(2) ? save(input) : null;
            savedWeight = needsGrad(1) ? save(weight) : null;
            inputShape = input.shape;
            weightShape = weight.shape;
            biasShape = bias != null ? bias.shape : null;
        }

        @Override
        protected Tensor[] apply(Tensor g) {
            int r = inputShape.length, m = leadingRows(inputShape), n = weightShape[0], k = weightShape[1];
            if (GradMode.isEnabled()) {
                // createGraph: the same products as recorded ops, so the gradients are differentiable.
                Tensor w = needsGrad(1) ? savedWeight.get() : null, in = needsGrad(2) ? savedInput.get() : null;
                Tensor g2 = r == 2 ? g : g.reshape(m, n);
                return grads(needsGrad(0) ? Reduction.sumTo(g, biasShape) : null,
                        needsGrad(1) ? (r == 2 ? g2.mm(w) : g2.mm(w).reshape(inputShape)) : null,
                        needsGrad(2) ? g2.t().mm(r == 2 ? in : in.reshape(m, k)) : null);
            }
            // g as an [m, n] matrix: an N-D gradient must be dense to be read as rows (it nearly always is).
            Tensor rows = r == 2 || g.contiguous ? g : Compute.copy(g);
            Tensor dInput = null;
            ProductPair pair = null;
            if (needsGrad(1)) {
                dInput = Tensor.empty(inputShape, "linear_backward");
                if (needsGrad(2) && ProductPair.pays((long) m * n * k)) {
                    pair = ProductPair.take();   // dInput's product runs beside the weight's
                    pair.first.set(false, rows, false, savedWeight.get(), m, k, n, 0f, null, dInput);
                } else {
                    product(false, rows, false, savedWeight.get(), m, k, n, 0f, dInput);
                }
            }
            Tensor[] out = grads(null, dInput, null);
            weightAndBiasGrads(2, 0, g, rows, needsGrad(2) ? savedInput.get() : null, n, k, m, weightShape, biasShape,
                    pair, out);
            return out;
        }
    }

    /**
     * The backward rules of nodes with linear layers in them ({@link LinearBackward}, {@link LinearReluLinear}'s):
     * a bias's and a weight's gradient, each added straight into the parameter's grad where the pass allows it.
     */
    abstract static class LinearGradients extends Node {
        LinearGradients(String name, Tensor... inputs) {
            super(name, inputs);
        }

        LinearGradients(String name, Tensor a, Tensor b, Tensor c) {
            super(name, a, b, c);
        }

        @Override
        protected boolean keepsNoGradients() {
            return true;
        }

        /** The gradient of the bias at edge {@code edge} from g: null once added into its grad, else returned. */
        final Tensor biasGrad(int edge, Tensor g, int[] biasShape) {
            Tensor into = accumulator(edge);
            if (into != null) {
                Compute.addSumTo(g, into);
                return null;
            }
            return Reduction.sumTo(g, biasShape);
        }

        /**
         * The gradient {@code rows^T input} ([n, k], rows [m, n] and input [m, k] read as matrices) of the weight at
         * edge {@code edge}: added into its grad with beta 1 where the pass allows it (null returned), else new. With a
         * pair (null for none) it runs as the pair's second product, beside the one the caller took into
         * {@code pair.first}, each on a thread of its own ({@link ProductPair}); it returns when both are done. With
         * {@code biasInto} ([n]; null for none; rows contiguous) rows' column sums, the bias's gradient, are added
         * there too: inside the product where it packs rows anyway ({@link Sgemm#sgemmSummingRowsOfA}), after it
         * otherwise, the same bits either way ({@link Compute#addSumTo}'s order). On an Intel Xeon (family 6 model
         * 167, one thread, 2026-12-06) the bias's pass of its own over the gradient was 2.3 % of the transformer
         * block's step; taken inside the product, the block's backward went from 29.58 to 29.08 ms (alternated in
         * one JVM).
         */
        final Tensor weightGrad(int edge, Tensor rows, Tensor input, int n, int k, int m, int[] weightShape,
                                ProductPair pair, Tensor biasInto) {
            Tensor into = accumulator(edge);
            Tensor dWeight = into != null ? into : Tensor.empty(weightShape, "linear_backward");
            GemmCall call = pair != null ? pair.second : GemmCall.mine();
            call.set(true, rows, false, input, n, k, m, into != null ? 1f : 0f, null, dWeight);
            if (biasInto != null) {
                call.summingRowsOfA(biasInto);
            }
            if (pair != null) {
                pair.run();
            } else {
                call.run();
            }
            if (biasInto != null && !call.summed()) {
                Compute.addSumTo(rows, biasInto);
            }
            return into != null ? null : dWeight;
        }

        /**
         * The weight's gradient at {@code weightEdge} ({@code rows^T input}, see weightGrad) and the bias's at
         * {@code biasEdge} (g's column sums), each where its edge wants one, into {@code out[edge]} (null there when
         * added into the parameter's grad). Where both are wanted and g is contiguous, the bias's is added inside the
         * weight's product, which packs g's columns anyway; else it takes {@link #biasGrad}'s pass of its own. The
         * same bits either way: g's columns summed in row order.
         */
        final void weightAndBiasGrads(int weightEdge, int biasEdge, Tensor g, Tensor rows, Tensor input, int n, int k,
                                      int m, int[] weightShape, int[] biasShape, ProductPair pair, Tensor[] out) {
            boolean together = needsGrad(weightEdge) && needsGrad(biasEdge) && g.contiguous && g.dim() >= 2
                    && biasShape.length == 1;
            Tensor biasInto = null;
            if (together) {
                Tensor into = accumulator(biasEdge);
                biasInto = into != null ? into : Tensor.zerosOf(biasShape, "sum_to_size");
                out[biasEdge] = into != null ? null : biasInto;
            } else if (needsGrad(biasEdge)) {
                out[biasEdge] = biasGrad(biasEdge, g, biasShape);
            }
            if (needsGrad(weightEdge)) {
                out[weightEdge] = weightGrad(weightEdge, rows, input, n, k, m, weightShape, pair, biasInto);
            }
        }
    }

    /** The product of all dimensions but the last: the rows a linear layer multiplies. */
    static int leadingRows(int[] shape) {
        int rows = 1;
        for (int d = 0; d < shape.length - 1; d++) {
            rows *= shape[d];
        }
        return rows;
    }

    /** out (contiguous m x n) = op(a) op(b) + beta * out, for 2-D a and b read through the GEMM's flags. */
    static void product(boolean transA, Tensor a, boolean transB, Tensor b, int m, int n, int k, float beta,
                        Tensor out) {
        product(transA, a, transB, b, m, n, k, beta, null, out);
    }

    /** {@link #product}, or with a bias (1-D, contiguous; beta unused) out = op(a) op(b) + bias in every row. */
    private static void product(boolean transA, Tensor a, boolean transB, Tensor b, int m, int n, int k, float beta,
                                Tensor bias, Tensor out) {
        GemmCall.mine().set(transA, a, transB, b, m, n, k, beta, bias, out).run();
    }

    /** [..., m, k] x [..., k, n] with broadcast batch dimensions. */
    static Tensor batched(Tensor a, Tensor b) {
        int ra = a.dim(), rb = b.dim();
        int m = a.shape[ra - 2], k = a.shape[ra - 1], k2 = b.shape[rb - 2], n = b.shape[rb - 1];
        if (k != k2) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: [.., " + k
                    + ", " + n + "] but got: " + Shapes.str(b.shape) + " (matmul of shapes " + Shapes.str(a.shape)
                    + " and " + Shapes.str(b.shape) + ")");
        }
        int[] batchA = java.util.Arrays.copyOf(a.shape, ra - 2), batchB = java.util.Arrays.copyOf(b.shape, rb - 2);
        int[] batch = Shapes.broadcast(batchA, batchB, "matmul");
        int[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = Tensor.empty(outShape);
        Tensor am = gemmReady(a), bm = gemmReady(b);
        int[] sa = Shapes.broadcastStrides(batchA, java.util.Arrays.copyOf(am.stride, ra - 2), batch);
        int[] sb = Shapes.broadcastStrides(batchB, java.util.Arrays.copyOf(bm.stride, rb - 2), batch);
        int count = Shapes.numel(batch);
        int[] idx = new int[batch.length];
        for (int i = 0; i < count; i++) {
            int offA = am.offset, offB = bm.offset;
            for (int d = 0; d < batch.length; d++) {
                offA += idx[d] * sa[d];
                offB += idx[d] * sb[d];
            }
            gemmAt(am, offA, bm, offB, m, n, k, out.array(), i * m * n);
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        if (Graph.recording(a, b)) {
            int[] shapeA = a.shape, shapeB = b.shape;
            out.setGradFn(new Node("BmmBackward0", a, b) {
                private final SavedTensor savedA = needsGrad(1) ? save(a) : null;
                private final SavedTensor savedB = needsGrad(0) ? save(b) : null;

                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(
                        needsGrad(0) ? Reduction.sumTo(batched(g, savedB.get().transpose(-1, -2)), shapeA) : null,
                        needsGrad(1) ? Reduction.sumTo(batched(savedA.get().transpose(-1, -2), g), shapeB) : null);
                }
            });
        }
        return out;
    }

    /** C (contiguous m x n at cOff) = a (2-D) x b (2-D). */
    private static void gemm(Tensor a, Tensor b, float[] c, int cOff) {
        Tensor am = gemmReady(a), bm = gemmReady(b);
        gemmAt(am, am.offset, bm, bm.offset, a.shape[0], b.shape[1], a.shape[1], c, cOff);
    }

    private static void gemmAt(Tensor a, int aOff, Tensor b, int bOff, int m, int n, int k, float[] c, int cOff) {
        boolean transA = !rowMajor(a), transB = !rowMajor(b);
        int lda = leading(a, transA), ldb = leading(b, transB);
        Sgemm.sgemm(transA, transB, m, n, k, 1f, a.array(), aOff, lda, b.array(), bOff, ldb, 0f, c, cOff, n);
    }

    /** x itself when its last two dims can be read by the GEMM (row- or column-major), else a contiguous copy. */
    static Tensor gemmReady(Tensor x) {
        return rowMajor(x) || colMajor(x) ? x : Compute.copy(x);
    }

    static boolean rowMajor(Tensor x) {
        int r = x.dim();
        int rows = x.shape[r - 2], cols = x.shape[r - 1];
        return (x.stride[r - 1] == 1 || cols == 1) && (x.stride[r - 2] >= Math.max(cols, 1) || rows == 1);
    }

    private static boolean colMajor(Tensor x) {
        int r = x.dim();
        int rows = x.shape[r - 2], cols = x.shape[r - 1];
        return (x.stride[r - 2] == 1 || rows == 1) && (x.stride[r - 1] >= Math.max(rows, 1) || cols == 1);
    }

    /** The leading dimension the GEMM needs: the stride between rows (or, transposed, between columns). */
    static int leading(Tensor x, boolean transposed) {
        int r = x.dim();
        if (transposed) {
            return x.shape[r - 1] == 1 ? Math.max(x.shape[r - 2], 1) : x.stride[r - 1];
        }
        return x.shape[r - 2] == 1 ? Math.max(x.shape[r - 1], 1) : x.stride[r - 2];
    }
}

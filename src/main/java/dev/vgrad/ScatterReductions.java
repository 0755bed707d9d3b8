package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;

/**
 * scatter_reduce and index_reduce: src's elements reduced ("sum", "prod", "mean", "amax" or "amin") into the
 * positions an index gives along a dimension, with or without self's own value there. The forward is one pass over
 * the index; the backward rules are PyTorch 1.13's (derivatives.yaml's scatter_reduce_backward) written from
 * differentiable ops, so they differentiate again: amax and amin share the gradient evenly among the elements equal to
 * the result (self's counted even where include_self is false, as PyTorch counts it), and prod divides by each
 * factor, with a lone zero factor's gradient taken as the product of the others.
 */
final class ScatterReductions {
    private ScatterReductions() {}

    private enum Reduce { SUM, PROD, MEAN, AMAX, AMIN }

    private static Reduce parse(String op, String reduce, boolean indexReduce) {
        Reduce r = switch (reduce == null ? "" : reduce) {
            case "sum" -> indexReduce ? null : Reduce.SUM;
            case "prod" -> Reduce.PROD;
            case "mean" -> Reduce.MEAN;
            case "amax" -> Reduce.AMAX;
            case "amin" -> Reduce.AMIN;
            default -> null;
        };
        if (r == null) {
            throw new IllegalArgumentException(op + ": reduce argument must be either "
                    + (indexReduce ? "" : "sum, ") + "prod, mean, amax or amin, got " + reduce);
        }
        return r;
    }

    /**
     * A copy of self where each position that index reaches along dim holds the reduction of src's elements sent
     * there (torch.scatter_reduce), self's own value included when {@code includeSelf}; positions no index reaches
     * keep self's value. NaN in amax and amin wins, as in PyTorch.
     */
    static Tensor scatterReduce(Tensor self, int dim, Tensor index, Tensor src, String reduce, boolean includeSelf) {
        return scatterReduce("scatter_reduce", self, dim, index, src, parse("scatter_reduce", reduce, false),
                includeSelf);
    }

    /**
     * torch.index_reduce: {@code source.select(dim, i)} reduced into {@code self.select(dim, index[i])} for each i of
     * the 1-D index, by "prod", "mean", "amax" or "amin": scatter_reduce with the index spread over source's shape.
     */
    static Tensor indexReduce(Tensor self, int dim, Tensor index, Tensor source, String reduce, boolean includeSelf) {
        Reduce r = parse("index_reduce", reduce, true);
        int d = Shapes.wrapDim(dim, self.dim());
        IndexUpdates.checkSource("index_reduce", self, index, source, d);
        return scatterReduce("index_reduce", self, d, IndexUpdates.spread("index_reduce", index, d, source.shape),
                source, r, includeSelf);
    }

    private static Tensor scatterReduce(String op, Tensor self, int dim, Tensor index, Tensor src, Reduce reduce,
            boolean includeSelf) {
        int d = Shapes.wrapDim(dim, self.dim());
        java.util.Objects.requireNonNull(src, op + ": src is null");
        Indexing.checkRanks(op, self, index, src, d);
        Tensor ix = Indexing.checked(op, index, self.dim() == 0 ? 1 : self.shape[d], d);
        Tensor out = reduced(self, d, ix, index.shape, src, reduce, includeSelf);
        if (!Graph.recording(self, src)) {
            return out;
        }
        int[] srcShape = src.shape;
        out.setGradFn(new Node(op.equals("index_reduce") ? "IndexReduceBackward0" : "ScatterReduceBackward0", self,
                src) {
            private final SavedTensor savedSelf = save(self), savedIndex = save(index), savedSrc = save(src),
                    savedOut = saveOutput(out);

            @Override
            protected Tensor[] apply(Tensor g) {
                Tensor[] both = backward(g, savedSelf.get(), d, savedIndex.get(), savedSrc.get(), savedOut.get(),
                        reduce, includeSelf);
                return grads(needsGrad(0) ? both[0] : null,
                        needsGrad(1) ? Indexing.padTo(both[1], srcShape) : null);
            }
        });
        return out;
    }

    /** The forward pass: one walk over the index, src read at the index's positions. */
    private static Tensor reduced(Tensor self, int d, Tensor ix, int[] indexShape, Tensor src, Reduce reduce,
            boolean includeSelf) {
        Tensor out = Compute.copy(self);
        float[] iv = ix.array(), from = src.array(), dst = out.array();
        int io = ix.offset, count = ix.numel();
        // how many values each position has taken (self's counted when included): the mean's divisor, and, at 0, the
        // mark that a position excluding self has not been written yet
        int[] taken = new int[out.numel()];
        int[] positions = new int[indexShape.length];
        for (int k = 0; k < count; k++) {
            int o = 0, s = src.offset;
            for (int a = 0; a < positions.length; a++) {
                o += (a == d ? (int) iv[io + k] : positions[a]) * out.stride[a];
                s += positions[a] * src.stride[a];
            }
            float v = from[s];
            if (taken[o] == 0 && includeSelf) {
                taken[o] = 1;
            }
            dst[o] = taken[o] == 0 ? v : combine(reduce, dst[o], v);
            taken[o]++;
            Indexing.next(positions, indexShape);
        }
        if (reduce == Reduce.MEAN) {
            for (int o = 0; o < taken.length; o++) {
                if (taken[o] > 1) {
                    dst[o] /= taken[o];
                }
            }
        }
        return out;
    }

    private static float combine(Reduce reduce, float acc, float v) {
        return switch (reduce) {
            case SUM, MEAN -> acc + v;
            case PROD -> acc * v;
            case AMAX -> Float.isNaN(v) || v > acc ? v : acc;
            case AMIN -> Float.isNaN(v) || v < acc ? v : acc;
        };
    }

    /** [self's gradient, src's gradient at the index's positions], each from differentiable ops. */
    private static Tensor[] backward(Tensor g, Tensor self, int d, Tensor index, Tensor fullSrc, Tensor result,
            Reduce reduce, boolean includeSelf) {
        Tensor src = within(fullSrc, index.shape);
        Tensor gradSelf, gradSrc;
        switch (reduce) {
            case SUM -> {
                gradSelf = g;
                gradSrc = g.gather(d, index);
            }
            case MEAN -> {
                Tensor n = (includeSelf ? g.onesLike() : g.zerosLike())
                        .scatterAdd(d, index, src.onesLike());
                n = n.maskedFill(n.eq(0f), 1f);
                gradSelf = g.div(n);
                gradSrc = gradSelf.gather(d, index);
            }
            case PROD -> {
                Tensor maskedSelf = self.maskedFill(self.eq(0f), 1f);
                Tensor maskedSelfResult = recorded(maskedSelf, d, index, src, reduce, includeSelf);
                gradSelf = g.mul(maskedSelfResult).div(maskedSelf);
                Tensor srcZero = src.eq(0f);
                Tensor zerosThere = self.zerosLike().scatterAdd(d, index, srcZero).gather(d, index);
                Tensor singleZero = srcZero.logicalAnd(zerosThere.eq(1f));
                Tensor maskedSrcResult = recorded(self, d, index, src.maskedFill(singleZero, 1f), reduce, includeSelf);
                gradSrc = Tensor.where(singleZero, g.mul(maskedSrcResult).gather(d, index),
                        g.mul(result).gather(d, index).div(src.maskedFill(srcZero, 1f)));
            }
            default -> {
                Tensor value = result.gather(d, index);
                Tensor selfIsResult = self.eq(result), srcIsResult = src.eq(value);
                Tensor shared = g.div(selfIsResult.scatterAdd(d, index, srcIsResult));
                gradSelf = selfIsResult.mul(shared);
                gradSrc = srcIsResult.mul(shared.gather(d, index));
            }
        }
        if (!includeSelf) {
            gradSelf = gradSelf.scatter(d, index, 0f);
        }
        return new Tensor[] {gradSelf, gradSrc};
    }

    /** The recorded scatter_reduce of the backward rules (their second derivatives go through it). */
    private static Tensor recorded(Tensor self, int d, Tensor index, Tensor src, Reduce reduce, boolean includeSelf) {
        return scatterReduce("scatter_reduce", self, d, index, src, reduce, includeSelf);
    }

    /** src's leading block of the index's shape: the elements the index reads. */
    private static Tensor within(Tensor src, int[] shape) {
        Tensor t = src;
        for (int a = 0; a < shape.length; a++) {
            if (t.shape[a] != shape[a]) {
                t = t.narrow(a, 0, shape[a]);
            }
        }
        return t;
    }
}

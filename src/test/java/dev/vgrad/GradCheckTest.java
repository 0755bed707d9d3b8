package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every differentiable op against finite differences, on shapes that broadcast and on non-contiguous views. */
class GradCheckTest {
    private static final Generator G = new Generator(2024);

    static Tensor randn(int... shape) {
        return Tensor.randn(G, shape);
    }

    /** Values bounded away from zero (for log, sqrt, division, fractional powers, kinks at 0). */
    static Tensor positive(int... shape) {
        return Tensor.rand(G, shape).add(0.5f);
    }

    /** Values whose absolute value is at least 0.2, so relu and abs are differentiated away from their kink. */
    static Tensor awayFromZero(int... shape) {
        Tensor r = Tensor.rand(G, shape).add(0.2f);
        Tensor sign = Tensor.rand(G, shape).sub(0.5f);
        return r.mul(sign.div(sign.abs()));
    }

    record Case(GradCheck.Fn fn, Supplier<Tensor[]> inputs) {}

    static Arguments c(String name, GradCheck.Fn fn, Tensor... inputs) {
        return Arguments.of(Named.of(name, new Case(fn, () -> inputs)));
    }

    static List<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        l.add(c("add broadcast [3,4]+[4]", x -> x[0].add(x[1]), randn(3, 4), randn(4)));
        l.add(c("add broadcast [2,1,3]+[4,1]", x -> x[0].add(x[1]), randn(2, 1, 3), randn(4, 1)));
        l.add(c("sub broadcast scalar-tensor", x -> x[0].sub(x[1]), randn(), randn(2, 3)));
        l.add(c("mul broadcast", x -> x[0].mul(x[1]), randn(2, 3, 1), randn(3, 5)));
        l.add(c("div broadcast", x -> x[0].div(x[1]), randn(3, 4), positive(3, 1)));
        l.add(c("add/sub/mul/div scalar", x -> x[0].add(2f).sub(0.5f).mul(-3f).div(4f), randn(5)));
        l.add(c("rsub", x -> x[0].rsub(2f), randn(2, 2)));
        l.add(c("neg", x -> x[0].neg(), randn(3)));
        l.add(c("pow 2", x -> x[0].pow(2f), randn(2, 3)));
        l.add(c("pow 3", x -> x[0].pow(3f), randn(7)));
        l.add(c("pow 0.5", x -> x[0].pow(0.5f), positive(4)));
        l.add(c("pow -1.5", x -> x[0].pow(-1.5f), positive(4)));
        l.add(c("pow 0", x -> x[0].pow(0f), randn(3)));
        l.add(c("pow tensor", x -> x[0].pow(x[1]), positive(2, 3), randn(3)));
        l.add(c("maximum broadcast", x -> x[0].maximum(x[1]), Tensor.of(new float[] {0.1f, 2f, -1f, 0.7f, 3f, -2f}, 2, 3),
                Tensor.of(0.5f, 1f, -0.5f)));
        l.add(c("add with alpha, addcmul, addcdiv", x -> x[0].add(x[1], 0.5f).addcmul(x[1], x[2], 2f).addcdiv(x[1], x[2], -1f),
                randn(3, 4), randn(3, 4), positive(3, 4)));
        l.add(c("linear", x -> Tensor.linear(x[0], x[1], x[2]), randn(4, 5), randn(3, 5), randn(3)));
        l.add(c("linear without bias, transposed input", x -> Tensor.linear(x[0].t(), x[1], null), randn(5, 4), randn(3, 5)));
        l.add(c("linear over 3 dimensions, rows read in place", x -> Tensor.linear(x[0], x[1], x[2]), randn(2, 3, 5),
                randn(4, 5), randn(4)));
        l.add(c("exp", x -> x[0].exp(), randn(2, 5)));
        l.add(c("log", x -> x[0].log(), positive(9)));
        l.add(c("sqrt", x -> x[0].sqrt(), positive(9)));
        l.add(c("abs", x -> x[0].abs(), awayFromZero(11)));
        l.add(c("relu", x -> x[0].relu(), awayFromZero(3, 7)));
        l.add(c("sigmoid", x -> x[0].sigmoid(), randn(17)));
        l.add(c("tanh", x -> x[0].tanh(), randn(17)));
        l.add(c("clamp", x -> x[0].clamp(-0.5f, 0.5f), Tensor.of(-1.2f, -0.3f, 0.1f, 0.45f, 0.9f, 2f)));
        l.add(c("sin", x -> x[0].sin(), randn(2, 5)));
        l.add(c("cos", x -> x[0].cos(), randn(2, 5)));
        l.add(c("log1p", x -> x[0].log1p(), positive(7)));
        l.add(c("expm1", x -> x[0].expm1(), randn(7)));
        l.add(c("reciprocal", x -> x[0].reciprocal(), positive(3, 3)));
        l.add(c("square", x -> x[0].square(), randn(6)));
        l.add(c("rsqrt", x -> x[0].rsqrt(), positive(5)));
        l.add(c("erf", x -> x[0].erf(), randn(9)));
        l.add(c("erf on a transposed view", x -> x[0].t().erf(), randn(3, 4)));
        l.add(c("cat dim 1 with a transposed piece", x -> Tensor.cat(List.of(x[0], x[1].t(), x[0]), 1), randn(3, 2),
                randn(4, 3)));
        l.add(c("stack dim -1", x -> Tensor.stack(List.of(x[0], x[1].mul(x[0])), -1), randn(2, 3), randn(3)));
        l.add(c("split and chunk pieces", x -> x[0].split(2, 1).get(1).mul(x[0].chunk(3, 0).get(2).sum()), randn(5, 5)));
        l.add(c("flatten(1, 2)", x -> x[0].flatten(1, 2).mul(x[0].flatten(0, 1).sum()), randn(2, 3, 2)));
        l.add(c("repeat", x -> x[0].repeat(2, 1, 3).mul(x[1]), randn(2, 2), randn(2, 2, 6)));
        l.add(c("tril and triu", x -> x[0].tril(0).mul(x[0]).add(x[0].t().triu(1)), randn(4, 4)));
        l.add(c("where broadcast", x -> Tensor.where(x[0].gt(0f), x[0].mul(x[1]), x[1].exp()), awayFromZero(3, 4),
                randn(4)));
        l.add(c("masked fill", x -> x[0].maskedFill(x[0].lt(0f), -2f).mul(x[0]), awayFromZero(3, 5)));
        l.add(c("min and min dim", x -> x[0].min().add(x[0].min(1, false).sum()), Tensor.of(new float[] {1, 5, 2, 7, 0, 3}, 2, 3)));
        l.add(c("var unbiased keepdim", x -> x[0].var(1, true, true), randn(3, 4)));
        l.add(c("std biased", x -> x[0].std(0, false, false), randn(4, 3)));
        l.add(c("std unbiased on a transposed view", x -> x[0].t().std(1, true, true).mul(x[0].sum()), randn(3, 4)));
        l.add(c("infinity norm along a dim", x -> x[0].norm(Float.POSITIVE_INFINITY, 1, false).mul(x[0].sum()),
                Tensor.of(new float[] {1, -3, 2.5f, 2, -0.5f, 0.75f}, 2, 3)));
        l.add(c("logsumexp", x -> x[0].logsumexp(-1, false), randn(3, 5)));
        l.add(c("cumsum on a transposed view", x -> x[0].t().cumsum(1).mul(x[0].t()), randn(3, 4)));
        l.add(c("norm", x -> x[0].norm(), randn(2, 3)));
        l.add(c("norm p=3 along a dim", x -> x[0].norm(3f, 1, true), awayFromZero(2, 4)));
        l.add(c("norm p=2 along a dim", x -> x[0].norm(2f, 0, false), randn(3, 2)));
        // its own generator, so that the cases after it keep the inputs drawn for them
        l.add(c("norm p=2 along the last dim (rows as dot products)", x -> x[0].norm(2f, -1, true),
                Tensor.randn(new Generator(11), 3, 5)));
        l.add(c("norm p=1.5 along a dim", x -> x[0].norm(1.5f, 1, false), awayFromZero(3, 4)));
        l.add(c("norm p=0.5 along a dim", x -> x[0].norm(0.5f, 0, true), awayFromZero(3, 4)));
        l.add(c("norm p=-1.5 along a dim", x -> x[0].norm(-1.5f, 1, false), awayFromZero(2, 5)));
        l.add(c("minus infinity norm along a dim", x -> x[0].norm(Float.NEGATIVE_INFINITY, 1, false).mul(x[0].sum()),
                Tensor.of(new float[] {1, -3, 2.5f, 2, -0.5f, 0.75f}, 2, 3)));
        l.add(c("gather", x -> x[0].gather(1, Tensor.of(new float[] {2, 0, 0, 1, 1, 1}, 2, 3)), randn(2, 4)));
        l.add(c("scatter add", x -> x[0].scatterAdd(0, Tensor.of(new float[] {1, 0, 1, 1, 2, 0}, 2, 3), x[1].mul(x[1])),
                randn(3, 3), randn(2, 4)));
        l.add(c("bmm", x -> x[0].bmm(x[1]), randn(2, 3, 4), randn(2, 4, 2)));
        l.add(c("scatter add from part of a larger src", x -> x[0].scatterAdd(1, Tensor.of(new float[] {2, 0}, 2, 1), x[1]),
                randn(2, 3), randn(3, 2)));
        l.add(c("gelu exact and tanh", x -> dev.vgrad.nn.Functional.gelu(x[0]).add(dev.vgrad.nn.Functional.gelu(x[0], "tanh")),
                randn(7)));
        l.add(c("silu", x -> dev.vgrad.nn.Functional.silu(x[0]), randn(2, 3)));
        l.add(c("leaky relu", x -> dev.vgrad.nn.Functional.leakyRelu(x[0], 0.1f), awayFromZero(6)));
        l.add(c("softplus both regions", x -> dev.vgrad.nn.Functional.softplus(x[0], 2f, 5f),
                Tensor.of(-1.5f, -0.2f, 0.3f, 1f, 2.4f, 3.5f)));
        l.add(c("embedding", x -> dev.vgrad.nn.Functional.embedding(Tensor.of(new float[] {1, 3, 1, 0}, 2, 2), x[0]),
                randn(4, 3)));
        l.add(c("layer norm", x -> dev.vgrad.nn.Functional.layerNorm(x[0], new int[] {4}, x[1], x[2], 1e-5f),
                randn(3, 4), randn(4), randn(4)));
        // the two normalized values lie ~5 apart: two nearly equal ones make the finite differences meaningless
        l.add(c("layer norm, no affine, transposed 3-D input", x -> dev.vgrad.nn.Functional.layerNorm(x[0].transpose(0, 2),
                new int[] {2}, null, null, 1e-5f), Tensor.cat(List.of(randn(1, 3, 5), randn(1, 3, 5).add(5f)), 0)));
        l.add(c("layer norm over two dimensions (composed)", x -> dev.vgrad.nn.Functional.layerNorm(x[0], new int[] {2, 3},
                x[1], null, 1e-5f), randn(2, 2, 3), randn(2, 3)));
        l.add(c("batch norm, training", x -> dev.vgrad.nn.Functional.batchNorm(x[0], null, null, x[1], x[2], true, 0.1f, 1e-5f),
                randn(4, 2, 3), randn(2), randn(2)));
        l.add(c("scaled dot-product attention, causal", x -> dev.vgrad.nn.Functional.scaledDotProductAttention(x[0], x[1],
                x[2], null, true), randn(2, 3, 4), randn(2, 3, 4), randn(2, 3, 2)));
        l.add(c("cross entropy, ignored target and label smoothing", x -> dev.vgrad.nn.Functional.crossEntropy(x[0],
                Tensor.of(2f, -100f, 0f), "mean", -100, 0.2f), randn(3, 4)));
        l.add(c("smooth l1", x -> dev.vgrad.nn.Functional.smoothL1Loss(x[0], x[1], "sum", 0.5f), randn(7), randn(7)));
        l.add(c("kl div", x -> dev.vgrad.nn.Functional.klDiv(x[0].logSoftmax(1), Tensor.of(new float[] {0.2f, 0.8f, 0f, 0.5f, 0.25f, 0.25f}, 2, 3),
                "batchmean"), randn(2, 3)));
        l.add(c("conv2d, groups 2, stride, padding, dilation", x -> dev.vgrad.nn.Functional.conv2d(x[0], x[1], x[2],
                new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 2}, 2), randn(1, 4, 5, 5), randn(2, 2, 2, 2), randn(2)));
        l.add(c("conv1d", x -> dev.vgrad.nn.Functional.conv1d(x[0], x[1], null, 2, 1, 1, 1), randn(2, 2, 6), randn(3, 2, 3)));
        l.add(c("unfold then fold (F.unfold, F.fold)", x -> Patches.fold(Patches.unfold(x[0], new int[] {2, 3},
                new int[] {1, 1}, new int[] {1, 0}, new int[] {1, 2}, 0f).mul(x[1]), new int[] {3, 4}, new int[] {2, 3},
                new int[] {1, 1}, new int[] {1, 0}, new int[] {1, 2}), randn(2, 2, 3, 4), randn(2, 12, 4)));
        l.add(c("max pool with padding", x -> dev.vgrad.nn.Functional.maxPool2d(x[0], new int[] {2, 2}, new int[] {2, 1},
                new int[] {1, 0}), randn(1, 2, 4, 3)));
        l.add(c("avg pool", x -> dev.vgrad.nn.Functional.avgPool2d(x[0], new int[] {3, 2}, new int[] {1, 2},
                new int[] {1, 1}), randn(2, 1, 4, 4)));
        l.add(c("adaptive avg pool", x -> dev.vgrad.nn.Functional.adaptiveAvgPool2d(x[0], new int[] {2, 3}),
                randn(1, 2, 5, 4)));
        // Their own generator, so that the cases after them draw what they drew before these were added.
        Generator adaptive = new Generator(11);
        l.add(c("adaptive avg pool, overlapping windows, unbatched transposed input",
                x -> dev.vgrad.nn.Functional.adaptiveAvgPool2d(x[0].transpose(1, 2), new int[] {3, 4}),
                Tensor.randn(adaptive, 2, 5, 7)));
        l.add(c("adaptive avg pool, windows as wide as the input, rows overlapping",
                x -> dev.vgrad.nn.Functional.adaptiveAvgPool2d(x[0], new int[] {2, 1}),
                Tensor.randn(adaptive, 1, 2, 5, 3)));
        l.add(c("adaptive avg pool to a larger size", x -> dev.vgrad.nn.Functional.adaptiveAvgPool2d(x[0],
                new int[] {5, 2}), Tensor.randn(adaptive, 2, 1, 3, 3)));
        l.add(c("adaptive avg pool whose windows tile the input, narrow and as wide as it",
                x -> dev.vgrad.nn.Functional.adaptiveAvgPool2d(x[0], new int[] {2, 3}).square().sum()
                        .mul(dev.vgrad.nn.Functional.adaptiveAvgPool2d(x[0], new int[] {2, 1}).sum()),
                Tensor.randn(adaptive, 1, 2, 4, 6)));
        dev.vgrad.nn.TransformerEncoderLayer encoder = new dev.vgrad.nn.TransformerEncoderLayer(4, 2, 6, 0f, new Generator(5));
        l.add(c("transformer encoder layer (multi-head attention, layer norm) on its input", x -> encoder.forward(x[0]),
                randn(3, 2, 4)));
        l.add(c("comparison mask times input", x -> x[0].gt(x[1]).mul(x[0]).add(x[1].le(0.1f).mul(x[1])),
                awayFromZero(3, 4), awayFromZero(4)));
        l.add(c("sum", x -> x[0].sum(), randn(3, 4)));
        l.add(c("sum dim keepdim", x -> x[0].sum(1, true), randn(3, 4, 2)));
        l.add(c("sum dims", x -> x[0].sum(new int[] {0, 2}, false), randn(3, 4, 2)));
        l.add(c("mean", x -> x[0].mean(), randn(3, 4)));
        l.add(c("mean dim", x -> x[0].mean(-1, false), randn(3, 4)));
        l.add(c("max", x -> x[0].max(), Tensor.of(0.1f, 2f, -1f, 0.7f)));
        l.add(c("max dim", x -> x[0].max(1, false), Tensor.of(new float[] {1, 5, 2, 7, 0, 3}, 2, 3)));
        l.add(c("max dim keepdim", x -> x[0].max(0, true), Tensor.of(new float[] {1, 5, 2, 7, 0, 3}, 2, 3)));
        l.add(c("dot", x -> x[0].matmul(x[1]), randn(5), randn(5)));
        l.add(c("mv", x -> x[0].matmul(x[1]), randn(3, 5), randn(5)));
        l.add(c("vm", x -> x[0].matmul(x[1]), randn(5), randn(5, 2)));
        l.add(c("mm", x -> x[0].matmul(x[1]), randn(3, 5), randn(5, 4)));
        l.add(c("mm of transposed views", x -> x[0].t().mm(x[1].t()), randn(5, 3), randn(4, 5)));
        l.add(c("bmm", x -> x[0].matmul(x[1]), randn(2, 3, 4), randn(2, 4, 5)));
        l.add(c("batched broadcast 3x2", x -> x[0].matmul(x[1]), randn(2, 3, 4), randn(4, 5)));
        l.add(c("batched broadcast 2x3", x -> x[0].matmul(x[1]), randn(3, 4), randn(2, 4, 5)));
        l.add(c("batched broadcast 4-d", x -> x[0].matmul(x[1]), randn(2, 1, 3, 4), randn(3, 4, 2)));
        l.add(c("batched with vector", x -> x[0].matmul(x[1]), randn(2, 3, 4), randn(4)));
        l.add(c("vector with batched", x -> x[0].matmul(x[1]), randn(4), randn(2, 4, 3)));
        l.add(c("t", x -> x[0].t().mul(x[1]), randn(3, 2), randn(2, 3)));
        l.add(c("transpose", x -> x[0].transpose(0, 2).mul(x[1]), randn(2, 3, 4), randn(4, 3, 2)));
        l.add(c("permute", x -> x[0].permute(2, 0, 1).exp(), randn(2, 3, 4)));
        l.add(c("view", x -> x[0].view(4, 3).mul(x[1]), randn(2, 6), randn(3)));
        l.add(c("reshape of non-contiguous", x -> x[0].t().reshape(-1).mul(x[1]), randn(3, 4), randn(12)));
        l.add(c("flatten", x -> x[0].flatten(1).tanh(), randn(2, 3, 2)));
        l.add(c("unsqueeze/squeeze", x -> x[0].unsqueeze(1).mul(x[1]).squeeze(), randn(3), randn(1, 4)));
        l.add(c("expand", x -> x[0].expand(3, 4).mul(x[1]), randn(4), randn(3, 4)));
        l.add(c("narrow", x -> x[0].narrow(1, 1, 2).exp(), randn(3, 4)));
        l.add(c("select", x -> x[0].select(0, 1).exp(), randn(3, 4)));
        l.add(c("contiguous of transpose", x -> x[0].t().contiguous().exp(), randn(3, 4)));
        l.add(c("softmax last", x -> x[0].softmax(-1), randn(3, 5)));
        l.add(c("softmax dim 0", x -> x[0].softmax(0), randn(3, 5)));
        l.add(c("softmax middle of 3-d", x -> x[0].softmax(1), randn(2, 3, 4)));
        l.add(c("logSoftmax last", x -> x[0].logSoftmax(1), randn(4, 6)));
        l.add(c("logSoftmax dim 0", x -> x[0].logSoftmax(0), randn(4, 6)));
        l.add(c("in-place add_ mul_ div_ sub_", x -> {
            Tensor y = x[0].mul(1f);
            y.add_(x[1]);
            y.mul_(x[1]);
            y.div_(x[2]);
            y.sub_(0.5f);
            y.mul_(2f);
            return y;
        }, randn(2, 3), randn(3), positive(2, 3)));
        l.add(c("in-place copy_", x -> {
            Tensor y = x[0].mul(1f);
            y.copy_(x[1]);
            return y.mul(x[0]);
        }, randn(2, 3), randn(3)));
        l.add(c("in-place mul_ on a narrowed view", x -> {
            Tensor y = x[0].mul(1f);
            y.narrow(1, 1, 2).mul_(x[1]);
            return y.exp();
        }, randn(3, 4), randn(3, 2)));
        l.add(c("in-place add_ on a selected row, then the view used", x -> {
            Tensor y = x[0].mul(2f);
            Tensor row = y.select(0, 1);
            row.add_(x[1]);
            return row.mul(y.sum(0, false));
        }, randn(3, 4), randn(4)));
        l.add(c("in-place div_ through a transposed view", x -> {
            Tensor y = x[0].mul(1f);
            y.t().div_(x[1]);
            return y;
        }, randn(3, 2), positive(3)));
        l.add(c("copy_ into a slice of a buffer that does not require grad", x -> {
            Tensor buf = Tensor.zeros(3, 4);
            buf.narrow(0, 1, 1).copy_(x[0]);
            return buf.mul(x[1]);
        }, randn(4), randn(3, 4)));
        l.add(c("fill_ of a view", x -> {
            Tensor y = x[0].mul(1f);
            y.select(1, 0).fill_(3f);
            return y.pow(2f);
        }, randn(2, 3)));
        l.add(c("as_strided overlapping", x -> x[0].asStrided(new int[] {3, 3}, new int[] {1, 1}, 0).exp(), randn(5)));
        l.add(c("cross entropy mean", x -> Loss.crossEntropy(x[0], Tensor.of(2f, 0f, 1f), Loss.Reduction.MEAN),
                randn(3, 4)));
        l.add(c("cross entropy none", x -> Loss.crossEntropy(x[0], Tensor.of(3f, 1f), Loss.Reduction.NONE), randn(2, 4)));
        l.add(c("cross entropy of one sample, sum", x -> Loss.crossEntropy(x[0], Tensor.scalar(1f), Loss.Reduction.SUM),
                randn(5)));
        l.add(c("nll of log-softmax", x -> Loss.nllLoss(x[0].logSoftmax(1), Tensor.of(1f, 2f), Loss.Reduction.MEAN),
                randn(2, 3)));
        l.add(c("bce with logits", x -> Loss.binaryCrossEntropyWithLogits(x[0], x[1], Loss.Reduction.MEAN), randn(2, 3),
                Tensor.rand(G, 2, 3)));
        l.add(c("bce", x -> Loss.binaryCrossEntropy(x[0].sigmoid(), x[1], Loss.Reduction.SUM), randn(4),
                Tensor.rand(G, 4)));
        l.add(c("mse", x -> Loss.mseLoss(x[0], x[1], Loss.Reduction.MEAN), randn(2, 3), randn(2, 3)));
        l.add(c("mse none", x -> Loss.mseLoss(x[0], x[1], Loss.Reduction.NONE), randn(5), randn(5)));
        l.add(c("l1", x -> Loss.l1Loss(x[0], x[1], Loss.Reduction.SUM), awayFromZero(6), Tensor.zeros(6)));
        l.add(c("stack", x -> Tensor.stack(List.of(x[0], x[1].exp())).mul(x[0]), randn(2, 3), randn(2, 3)));
        l.add(c("index_select", x -> x[0].indexSelect(1, new int[] {2, 0, 2}).exp(), randn(2, 3)));
        l.add(c("index_select by an index tensor", x -> x[0].indexSelect(1, Tensor.of(2f, 0f, 2f)).exp(), randn(2, 3)));
        // Appended, so the cases above keep the inputs G drew for them before these existed.
        // distinct values at least 0.1 apart: two within the finite-difference step would swap places in the sort
        l.add(c("sort descending on a transposed view", x -> x[0].t().sort(1, true).get(0).mul(x[0].t()),
                Tensor.of(new float[] {0.3f, -1.2f, 0.9f, 2.1f, -0.4f, 1.5f, -2.2f, 0.1f, 1.1f, -0.8f, 0.6f, -1.6f}, 3, 4)));
        l.add(c("topk smallest", x -> x[0].topk(2, 1, false).get(0).exp(), randn(2, 5)));
        l.add(c("flip two dims", x -> x[0].flip(0, -1).mul(x[0]), randn(3, 4)));
        l.add(c("minimum broadcast", x -> x[0].minimum(x[1]).mul(x[0]), randn(3, 4), randn(4)));
        l.add(c("elu", x -> dev.vgrad.nn.Functional.elu(x[0], 0.7f), awayFromZero(3, 4)));
        l.add(c("selu", x -> dev.vgrad.nn.Functional.selu(x[0]), awayFromZero(5)));
        l.add(c("hardswish", x -> dev.vgrad.nn.Functional.hardswish(x[0].mul(2f)), randn(3, 4)));
        l.add(c("hardtanh inside and beyond", x -> dev.vgrad.nn.Functional.hardtanh(x[0], -0.1f, 0.1f).mul(x[0]),
                awayFromZero(6)));
        l.add(c("logsigmoid and mish",
                x -> dev.vgrad.nn.Functional.logsigmoid(x[0]).mul(dev.vgrad.nn.Functional.mish(x[0])), randn(2, 3)));
        l.add(c("huber none", x -> dev.vgrad.nn.Functional.huberLoss(x[0].mul(3f), x[1], "none", 1f), randn(6),
                randn(6)));
        l.add(c("normalize", x -> dev.vgrad.nn.Functional.normalize(x[0]), randn(3, 4)));
        l.add(c("cosine similarity broadcast", x -> dev.vgrad.nn.Functional.cosineSimilarity(x[0], x[1], 1, 1e-8f),
                randn(3, 4), randn(1, 4)));
        l.add(c("pad reflect", x -> dev.vgrad.nn.Functional.pad(x[0], new int[] {2, 1}, "reflect", 0f).exp(),
                randn(1, 2, 4)));
        l.add(c("pad circular 2-d",
                x -> dev.vgrad.nn.Functional.pad(x[0], new int[] {1, 2, 2, 0}, "circular", 0f).tanh(),
                randn(1, 3, 3)));
        l.add(c("pad constant cropping",
                x -> dev.vgrad.nn.Functional.pad(x[0], new int[] {-1, 2}, "constant", 1.5f).exp(), randn(2, 3)));
        // Fixed, well-separated values: a random draw (which shifts whenever cases are added) can put two entries of
        // a line within the finite-difference step of each other, where amax's gradient jumps.
        l.add(c("amax and amin", x -> x[0].amax(1, false).mul(x[0].amin(0, true).sum()), Tensor.of(new float[] {0.3f,
            -1.2f, 2.5f, 0.9f, -0.4f, 1.7f, -2.2f, 0.1f, 1.1f, -0.8f, 2.0f, -1.6f}, 3, 4)));
        l.add(c("roll and outer", x -> x[0].roll(new int[] {2, -1}, new int[] {1, 0}).mul(x[1].outer(x[2])),
                randn(3, 4), randn(3), randn(4)));
        l.add(c("unbind", x -> x[0].unbind(1).get(1).exp(), randn(2, 3)));
        l.add(c("group norm", x -> dev.vgrad.nn.Functional.groupNorm(x[0], 2, x[1], x[2], 1e-5f), randn(2, 4, 3),
                randn(4), randn(4)));
        l.add(c("lerp both sides of a half", x -> x[0].lerp(x[1], 0.3f).mul(x[0].lerp(x[1], 0.7f)), randn(3, 2),
                randn(2)));
        // its own generator, so that the shared one's later draws (cases chosen clear of kinks) stay as they were
        Generator lerps = new Generator(11);
        l.add(c("lerp by a tensor weight, broadcast", x -> x[0].lerp(x[1], x[2]), Tensor.randn(lerps, 3, 2),
                Tensor.randn(lerps, 2), Tensor.randn(lerps, 3, 1)));
        // every element at least 0.05 from a bound; row 2's third bound pair crossed (min 0.2 > max -0.3)
        l.add(c("clamp between tensors, broadcast", x -> x[0].clamp(x[1], x[2]).mul(x[0].clampMin(x[1])),
                Tensor.of(new float[] {-1.2f, 0.3f, 0.9f, -0.7f, 0.1f, -1.4f, 2.2f, 1.1f, -0.9f, 0.6f, -0.05f, 2.5f},
                        3, 4),
                Tensor.of(new float[] {-0.5f, -1f, 0.2f, -2f}, 4), Tensor.of(new float[] {0.5f, 1.5f, -0.3f}, 3, 1)));
        l.add(c("repeat_interleave", x -> x[0].repeatInterleave(3, 1).exp(), randn(2, 3)));
        l.add(c("bilinear interpolation", x -> dev.vgrad.nn.Functional.interpolate(x[0], new int[] {5, 2}, "bilinear",
                false).exp(), randn(1, 2, 3, 4)));
        l.add(c("nearest interpolation by 1.5", x -> dev.vgrad.nn.Functional.interpolate(x[0], new double[] {1.5},
                "nearest", null).mul(x[0].sum()), randn(2, 1, 3)));
        l.add(c("conv_transpose2d stride 2, output padding, groups", x -> dev.vgrad.nn.Functional.convTranspose2d(x[0],
                x[1], x[2], new int[] {2, 2}, new int[] {1, 0}, new int[] {1, 1}, 2, new int[] {1, 1}), randn(1, 4, 2, 3),
                randn(4, 1, 3, 2), randn(2)));
        l.add(c("prelu per channel and glu", x -> dev.vgrad.nn.Functional.glu(dev.vgrad.nn.Functional.prelu(x[0], x[1]),
                1), awayFromZero(2, 4, 3), randn(4)));
        l.add(c("triplet margin with swap", x -> dev.vgrad.nn.Functional.tripletMarginLoss(x[0], x[1], x[2], 2f, 2f,
                1e-6f, true, "sum"), randn(3, 4), randn(3, 4), randn(3, 4)));
        l.add(c("cosine embedding", x -> dev.vgrad.nn.Functional.cosineEmbeddingLoss(x[0], x[1], Tensor.of(1f, -1f, -1f),
                -1f, "none"), randn(3, 4), randn(3, 4)));
        l.add(c("median along a dim and quantile", x -> x[0].median(1, false).get(0).mul(x[0].quantile(0.3f, 0, true,
                "linear").sum()), randn(3, 4)));
        l.add(c("einsum of three operands", x -> Tensor.einsum("bn,anm,bm->ba", x[0], x[1], x[2]), randn(2, 3),
                randn(4, 3, 2), randn(2, 2)));
        l.add(c("trace of a tall matrix (where torch 1.13's backward is wrong)", x -> x[0].trace().mul(x[0].sum()),
                randn(4, 2)));
        l.add(c("diagonal of a permuted pair, diag with an offset", x -> x[0].diagonal(-1, 2, 0).exp().sum()
                .add(x[1].diag(2).sum(0, false).pow(2f).sum()).add(x[1].diag(-1).sum(1, false).exp().sum()),
                randn(3, 2, 4), randn(3)));
        l.add(c("tan, asin, atan, sinh, cosh", x -> x[0].mul(0.5f).tan().add(x[0].mul(0.5f).asin())
                .add(x[0].atan().mul(x[0].sinh())).add(x[0].cosh()), positive(3, 2)));
        l.add(c("asinh, acosh, atanh, log2, log10, exp2", x -> x[0].asinh().add(x[1].add(1f).acosh())
                .add(x[1].mul(0.5f).atanh()).mul(x[1].log2().add(x[1].log10())).add(x[0].exp2()), randn(3, 4),
                positive(3, 4)));
        l.add(c("atan2, hypot, logaddexp broadcast", x -> x[0].atan2(x[1]).add(x[0].hypot(x[1]))
                .mul(x[0].logaddexp(x[1])), randn(3, 4), randn(4)));
        // quotients 0.15 to 6.9, none within 0.1 of an integer, where the remainders jump
        l.add(c("fmod and remainder by a tensor, broadcast", x -> x[0].fmod(x[1]).mul(x[0].remainder(x[1])),
                Tensor.of(new float[] {5.3f, -2.6f, 1.1f, -0.4f, 3.9f, -6.2f, 0.35f, 2.2f, -1.45f, 4.1f, -3.3f, 0.8f},
                        3, 4),
                Tensor.of(new float[] {1.7f, -0.9f, 2.3f, -1.3f}, 4)));
        l.add(c("xlogy broadcast, acos", x -> x[0].xlogy(x[1]).add(x[1].mul(0.5f).acos()), randn(2, 3), positive(3)));
        l.add(c("cumprod with a zero, along both dims", x -> x[0].cumprod(1).add(x[0].cumprod(0).mul(x[0])),
                Tensor.of(new float[] {0.7f, 0f, -1.3f, 0.4f, 1.1f, 0.9f, -0.6f, 0f, 1.2f, 0.5f, -0.8f, 1.4f}, 3, 4)));
        l.add(c("prod of lines with no, one and two zeros", x -> x[0].prod(1, false).mul(x[0].prod(0, true).sum())
                .add(x[0].prod()), Tensor.of(new float[] {0.7f, 1.3f, -1.2f, 0f, 1.1f, 0.9f, 0f, 0f, 1.2f}, 3, 3)));
        l.add(c("cummax and cummin of distinct values", x -> x[0].cummax(1).get(0).mul(x[0].cummin(0).get(0)),
                Tensor.of(new float[] {0.3f, -1.1f, 0.8f, 1.5f, -0.2f, 0.6f, -0.9f, 1.2f}, 2, 4)));
        l.add(c("logcumsumexp along a dim and a negative gradient", x -> x[0].logcumsumexp(0).mul(x[1]), randn(4, 3),
                randn(3)));
        l.add(c("scatter from part of a larger src, and a value", x -> x[0].scatter(1, Tensor.of(new float[] {2, 0, 1, 0},
                2, 2), x[1]).scatter(0, Tensor.of(new float[] {1, 0}, 1, 2), 0.5f).exp(), randn(2, 3), randn(2, 3)));
        l.add(c("index_add with a repeat and alpha, index_copy, index_fill", x -> x[0].indexAdd(1, Tensor.of(2f, 0f, 2f),
                x[1], -0.5f).indexCopy(0, Tensor.of(1f), x[2]).indexFill(1, Tensor.of(1f), 3f).exp(), randn(2, 3),
                randn(2, 3), randn(1, 3)));
        l.add(c("masked_select of a broadcast mask, take_along_dim", x -> x[0].maskedSelect(Tensor.of(1f, 0f, 1f))
                .sum().mul(x[0].takeAlongDim(Tensor.of(new float[] {2, 0, 0}, 1, 3), 0)), randn(3, 3)));
        l.add(c("rot90 and movedim", x -> x[0].rot90(3, 0, 2).movedim(0, -1).mul(x[1]), randn(2, 3, 4), randn(2, 4)));
        l.add(c("celu, softshrink, hardshrink, tanhshrink, threshold away from their kinks", x -> dev.vgrad.nn.Functional
                .celu(x[0], 0.7f).add(dev.vgrad.nn.Functional.softshrink(x[0], 0.1f).mul(x[0]))
                .add(dev.vgrad.nn.Functional.hardshrink(x[0], 0.1f).exp()).add(dev.vgrad.nn.Functional.tanhshrink(x[0]))
                .add(dev.vgrad.nn.Functional.threshold(x[0], 0.1f, 2f).square()), awayFromZero(3, 4)));
        l.add(c("soft margin, multi-label soft margin, multi margin", x -> dev.vgrad.nn.Functional.softMarginLoss(x[0],
                Tensor.of(new float[] {1, -1, -1, 1, 1, -1}, 2, 3), "sum").add(dev.vgrad.nn.Functional
                .multilabelSoftMarginLoss(x[0], Tensor.of(new float[] {1, 0, 0, 1, 1, 0}, 2, 3), x[1], "mean"))
                .add(dev.vgrad.nn.Functional.multiMarginLoss(x[0], Tensor.of(2f, 0f), 2, 1f, x[1], "sum")),
                randn(2, 3), positive(3)));
        l.add(c("poisson and gaussian nll, kl divergence of a log target", x -> dev.vgrad.nn.Functional.poissonNllLoss(
                x[0], Tensor.of(new float[] {0, 3, 1, 2}, 2, 2), true, true, 1e-8f, "sum").add(dev.vgrad.nn.Functional
                .gaussianNllLoss(x[0], x[1], x[2], true, 1e-6f, "mean")).add(dev.vgrad.nn.Functional.klDiv(
                x[0].logSoftmax(1), x[1].logSoftmax(1), "batchmean", true)), randn(2, 2), randn(2, 2), positive(2)));
        l.add(c("an LSTM layer through time, both directions, every output", x -> {
            List<Tensor> f = Recurrence.lstm(x[0], x[1], x[2], x[3], x[4], false);
            List<Tensor> b = Recurrence.lstm(x[0], x[1], x[2], x[3], null, true);
            return f.get(0).mul(b.get(0)).sum().add(f.get(2).exp().sum()).add(b.get(1).sum());
        }, randn(3, 2, 8), randn(2, 2), randn(2, 2), randn(8, 2), randn(8)));
        l.add(c("a GRU layer through time, both directions", x -> Recurrence.gru(x[0], x[1], x[2], x[3], false).get(0)
                .mul(Recurrence.gru(x[0], x[1], x[2], null, true).get(0)).sum(), randn(3, 2, 6), randn(2, 2),
                randn(6, 2), randn(6)));
        l.add(c("pixel shuffle of an unshuffle, instance norm with weights", x -> dev.vgrad.nn.Functional.instanceNorm(
                dev.vgrad.nn.Functional.pixelShuffle(dev.vgrad.nn.Functional.pixelUnshuffle(x[0], 2).exp(), 2), x[1], x[2],
                1e-5f), randn(1, 2, 4, 2), randn(2), randn(2)));
        l.add(c("adaptive max pooling of distinct values, bilinear", x -> dev.vgrad.nn.Functional.adaptiveMaxPool2d(x[0],
                new int[] {2, 2}).sum().mul(dev.vgrad.nn.Functional.bilinear(x[1], x[2], x[3], x[4])),
                Tensor.of(new float[] {0.3f, -1.2f, 0.9f, 2.1f, -0.4f, 1.5f, -2.2f, 0.1f, 1.1f}, 1, 1, 3, 3), randn(2, 3),
                randn(2, 2), randn(4, 3, 2), randn(4)));
        l.add(c("einsum with an ellipsis, a diagonal and a broadcast batch", x -> Tensor.einsum("...ij,...jk->...ik", x[0],
                x[1]).sum().mul(Tensor.einsum("bii,bj->bj", x[2], x[3]).tanh().sum()), randn(2, 3, 2), randn(2, 4),
                randn(1, 3, 3), randn(2, 2)));
        l.add(c("bicubic interpolation past the edges, and area", x -> dev.vgrad.nn.Functional.interpolate(x[0],
                new int[] {5, 2}, "bicubic", false).tanh().sum().add(dev.vgrad.nn.Functional.interpolate(x[0],
                new int[] {2, 2}, "area", null).square().sum()), randn(1, 2, 3, 4)));
        l.add(c("cross, kron, tensordot, cdist, meshgrid", x -> x[0].cross(x[1]).sum().mul(x[2].kron(x[3]).sum())
                .add(x[2].tensordot(x[3], 1).exp().sum()).add(Tensor.cdist(x[0], x[1], 2f).sum())
                .add(Tensor.meshgrid(List.of(x[4], x[5]), "xy").get(0).mul(Tensor.meshgrid(List.of(x[4], x[5]), "xy")
                .get(1)).sum()), randn(2, 3), randn(2, 3), randn(2, 2), randn(2, 3), randn(3), randn(2)));
        l.add(c("Elman tanh layers through time, both directions", x -> Recurrence.rnn(x[0], x[1], x[2], x[3], false,
                false).get(0).mul(Recurrence.rnn(x[0], x[1], x[2], null, false, true).get(0).exp()).sum(),
                randn(3, 2, 2), randn(2, 2), randn(2, 2), randn(2)));
        // drawn from a generator of its own: relu's kink must not meet the finite differences, whatever cases precede
        Generator elman = new Generator(4);
        l.add(c("an Elman relu layer, reversed", x -> Recurrence.rnn(x[0], x[1], x[2], x[3], true, true).get(0).sum(),
                Tensor.randn(elman, 3, 2, 2), Tensor.randn(elman, 2, 2), Tensor.randn(elman, 2, 2),
                Tensor.randn(elman, 2)));
        l.add(c("embedding bags: sum with per-sample weights, mean with padding, max", x -> dev.vgrad.nn.Functional
                .embeddingBag(Tensor.of(0f, 2f, 2f, 1f, 3f), x[0], Tensor.of(0f, 2f, 2f), "sum", x[1], false, null)
                .sum().add(dev.vgrad.nn.Functional.embeddingBag(Tensor.of(new float[] {1, 3, 0, 3}, 2, 2), x[0], null,
                "mean", null, false, 3).tanh().sum()).add(dev.vgrad.nn.Functional.embeddingBag(Tensor.of(0f, 1f, 2f),
                x[0].mul(Tensor.of(new float[] {0, 1, 2, 3}, 4, 1)), Tensor.of(0f, 1f, 3f), "max", null, true, null)
                .square().sum()), randn(4, 3), randn(5)));
        // its own generator: copysign's and sinc's kinks at 0 stay away from the differences
        Generator composed = new Generator(12);
        l.add(c("diff, inner, logit, sinc, copysign, nansum, nanmean, deg2rad, cov, trapezoids", x -> x[0].diff(2, 1).square().sum()
                .add(x[0].inner(x[1]).tanh().sum()).add(x[1].sigmoid().logit(0.01f).sum())
                .add(x[1].add(3f).sinc().sum()).add(x[0].add(5f).copysign(Tensor.of(-1f, 1f, -0f, 2f)).exp().sum()
                .mul(0.01f)).add(x[0].nansum().mul(x[1].nanmean())).add(x[1].deg2rad().sin().sum())
                .add(x[0].cov().square().sum()).add(x[1].trapezoid(0.5f, 1).tanh().sum())
                .add(x[0].cumulativeTrapezoid(2f, 0).square().sum()),
                Tensor.randn(composed, 3, 4), Tensor.randn(composed, 2, 4)));
        // padded targets with a repeat (no skip between equal labels), sequences of different lengths, an empty one
        Generator ctc = new Generator(11);
        l.add(c("ctc loss through log_softmax, and on log-probabilities directly", x -> dev.vgrad.nn.Functional.ctcLoss(
                x[0].logSoftmax(2), Tensor.of(new float[] {1, 2, 2, 3, 1, 0, 0, 0, 0}, 3, 3), new int[] {5, 4, 2},
                new int[] {3, 2, 0}, 0, "sum", false).add(dev.vgrad.nn.Functional.ctcLoss(x[1].logSoftmax(1).mul(1.5f),
                Tensor.of(2f, 1f), new int[] {3}, new int[] {2}, 3, "none", false)),
                Tensor.randn(ctc, 5, 3, 4), Tensor.randn(ctc, 3, 4)));
        l.add(c("cross entropy with class weights and smoothing", x -> dev.vgrad.nn.Functional.crossEntropy(x[0],
                Tensor.of(2f, 0f, 1f), Tensor.of(0.5f, 2f, 1f, 0.25f), "mean", -100, 0.2f), randn(3, 4)));
        l.add(c("bce with logits, weight and pos_weight", x -> dev.vgrad.nn.Functional.binaryCrossEntropyWithLogits(x[0],
                Tensor.of(new float[] {1, 0, 0.3f, 1, 0, 0.5f}, 2, 3), Tensor.of(0.5f, 1f, 2f), Tensor.of(3f, 0.5f, 1f),
                "sum"), randn(2, 3)));
        // their own generator (G's draws stay as the cases above were tuned on); distinct values: amax and amin are
        // differentiable away from ties; prod with one zero factor in a position
        Generator scatters = new Generator(13);
        Tensor twoRows = Tensor.of(new float[] {0, 2, 1, 1, 0, 2}, 2, 3);
        l.add(c("scatter_reduce sum and mean, with and without self", x -> x[0].scatterReduce(1, twoRows, x[1], "sum")
                .mul(x[0].scatterReduce(1, twoRows, x[1], "mean", false)), Tensor.randn(scatters, 2, 3),
                Tensor.randn(scatters, 2, 3)));
        l.add(c("scatter_reduce amax and amin, with and without self", x -> x[0].scatterReduce(1, twoRows, x[1], "amax")
                .add(x[0].scatterReduce(1, twoRows, x[1], "amin", false).square()),
                Tensor.of(new float[] {0.3f, -1.1f, 0.8f, 2.1f, -0.4f, 0.05f}, 2, 3),
                Tensor.of(new float[] {1.7f, -0.6f, 0.2f, -1.3f, 0.9f, 1.2f}, 2, 3)));
        l.add(c("scatter_reduce prod, a lone zero factor, with and without self", x -> x[0].scatterReduce(0,
                Tensor.of(1f, 1f, 0f, 1f), x[1], "prod").add(x[0].scatterReduce(0, Tensor.of(0f, 2f, 2f, 0f), x[1],
                "prod", false)), Tensor.of(0.7f, -1.2f, 0f), Tensor.of(1.3f, 0f, -0.8f, 0.6f)));
        l.add(c("index_reduce mean and amax", x -> x[0].indexReduce(0, Tensor.of(2f, 0f, 2f), x[1], "mean")
                .add(x[0].indexReduce(1, Tensor.of(1f, 1f), x[2], "amax", false)),
                Tensor.randn(scatters, 3, 2), Tensor.randn(scatters, 3, 2),
                Tensor.of(new float[] {0.4f, -0.9f, 1.5f, 0.1f, -0.2f, 0.75f}, 3, 2)));
        l.add(c("float_power with a tensor exponent, and a number", x -> x[0].floatPower(x[1]).add(x[0].floatPower(-1.5f)),
                Tensor.rand(scatters, 2, 3).add(0.5f), Tensor.randn(scatters, 3)));
        l.add(c("frexp's mantissa, ldexp", x -> x[0].frexp().get(0).mul(x[1].ldexp(Tensor.of(2f, -1f, 0f))),
                Tensor.of(0.3f, -1.7f, 5.2f), Tensor.randn(scatters, 2, 3)));
        l.add(c("slice, select and diagonal scatters, diag_embed, masked_scatter, put, mode", x -> x[0]
                .sliceScatter(x[1], 1, 0, 5, 2).selectScatter(x[1].narrow(1, 0, 1).squeeze(1).mul(2f), 1, -1)
                .diagonalScatter(x[1].narrow(0, 0, 1).reshape(2).exp(), 1, 0, 1)
                .maskedScatter(Tensor.of(1f, 0f, 0f, 1f), x[1].reshape(-1).sin())
                .put(Tensor.of(-1f, 0f, 0f), x[1].reshape(-1).narrow(0, 0, 3), true).mul(x[2].diagEmbed(1, 0, 1)
                .narrow(0, 0, 2)).add(x[0].mode(1, false).get(0).unsqueeze(1)),
                Tensor.randn(scatters, 2, 4), Tensor.randn(scatters, 2, 2), Tensor.randn(scatters, 3)));
        // Its own generator: relu's kink must stay away from every hidden pre-activation, whatever cases come before.
        Generator mlp = new Generator(7);
        l.add(c("mlp", x -> x[0].matmul(x[1]).add(x[2]).relu().matmul(x[3]).logSoftmax(1).mean(),
                Tensor.randn(mlp, 4, 5), Tensor.randn(mlp, 5, 6), Tensor.randn(mlp, 6), Tensor.randn(mlp, 6, 3)));
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyticalGradientMatchesFiniteDifferences(Case c) {
        assertTrue(GradCheck.gradcheck(c.fn(), c.inputs().get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondDerivativesMatchFiniteDifferences(Case c) {
        assertTrue(GradCheck.gradgradcheck(c.fn(), c.inputs().get()));
    }

    @Test
    void gradcheckCatchesAWrongGradient() {
        // sin-like wrong rule: pretend d/dx exp(x) = 1 by detaching and re-adding x.
        GradCheck.Fn wrong = x -> x[0].exp().detach().add(x[0]);
        assertThrows(IllegalStateException.class, () -> GradCheck.gradcheck(wrong, randn(3)));
    }
}

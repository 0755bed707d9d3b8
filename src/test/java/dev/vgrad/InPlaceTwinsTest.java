package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import dev.vgrad.autograd.GradMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The in-place twins ({@code exp_}, {@code masked_fill_}, ...): each writes exactly what its out-of-place op returns,
 * into a tensor or a view of one, leaves everything outside the view as it was, and records the history autograd needs
 * (checked against the same update made with {@code copy_}, whose CopySlices path is tested on its own, and by
 * finite differences). PyTorch's own numbers for them are in torch_ops.txt ({@code inplace_*}).
 */
class InPlaceTwinsTest {
    private static final Generator G = new Generator(35);
    private static final Tensor INDEX = Tensor.of(new float[] {2, 0}, 2);

    /** Each twin beside its out-of-place op, by PyTorch's name, with the range its inputs are drawn from. */
    private record Twin(UnaryOperator<Tensor> inPlace, UnaryOperator<Tensor> outOfPlace, float low, float high) {}

    private static Map<String, Twin> twins() {
        Map<String, Twin> m = new LinkedHashMap<>();
        Tensor other = Tensor.rand(G, 4, 5).mul(2f).add(0.5f);
        Tensor mask = Tensor.rand(G, 4, 5).gt(0.5f);
        Tensor src = Tensor.randn(G, 4, 5);
        Tensor square = Tensor.randn(G, 5, 5);
        Tensor scatterIndex = Tensor.of(new float[] {1, 0, 3, 2, 0, 2, 1, 0, 3, 1}, 2, 5);
        m.put("exp_", new Twin(Tensor::exp_, Tensor::exp, -2, 2));
        m.put("log_", new Twin(Tensor::log_, Tensor::log, 0.1f, 3));
        m.put("neg_", new Twin(Tensor::neg_, Tensor::neg, -2, 2));
        m.put("abs_", new Twin(Tensor::abs_, Tensor::abs, -2, 2));
        m.put("relu_", new Twin(Tensor::relu_, Tensor::relu, -2, 2));
        m.put("sigmoid_", new Twin(Tensor::sigmoid_, Tensor::sigmoid, -3, 3));
        m.put("tanh_", new Twin(Tensor::tanh_, Tensor::tanh, -3, 3));
        m.put("sin_", new Twin(Tensor::sin_, Tensor::sin, -3, 3));
        m.put("cos_", new Twin(Tensor::cos_, Tensor::cos, -3, 3));
        m.put("tan_", new Twin(Tensor::tan_, Tensor::tan, -1, 1));
        m.put("log1p_", new Twin(Tensor::log1p_, Tensor::log1p, -0.5f, 3));
        m.put("expm1_", new Twin(Tensor::expm1_, Tensor::expm1, -2, 2));
        m.put("reciprocal_", new Twin(Tensor::reciprocal_, Tensor::reciprocal, 0.5f, 3));
        m.put("rsqrt_", new Twin(Tensor::rsqrt_, Tensor::rsqrt, 0.5f, 3));
        m.put("sqrt_", new Twin(Tensor::sqrt_, Tensor::sqrt, 0.5f, 3));
        m.put("erf_", new Twin(Tensor::erf_, Tensor::erf, -2, 2));
        m.put("erfc_", new Twin(Tensor::erfc_, Tensor::erfc, -2, 2));
        m.put("erfinv_", new Twin(Tensor::erfinv_, Tensor::erfinv, -0.9f, 0.9f));
        m.put("asin_", new Twin(Tensor::asin_, Tensor::asin, -0.9f, 0.9f));
        m.put("acos_", new Twin(Tensor::acos_, Tensor::acos, -0.9f, 0.9f));
        m.put("atan_", new Twin(Tensor::atan_, Tensor::atan, -3, 3));
        m.put("sinh_", new Twin(Tensor::sinh_, Tensor::sinh, -2, 2));
        m.put("cosh_", new Twin(Tensor::cosh_, Tensor::cosh, -2, 2));
        m.put("asinh_", new Twin(Tensor::asinh_, Tensor::asinh, -2, 2));
        m.put("acosh_", new Twin(Tensor::acosh_, Tensor::acosh, 1.2f, 3));
        m.put("atanh_", new Twin(Tensor::atanh_, Tensor::atanh, -0.9f, 0.9f));
        m.put("log2_", new Twin(Tensor::log2_, Tensor::log2, 0.1f, 3));
        m.put("log10_", new Twin(Tensor::log10_, Tensor::log10, 0.1f, 3));
        m.put("exp2_", new Twin(Tensor::exp2_, Tensor::exp2, -2, 2));
        m.put("lgamma_", new Twin(Tensor::lgamma_, Tensor::lgamma, 0.2f, 4));
        m.put("digamma_", new Twin(Tensor::digamma_, Tensor::digamma, 0.2f, 4));
        m.put("i0_", new Twin(Tensor::i0_, Tensor::i0, -2, 2));
        m.put("square_", new Twin(Tensor::square_, Tensor::square, -2, 2));
        m.put("sinc_", new Twin(Tensor::sinc_, Tensor::sinc, -2, 2));
        m.put("frac_", new Twin(Tensor::frac_, Tensor::frac, -2, 2));
        m.put("floor_", new Twin(Tensor::floor_, Tensor::floor, -3, 3));
        m.put("sign_", new Twin(Tensor::sign_, Tensor::sign, -3, 3));
        m.put("logit_", new Twin(t -> t.logit_(1e-3f), t -> t.logit(1e-3f), 0.05f, 0.95f));
        m.put("pow_", new Twin(t -> t.pow_(2.5f), t -> t.pow(2.5f), 0.5f, 2));
        m.put("fmod_", new Twin(t -> t.fmod_(0.7f), t -> t.fmod(0.7f), -3, 3));
        m.put("remainder_", new Twin(t -> t.remainder_(0.7f), t -> t.remainder(0.7f), -3, 3));
        m.put("clamp_min_", new Twin(t -> t.clampMin_(-0.5f), t -> t.clampMin(-0.5f), -2, 2));
        m.put("clamp_max_", new Twin(t -> t.clampMax_(0.5f), t -> t.clampMax(0.5f), -2, 2));
        m.put("polygamma_", new Twin(t -> t.polygamma_(1), t -> t.polygamma(1), 0.5f, 3));
        m.put("tril_", new Twin(t -> t.tril_(0), t -> t.tril(0), -2, 2));
        m.put("triu_", new Twin(t -> t.triu_(1), t -> t.triu(1), -2, 2));
        m.put("cumsum_", new Twin(t -> t.cumsum_(1), t -> t.cumsum(1), -2, 2));
        m.put("cumprod_", new Twin(t -> t.cumprod_(0), t -> t.cumprod(0), -2, 2));
        m.put("renorm_", new Twin(t -> t.renorm_(2f, 0, 1f), t -> t.renorm(2f, 0, 1f), -2, 2));
        m.put("pow_tensor_", new Twin(t -> t.pow_(other), t -> t.pow(other), 0.5f, 2));
        m.put("atan2_", new Twin(t -> t.atan2_(other), t -> t.atan2(other), -2, 2));
        m.put("hypot_", new Twin(t -> t.hypot_(other), t -> t.hypot(other), -2, 2));
        m.put("fmod_tensor_", new Twin(t -> t.fmod_(src), t -> t.fmod(src), -4, 4));
        m.put("remainder_tensor_", new Twin(t -> t.remainder_(src), t -> t.remainder(src), -4, 4));
        m.put("xlogy_", new Twin(t -> t.xlogy_(other), t -> t.xlogy(other), -2, 2));
        m.put("copysign_", new Twin(t -> t.copysign_(src), t -> t.copysign(src), -2, 2));
        m.put("lerp_", new Twin(t -> t.lerp_(src, 0.3f), t -> t.lerp(src, 0.3f), -2, 2));
        Tensor weights = other.sub(1f);
        m.put("lerp_tensor_", new Twin(t -> t.lerp_(src, weights), t -> t.lerp(src, weights), -2, 2));
        m.put("clamp_tensors_", new Twin(t -> t.clamp_(src.sub(0.5f), src.add(0.5f)),
                t -> t.clamp(src.sub(0.5f), src.add(0.5f)), -2, 2));
        m.put("clamp_min_tensor_", new Twin(t -> t.clampMin_(src), t -> t.clampMin(src), -2, 2));
        m.put("clamp_max_tensor_", new Twin(t -> t.clampMax_(src), t -> t.clampMax(src), -2, 2));
        m.put("multiply_", new Twin(t -> t.multiply_(other), t -> t.mul(other), -2, 2));
        m.put("divide_", new Twin(t -> t.divide_(other), t -> t.div(other), -2, 2));
        m.put("div_floor_", new Twin(t -> t.div_(other, "floor"), t -> t.div(other, "floor"), -4, 4));
        m.put("gt_", new Twin(t -> t.gt_(src), t -> t.gt(src), -2, 2));
        m.put("le_scalar_", new Twin(t -> t.le_(0.25f), t -> t.le(0.25f), -2, 2));
        m.put("masked_fill_", new Twin(t -> t.maskedFill_(mask, -7f), t -> t.maskedFill(mask, -7f), -2, 2));
        m.put("masked_scatter_", new Twin(t -> t.maskedScatter_(mask, src), t -> t.maskedScatter(mask, src), -2, 2));
        m.put("index_fill_", new Twin(t -> t.indexFill_(1, INDEX, 3f), t -> t.indexFill(1, INDEX, 3f), -2, 2));
        m.put("index_add_", new Twin(t -> t.indexAdd_(1, INDEX, src.narrow(1, 0, 2), 0.5f),
                t -> t.indexAdd(1, INDEX, src.narrow(1, 0, 2), 0.5f), -2, 2));
        m.put("index_copy_", new Twin(t -> t.indexCopy_(0, INDEX, src.narrow(0, 1, 2)),
                t -> t.indexCopy(0, INDEX, src.narrow(0, 1, 2)), -2, 2));
        m.put("scatter_", new Twin(t -> t.scatter_(0, scatterIndex, src), t -> t.scatter(0, scatterIndex, src), -2, 2));
        m.put("scatter_add_", new Twin(t -> t.scatterAdd_(0, scatterIndex, src), t -> t.scatterAdd(0, scatterIndex, src),
                -2, 2));
        m.put("scatter_reduce_", new Twin(t -> t.scatterReduce_(0, scatterIndex, src, "amax", false),
                t -> t.scatterReduce(0, scatterIndex, src, "amax", false), -2, 2));
        m.put("put_", new Twin(t -> t.put_(INDEX, src.narrow(0, 0, 1).reshape(-1).narrow(0, 0, 2), true),
                t -> t.put(INDEX, src.narrow(0, 0, 1).reshape(-1).narrow(0, 0, 2), true), -2, 2));
        m.put("nan_to_num_", new Twin(t -> t.nanToNum_(1f, 2f, -2f), t -> t.nanToNum(1f, 2f, -2f), -2, 2));
        m.put("addmm_", new Twin(t -> t.addmm_(src, square), t -> t.addmm(src, square), -2, 2));
        return m;
    }

    /** [4, 5] values in [low, high). */
    private static Tensor draw(float low, float high) {
        return Tensor.rand(G, 4, 5).mul(high - low).add(low);
    }

    @Test
    void eachTwinWritesWhatItsOpReturnsIntoTensorsAndViews() {
        for (var e : twins().entrySet()) {
            Twin twin = e.getValue();
            Tensor x = draw(twin.low, twin.high);
            float[] expected = twin.outOfPlace.apply(x).toArray();
            Tensor y = x.clone();
            assertEqualsBits(e.getKey(), expected, twin.inPlace.apply(y).toArray());
            Tensor big = Tensor.randn(G, 7, 6);
            float[] before = big.toArray();
            Tensor view = big.narrow(0, 1, 5).narrow(1, 2, 4).t();   // [4, 5], strides (1, 6)
            view.copy_(x);
            float[] around = big.toArray();
            Tensor returned = twin.inPlace.apply(view);
            assertTrue(returned == view, e.getKey() + " returns the tensor it wrote");
            assertEqualsBits(e.getKey() + " on a view", expected, view.toArray());
            float[] after = big.toArray();
            for (int r = 0; r < 7; r++) {
                for (int c = 0; c < 6; c++) {
                    boolean inside = r >= 1 && r < 6 && c >= 2 && c < 6;
                    if (!inside) {
                        assertEquals(around[r * 6 + c], after[r * 6 + c], e.getKey() + " left (" + r + ", " + c + ")");
                        assertEquals(before[r * 6 + c], after[r * 6 + c]);
                    }
                }
            }
        }
    }

    @Test
    void gradientsThroughTwinsOnTensorsAndViewsMatchTheCopyPath() {
        for (var e : twins().entrySet()) {
            Twin twin = e.getValue();
            Tensor x = draw(twin.low, twin.high).requiresGrad_();
            Tensor gradient = Tensor.randn(G, 4, 5);
            Tensor y = x.mul(2f);
            twin.inPlace.apply(y).backward(gradient);
            float[] viaTwin = x.grad().toArray();
            x.grad().zero_();
            Tensor reference = twin.outOfPlace.apply(x.mul(2f));
            if (reference.requiresGrad()) {   // a comparison's result records nothing: its twin's gradients are zero
                reference.backward(gradient);
            }
            assertClose(e.getKey(), x.grad().toArray(), viaTwin);

            // on a view: the base's history routes the view's region through the op
            Tensor w = Tensor.randn(G, 6, 7).requiresGrad_();
            Tensor g2 = Tensor.randn(G, 6, 7);
            Tensor base = w.mul(1.5f);
            twin.inPlace.apply(base.narrow(0, 1, 5).narrow(1, 2, 4).t().mul_(0.25f).add_(x.detach()));
            base.backward(g2);
            float[] byTwin = w.grad().toArray();
            w.grad().zero_();
            Tensor ref = w.mul(1.5f);
            Tensor region = ref.narrow(0, 1, 5).narrow(1, 2, 4).t();
            region.copy_(twin.outOfPlace.apply(region.clone().mul_(0.25f).add_(x.detach())));
            ref.backward(g2);
            assertClose(e.getKey() + " on a view", w.grad().toArray(), byTwin);
        }
    }

    @Test
    void historiesAreNamedAsPyTorchNamesThem() {
        Tensor x = Tensor.randn(G, 3, 4).requiresGrad_();
        assertEquals("ExpBackward0", x.mul(1f).exp_().gradFn().name());
        assertEquals("MaskedFillBackward0", x.mul(1f).maskedFill_(x.detach().gt(0f), 1f).gradFn().name());
        assertEquals("GtBackward0", x.mul(1f).gt_(0f).gradFn().name());
        assertEquals("GtBackward1", x.mul(1f).gt_(x.detach()).gradFn().name());
        assertEquals("LogicalAndBackward0", x.mul(1f).logicalAnd_(x.detach()).gradFn().name(),
                "an op without a named zero node is named from the op");
        Tensor cut = x.mul(1f);
        Tensor cutView = cut.narrow(0, 0, 1).detach_();
        cut.exp_();
        assertTrue(!cutView.requiresGrad() && cutView.gradFn() == null, "a view detached in place stays detached");
        Tensor base = x.mul(1f);
        Tensor view = base.narrow(0, 1, 2).sin_();
        assertEquals("CopySlices", base.gradFn().name());
        assertEquals("AsStridedBackward0", view.gradFn().name());
        Tensor plain = Tensor.randn(G, 3);
        Tensor w = Tensor.randn(G, 3).requiresGrad_();
        assertEquals("Atan2Backward0", plain.atan2_(w).gradFn().name());
        assertTrue(plain.requiresGrad(), "a tensor written from one that requires grad requires grad");
    }

    @Test
    void comparisonsPassZeroGradients() {
        Tensor x = Tensor.randn(G, 3, 4).requiresGrad_();
        Tensor w = Tensor.randn(G, 3, 4).requiresGrad_();
        Tensor y = x.mul(3f);
        y.lt_(w).sum().backward();
        assertArrayEquals(new float[12], x.grad().toArray());
        assertNotNull(w.grad(), "PyTorch's LtBackward1 gives other a zero gradient, not none");
        assertArrayEquals(new float[12], w.grad().toArray());
    }

    @Test
    void finiteDifferencesAgreeThroughChainsOfTwins() {
        assertTrue(GradCheck.gradcheck(xs -> {
            Tensor y = xs[0].mul(1f);
            y.sin_();
            y.narrow(0, 1, 2).exp_();
            y.t().narrow(0, 0, 2).mul_(xs[1].t().narrow(0, 0, 2));
            return y.maskedFill_(Tensor.of(new float[] {1, 0, 0, 1}, 4).gt(0.5f), 0.5f).square_();
        }, Tensor.randn(G, 3, 4), Tensor.randn(G, 3, 4)));
        assertTrue(GradCheck.gradcheck(xs -> xs[0].mul(1f).indexAdd_(0, Tensor.of(new float[] {2, 0}, 2), xs[1], 2f)
                .cumsum_(1).tanh_(), Tensor.randn(G, 3, 4), Tensor.randn(G, 2, 4)));
        assertTrue(GradCheck.gradgradcheck(xs -> xs[0].mul(1f).atan2_(xs[1]).sigmoid_(),
                Tensor.randn(G, 2, 3), Tensor.rand(G, 2, 3).add(0.5f)));
    }

    /**
     * relu_, sigmoid_, tanh_ and exp_ save their result, as PyTorch's do, so a later in-place write into it makes
     * their backward refuse with PyTorch's error (torch 1.13: x.mul(1).tanh_().cumsum_(1) then backward raises).
     */
    @Test
    void aResultSavedByAnActivationThatIsOverwrittenIsReported() {
        for (String op : new String[] {"relu_", "sigmoid_", "tanh_", "exp_"}) {
            Tensor x = Tensor.randn(G, 3, 4).requiresGrad_();
            Tensor y = x.mul(1f);
            Tensor after = switch (op) {
                case "relu_" -> y.relu_();
                case "sigmoid_" -> y.sigmoid_();
                case "tanh_" -> y.tanh_();
                default -> y.exp_();
            };
            assertEquals(java.util.Map.of("relu_", "ReluBackward0", "sigmoid_", "SigmoidBackward0", "tanh_",
                    "TanhBackward0", "exp_", "ExpBackward0").get(op), after.gradFn().name());
            after.cumsum_(1);
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> after.sum().backward());
            assertTrue(e.getMessage().contains("modified by an inplace operation"), op + ": " + e.getMessage());
        }
    }

    @Test
    void aValueSavedForBackwardThatIsOverwrittenIsReported() {
        Tensor x = Tensor.randn(G, 5).requiresGrad_();
        Tensor y = x.mul(1f);
        Tensor z = y.sin();
        y.exp_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> z.sum().backward());
        assertTrue(e.getMessage().contains("modified by an inplace operation"), e.getMessage());
        Tensor u = x.mul(1f);
        u.sin_().sum().backward();   // sin_'s own backward saved the value before the write
        assertClose("sin_", x.detach().cos().toArray(), x.grad().toArray());
    }

    @Test
    void refusedWritesLeaveEveryTensorAsItWas() {
        Tensor leaf = Tensor.randn(G, 3).requiresGrad_();
        float[] leafBefore = leaf.toArray();
        IllegalStateException e = assertThrows(IllegalStateException.class, leaf::exp_);
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage());
        assertArrayEquals(leafBefore, leaf.toArray());
        try (var off = GradMode.noGrad()) {
            leaf.exp_();   // under no_grad a leaf may be written, as torch.no_grad() allows
        }
        assertEquals(Math.exp(leafBefore[0]), leaf.toArray()[0], 1e-6);

        Tensor y = Tensor.zeros(3);
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> y.atan2_(Tensor.ones(2, 3)));
        assertEquals("atan2_: output with shape [3] doesn't match the broadcast shape [2, 3]", wide.getMessage());
        assertArrayEquals(new float[3], y.toArray());
        Tensor m = Tensor.randn(G, 2, 3);
        float[] mBefore = m.toArray();
        assertThrows(IllegalArgumentException.class, () -> m.maskedFill_(Tensor.ones(4).gt(0f), 1f));
        assertThrows(IllegalArgumentException.class, () -> m.indexAdd_(1, Tensor.of(7f), Tensor.ones(2, 1)));
        assertArrayEquals(mBefore, m.toArray());
        assertEquals(0, m.versionCounter().get(), "a refused write does not count as a write");
        Tensor expanded = Tensor.randn(G, 3).unsqueeze(0).expand(2, 3);
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, expanded::exp_);
        assertTrue(overlap.getMessage().startsWith("exp_: unsupported operation: more than one element"),
                overlap.getMessage());
    }

    private static void assertEqualsBits(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    what + " element " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertTrue(Float.isNaN(actual[i]), what + " element " + i + ": NaN expected, got " + actual[i]);
                continue;
            }
            assertEquals(expected[i], actual[i], 1e-5f * (1 + Math.abs(expected[i])), what + " element " + i);
        }
    }
    @Test
    void aViewTakenBeforeAWriteIntoItsStorageFollowsTheWrite() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad_();
        Tensor y = x.mul(1f);
        Tensor v = y.t();
        y.narrow(0, 0, 1).mul_(3f);
        assertEquals("AsStridedBackward0", v.gradFn().name(), "made again from the base's new history");
        v.sum().backward();
        assertArrayEquals(new float[] {3, 3, 1, 1}, x.grad().toArray(), "PyTorch's [[3, 3], [1, 1]]");

        Tensor plain = Tensor.zeros(2, 2);
        Tensor row = plain.select(0, 1);
        Tensor w = Tensor.ones(2, 2).requiresGrad_();
        plain.add_(w);
        assertTrue(row.requiresGrad(), "a view of a base that gained a history has one too");
        row.mul(2f).sum().backward();
        assertArrayEquals(new float[] {0, 0, 2, 2}, w.grad().toArray());

        Tensor p = Tensor.ones(3).requiresGrad_();
        Tensor untracked;
        try (var off = GradMode.noGrad()) {
            untracked = p.narrow(0, 0, 2);
            p.mul_(2f);
        }
        assertTrue(!untracked.requiresGrad() && untracked.gradFn() == null,
                "a view made under no_grad stays out of the graph, as in PyTorch");
    }
    @Test
    void inPlaceViewOpsChangeTheLayoutAndAreSeenBySavedTensors() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad_();
        Tensor y = x.mul(1f);
        Tensor row = y.select(0, 1);
        assertTrue(y.t_() == y);
        assertArrayEquals(new int[] {3, 2}, y.shape());
        assertEquals(1, y.version(), "PyTorch counts an in-place view op as a write");
        y.unsqueeze_(0).mul(Tensor.of(new float[] {1, 10, 100, 1000, 1e4f, 1e5f}, 1, 3, 2)).sum()
                .backward(Tensor.scalar(1f), true, false);
        assertArrayEquals(new float[] {1, 100, 1e4f, 10, 1000, 1e5f}, x.grad().toArray(), "through t_ and unsqueeze_");
        x.grad().zero_();
        row.mul(2f).sum().backward();   // a view of the tensor whose layout changed: its data did not
        assertArrayEquals(new float[] {0, 0, 0, 2, 2, 2}, x.grad().toArray());

        Tensor z = x.mul(1f);
        Tensor saved = z.sin();
        z.t_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> saved.sum().backward());
        assertTrue(e.getMessage().contains("modified by an inplace operation"), e.getMessage());
        IllegalStateException leaf = assertThrows(IllegalStateException.class, () -> x.unsqueeze_(0));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", leaf.getMessage());
        assertArrayEquals(new int[] {2, 3}, x.shape());
    }
}

package dev.vgrad;

import static dev.vgrad.AutogradFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Function;
import dev.vgrad.autograd.GradCheck;
import dev.vgrad.autograd.GradMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** User-defined autograd Functions, checked against PyTorch's runs of the same Functions. */
class CustomFunctionTest {
    /** PyTorch tutorial's P3(x) = (5x^3 - 3x) / 2 with its hand-written derivative. */
    static final class LegendrePolynomial3 extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].pow(3).mul(5).sub(in[0].mul(3)).mul(0.5f);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... grad) {
            Tensor x = ctx.savedTensors()[0];
            return new Tensor[] {grad[0].mul(x.pow(2).mul(5).sub(1).mul(1.5f))};
        }
    }

    /** z = x * exp(y), two inputs. */
    static final class MulExp extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            Tensor e = in[1].exp();
            ctx.saveForBackward(in[0], e);
            return in[0].mul(e);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... g) {
            Tensor[] s = ctx.savedTensors();
            return new Tensor[] {ctx.needsInputGrad(0) ? g[0].mul(s[1]) : null,
                    ctx.needsInputGrad(1) ? g[0].mul(s[0]).mul(s[1]) : null};
        }
    }

    /** x *= 3 in place, marked dirty. */
    static final class TripleInPlace extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            in[0].mul_(3f);
            ctx.markDirty(in[0]);
            return in[0];
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... g) {
            return new Tensor[] {g[0].mul(3f)};
        }
    }

    @Test
    void legendreTrainingRunMatchesPyTorch() {
        Map<String, Tensor> c = AutogradFixtures.get("legendre");
        Tensor xs = c.get("xs");
        float[] xv = xs.toArray(), yv = new float[xv.length];
        for (int i = 0; i < xv.length; i++) {
            yv[i] = (float) Math.sin(xv[i]);
        }
        Tensor ys = Tensor.of(yv);
        Tensor a = Tensor.scalar(0f).requiresGrad_(), b = Tensor.scalar(-1f).requiresGrad_();
        Tensor cc = Tensor.scalar(0f).requiresGrad_(), d = Tensor.scalar(0.3f).requiresGrad_();
        float[] losses = new float[20];
        for (int t = 0; t < 2000; t++) {
            Tensor p3 = new LegendrePolynomial3().apply(cc.add(d.mul(xs)));
            assertEquals("LegendrePolynomial3Backward", p3.gradFn().name());
            Tensor loss = a.add(b.mul(p3)).sub(ys).pow(2).sum();
            if (t % 100 == 99) {
                losses[t / 100] = loss.item();
            }
            loss.backward();
            try (var g = GradMode.noGrad()) {
                for (Tensor p : List.of(a, b, cc, d)) {
                    p.sub_(p.grad().mul(5e-6f));
                    p.setGrad(null);
                }
            }
        }
        assertClose(c.get("losses"), Tensor.of(losses), 1e-3f, 0f, "loss every 100 steps");
        assertClose(c.get("result"), Tensor.stack(List.of(a, b, cc, d)), 1e-3f, 1e-6f, "a, b, c, d");
    }

    @Test
    void twoInputFunctionMatchesPyTorch() {
        Map<String, Tensor> c = AutogradFixtures.get("two_input");
        Tensor x = c.get("x").requiresGrad_(), y = c.get("y").requiresGrad_();
        Tensor out = new MulExp().apply(x, y);
        out.mul(Tensor.of(1f, 2f, 3f)).sum().backward();
        assertEquals("MulExpBackward", out.gradFn().name());
        assertClose(c.get("out"), out, 1e-5f, 0f, "out");
        assertClose(c.get("gx"), x.grad(), 1e-5f, 0f, "dx");
        assertClose(c.get("gy"), y.grad(), 1e-5f, 0f, "dy");
    }

    @Test
    void inPlaceFunctionMarkedDirtyContinuesTheHistory() {
        Map<String, Tensor> c = AutogradFixtures.get("in_place");
        Tensor x = c.get("x").requiresGrad_();
        Tensor h = x.mul(2);
        Tensor out = new TripleInPlace().apply(h);
        assertSame(h, out);
        assertEquals("TripleInPlaceBackward", out.gradFn().name());
        assertEquals(1, h.version());
        out.mul(out).sum().backward();
        assertClose(c.get("out"), out, 1e-6f, 0f, "out");
        assertClose(c.get("gx"), x.grad(), 1e-5f, 0f, "dx");
        Tensor leaf = Tensor.of(1f).requiresGrad_();
        assertThrows(IllegalStateException.class, () -> new TripleInPlace().apply(leaf));
    }

    @Test
    void gradcheckPassesOnACorrectFunctionAndCatchesAWrongOne() {
        assertTrue(GradCheck.gradcheck(x -> new MulExp().apply(x[0], x[1]), Tensor.randn(new Generator(1), 3),
                Tensor.randn(new Generator(2), 3)));
        assertTrue(GradCheck.gradgradcheck(x -> new LegendrePolynomial3().apply(x[0]), Tensor.randn(new Generator(3), 4)));
        Function wrong = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                ctx.saveForBackward(in[0]);
                return in[0].exp();
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                return new Tensor[] {g[0].mul(ctx.savedTensors()[0])};   // x instead of exp(x)
            }
        };
        assertThrows(IllegalStateException.class, () -> GradCheck.gradcheck(x -> wrong.apply(x[0]),
                Tensor.randn(new Generator(4), 3)));
    }

    @Test
    void savedTensorChangedInPlaceIsRefusedWithPyTorchsError() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor h = x.mul(1);
        Tensor out = new LegendrePolynomial3().apply(h);
        h.add_(1f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.sum().backward());
        assertTrue(e.getMessage().startsWith("one of the variables needed for gradient computation has been modified "
                + "by an inplace operation: [torch.FloatTensor [2]], which is output 0 of MulBackward0, is at version 1;"
                + " expected version 0 instead."), e.getMessage());
    }

    @Test
    void needsInputGradAndNonDifferentiableOutputs() {
        boolean[] seen = new boolean[2];
        Function probe = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                seen[0] = ctx.needsInputGrad(0);
                seen[1] = ctx.needsInputGrad(1);
                assertFalse(GradMode.isEnabled(), "forward runs untracked");
                return in[0].add(in[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                return new Tensor[] {g[0], null};
            }
        };
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Tensor out = probe.apply(a, Tensor.of(3f, 4f));
        assertTrue(seen[0] && !seen[1]);
        out.sum().backward();
        assertClose(Tensor.of(1f, 1f), a.grad(), 0f, 0f, "da");

        Function argmax = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                Tensor idx = in[0].argmax(0, false);
                ctx.markNonDifferentiable(idx);
                return idx;
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                throw new AssertionError("never called");
            }
        };
        Tensor idx = argmax.apply(a);
        assertFalse(idx.requiresGrad());
        assertNull(idx.gradFn());
    }

    @Test
    void aBackwardReturningTheWrongNumberOrShapeOfGradientsIsRefused() {
        Function tooFew = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].mul(in[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                return new Tensor[] {g[0]};
            }
        };
        Tensor a = Tensor.of(1f, 2f).requiresGrad_(), b = Tensor.of(3f, 4f).requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tooFew.apply(a, b).sum().backward());
        assertTrue(e.getMessage().contains("returned an incorrect number of gradients (expected 2, got 1)"),
                e.getMessage());
        Function badShape = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].mul(2f);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                return new Tensor[] {Tensor.ones(3)};
            }
        };
        e = assertThrows(IllegalStateException.class, () -> badShape.apply(a).sum().backward());
        assertTrue(e.getMessage().contains("returned an invalid gradient at index 0 - got [3] but expected shape "
                + "compatible with [2]"), e.getMessage());
        assertNull(a.grad(), "a refused backward accumulates nothing");
    }
}

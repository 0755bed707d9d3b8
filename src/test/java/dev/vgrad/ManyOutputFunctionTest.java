package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.Function;
import dev.vgrad.autograd.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Function of several outputs (PyTorch's forward returning a tuple), as torch 1.13 runs the same class:
 * <pre>
 * class ProdSum(torch.autograd.Function):
 *     def forward(ctx, x, y): ctx.save_for_backward(x, y); return x * y, x + y
 *     def backward(ctx, gp, gs): x, y = ctx.saved_tensors; return gp * y + gs, gp * x + gs
 * x, y = tensor([1., 2.], requires_grad=True), tensor([3., 4.], requires_grad=True)
 * p, s = ProdSum.apply(x, y); p.sum().backward()          # x.grad [3., 4.], y.grad [1., 2.]: gs arrives as zeros
 * p, s = ProdSum.apply(x, y); (2 * p + s).sum().backward()   # adds [7., 9.] and [3., 5.]: backward runs once
 * </pre>
 */
class ManyOutputFunctionTest {
    /** A Function whose outputs come from {@link #forwardMany} only. */
    abstract static class SeveralOutputs extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has several outputs: applyMany");
        }
    }

    static final class ProdSum extends SeveralOutputs {
        int backwardCalls;

        @Override
        protected Tensor[] forwardMany(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {in[0].mul(in[1]), in[0].add(in[1])};
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... g) {
            backwardCalls++;
            Tensor[] s = ctx.savedTensors();
            return new Tensor[] {g[0].mul(s[1]).add(g[1]), g[0].mul(s[0]).add(g[1])};
        }
    }

    /** Values and the index of the largest, the index marked non-differentiable (as torch's max-like functions do). */
    static final class WithIndex extends SeveralOutputs {
        Tensor seenIndexGrad;

        @Override
        protected Tensor[] forwardMany(Context ctx, Tensor... in) {
            Tensor index = in[0].argmax();
            ctx.markNonDifferentiable(index);
            return new Tensor[] {in[0].mul(3f), index};
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... g) {
            seenIndexGrad = g[1];
            return new Tensor[] {g[0].mul(3f)};
        }
    }

    @Test
    void backwardRunsOnceWithEveryOutputsGradient() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_(), y = Tensor.of(3f, 4f).requiresGrad_();
        ProdSum f = new ProdSum();
        List<Tensor> ps = f.applyMany(x, y);
        assertEquals("ProdSumBackward", ps.get(0).gradFn().name());
        assertEquals("ProdSumBackward", ps.get(1).gradFn().name());
        ps.get(0).sum().backward();
        assertArrayEquals(new float[] {3, 4}, x.grad().toArray());
        assertArrayEquals(new float[] {1, 2}, y.grad().toArray());
        List<Tensor> again = f.applyMany(x, y);
        again.get(0).mul(2f).add(again.get(1)).sum().backward();
        assertArrayEquals(new float[] {10, 13}, x.grad().toArray());
        assertArrayEquals(new float[] {4, 7}, y.grad().toArray());
        assertEquals(2, f.backwardCalls, "once per backward, not once per output");
    }

    @Test
    void nonDifferentiableOutputsGetNoHistoryAndZeroGradients() {
        Tensor x = Tensor.of(1f, 5f, 2f).requiresGrad_();
        WithIndex f = new WithIndex();
        List<Tensor> out = f.applyMany(x);
        assertNull(out.get(1).gradFn());
        assertFalse(out.get(1).requiresGrad());
        assertEquals(1f, out.get(1).item());
        out.get(0).sum().backward();
        assertArrayEquals(new float[] {3, 3, 3}, x.grad().toArray());
        assertEquals(0f, f.seenIndexGrad.item(), "a materialized zero, as PyTorch's");
    }

    @Test
    void differentiableTwiceAndAgainstFiniteDifferences() {
        GradCheck.gradcheck(xs -> {
            List<Tensor> o = new ProdSum().applyMany(xs[0], xs[1]);
            return o.get(0).mul(o.get(1));
        }, Tensor.of(0.5f, -1.2f), Tensor.of(0.7f, 2f));
        Tensor x = Tensor.of(1f, 2f).requiresGrad_(), y = Tensor.of(3f, 4f).requiresGrad_();
        List<Tensor> o = new ProdSum().applyMany(x, y);
        Tensor gx = Autograd.grad(List.of(o.get(0).mul(o.get(1)).sum()), List.of(x), null, true, true).get(0);
        // d/dx [x y (x + y)] = 2 x y + y^2; its derivative in y is 2 x + 2 y
        assertArrayEquals(new float[] {15, 32}, gx.toArray());
        Tensor gxy = Autograd.grad(List.of(gx.sum()), List.of(y)).get(0);
        assertArrayEquals(new float[] {8, 12}, gxy.toArray());
    }

    @Test
    void withoutMaterializedGradsAnUnreachedOutputsGradientIsNull() {
        Tensor[] seen = new Tensor[2];
        Function f = new SeveralOutputs() {
            @Override
            protected Tensor[] forwardMany(Context ctx, Tensor... in) {
                ctx.setMaterializeGrads(false);
                return new Tensor[] {in[0].mul(2f), in[0].mul(3f)};
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                seen[0] = g[0];
                seen[1] = g[1];
                return new Tensor[] {g[0] == null ? g[1].mul(3f) : g[0].mul(2f)};
            }
        };
        Tensor x = Tensor.of(1f).requiresGrad_();
        List<Tensor> o = f.applyMany(x);
        o.get(1).sum().backward(null, true);
        assertNull(seen[0], "None for the output nothing reached, as PyTorch's");
        assertEquals(1f, seen[1].item());
        o.get(0).sum().backward();
        assertNull(seen[1], "a retained graph's second pass starts afresh");
        assertEquals(5f, x.grad().item());
    }

    /**
     * Two inputs changed in place and both returned, as torch 1.13 runs the same class:
     * <pre>
     * class Both(Function):
     *     def forward(ctx, a, b): a.mul_(2); b.add_(a); ctx.mark_dirty(a, b); return a, b
     *     def backward(ctx, ga, gb): return 2 * ga + 2 * gb, gb
     * x, y = tensor([1., 2., 3.], requires_grad=True), tensor([4., 5., 6.], requires_grad=True)
     * a, b = x * 1, y * 1; oa, ob = Both.apply(a, b)   # oa is a, ob is b; both grad_fn BothBackward
     * (oa * tensor([1., 10., 100.]) + ob * 3).sum().backward()   # x.grad [8., 26., 206.], y.grad [3., 3., 3.]
     * </pre>
     */
    static final class Both extends SeveralOutputs {
        @Override
        protected Tensor[] forwardMany(Context ctx, Tensor... in) {
            in[0].mul_(2f);
            in[1].add_(in[0]);
            ctx.markDirty(in[0], in[1]);
            return new Tensor[] {in[0], in[1]};
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... g) {
            return new Tensor[] {g[0].mul(2f).add(g[1].mul(2f)), g[1]};
        }
    }

    @Test
    void inputsChangedInPlaceAreReturnedWithTheCallsHistory() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad_(), y = Tensor.of(4f, 5f, 6f).requiresGrad_();
        Tensor a = x.mul(1f), b = y.mul(1f);
        List<Tensor> o = new Both().applyMany(a, b);
        assertSame(a, o.get(0));
        assertSame(b, o.get(1));
        assertEquals("BothBackward", a.gradFn().name());
        assertEquals("BothBackward", b.gradFn().name());
        assertArrayEquals(new float[] {2, 4, 6}, a.toArray());
        assertArrayEquals(new float[] {6, 9, 12}, b.toArray());
        o.get(0).mul(Tensor.of(1f, 10f, 100f)).add(o.get(1).mul(3f)).sum().backward();
        assertArrayEquals(new float[] {8, 26, 206}, x.grad().toArray());
        assertArrayEquals(new float[] {3, 3, 3}, y.grad().toArray());
    }

    /**
     * One input changed in place beside a new output, as torch 1.13 runs it:
     * <pre>
     * class Half(Function):
     *     def forward(ctx, a): a.mul_(3); ctx.mark_dirty(a); return a, a * 2
     *     def backward(ctx, ga, gb): return 3 * ga + 6 * gb
     * x = tensor([1., 2.], requires_grad=True); oa, ob = Half.apply(x + 0)   # one HalfBackward node for both
     * (oa.sum() + (ob * ob).sum()).backward()                                 # x.grad [75., 147.]
     * </pre>
     */
    @Test
    void anInputChangedInPlaceBesideANewOutput() {
        Function half = new SeveralOutputs() {
            @Override
            protected Tensor[] forwardMany(Context ctx, Tensor... in) {
                in[0].mul_(3f);
                ctx.markDirty(in[0]);
                return new Tensor[] {in[0], in[0].mul(2f)};
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                return new Tensor[] {g[0].mul(3f).add(g[1].mul(6f))};
            }
        };
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor a = x.add(0f);
        List<Tensor> o = half.applyMany(a);
        assertSame(a, o.get(0));
        o.get(0).sum().add(o.get(1).mul(o.get(1)).sum()).backward();
        assertArrayEquals(new float[] {75, 147}, x.grad().toArray());
        // torch 1.13 on Half.apply((x * 1)[1:3]): "If your Function modifies inplace an input that is a view of
        // another Tensor, your Function cannot return more than one Tensor. ..."
        Tensor base = Tensor.of(1f, 2f, 3f, 4f).requiresGrad_().mul(1f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> half.applyMany(base.narrow(0, 1,
                2)));
        assertTrue(e.getMessage().contains("view of another tensor cannot return more than one"), e.getMessage());
    }

    /**
     * An input changed in place and marked non-differentiable too comes back, as in torch 1.13, as a new tensor
     * without history over the changed data, the input keeping its own:
     * <pre>
     * class F(Function):   # and G, the same with one output
     *     def forward(ctx, a, b): a.mul_(2); ctx.mark_dirty(a); ctx.mark_non_differentiable(a); return a, b * 3
     * a = x * 1; oa, ob = F.apply(a, y)   # oa is a: False; oa.requires_grad False; ob.grad_fn FBackward;
     *                                     # a.grad_fn MulBackward0, a [2., 2.]
     * </pre>
     */
    @Test
    void aDirtyNonDifferentiableOutputIsANewTensorWithoutHistory() {
        Function many = new SeveralOutputs() {
            @Override
            protected Tensor[] forwardMany(Context ctx, Tensor... in) {
                in[0].mul_(2f);
                ctx.markDirty(in[0]);
                ctx.markNonDifferentiable(in[0]);
                return new Tensor[] {in[0], in[1].mul(3f)};
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                return new Tensor[] {null, g[1].mul(3f)};
            }
        };
        Tensor x = Tensor.ones(2).requiresGrad_(), y = Tensor.ones(2).requiresGrad_();
        Tensor a = x.mul(1f);
        List<Tensor> o = many.applyMany(a, y);
        assertNotSame(a, o.get(0));
        assertFalse(o.get(0).requiresGrad());
        assertEquals("MulBackward0", a.gradFn().name());
        assertArrayEquals(new float[] {2, 2}, o.get(0).toArray());
        o.get(1).sum().backward();
        assertArrayEquals(new float[] {3, 3}, y.grad().toArray());

        Function one = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                in[0].mul_(2f);
                ctx.markDirty(in[0]);
                ctx.markNonDifferentiable(in[0]);
                return in[0];
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                return new Tensor[] {null};
            }
        };
        Tensor b = x.mul(1f);
        Tensor ob = one.apply(b);
        assertNotSame(b, ob);
        assertFalse(ob.requiresGrad());
        assertEquals("MulBackward0", b.gradFn().name());
        assertArrayEquals(new float[] {2, 2}, b.toArray());
    }

    /**
     * PyTorch 1.13's refusals: a dirty input not returned ("Some elements marked as dirty during the forward method
     * were not returned as output. ..."), a leaf that requires grad changed in place ("a leaf Variable that requires
     * grad has been used in an in-place operation."); without any input needing a gradient nothing is recorded.
     */
    @Test
    void dirtyInputsRefusedAsPyTorchRefusesThem() {
        Function lost = new SeveralOutputs() {
            @Override
            protected Tensor[] forwardMany(Context ctx, Tensor... in) {
                in[0].mul_(3f);
                ctx.markDirty(in[0]);
                return new Tensor[] {in[1].mul(2f), in[1].mul(3f)};
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                return new Tensor[] {null, g[0].mul(2f).add(g[1].mul(3f))};
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> lost.applyMany(
                Tensor.ones(2).requiresGrad_().add(0f), Tensor.ones(2).requiresGrad_()));
        assertTrue(e.getMessage().contains("marked as dirty during the forward method were not returned"),
                e.getMessage());
        IllegalStateException leaf = assertThrows(IllegalStateException.class, () -> new Both().applyMany(
                Tensor.ones(2).requiresGrad_(), Tensor.ones(2).add(0f)));
        assertTrue(leaf.getMessage().contains("a leaf Variable that requires grad has been used"), leaf.getMessage());
        Tensor p = Tensor.ones(2), q = Tensor.ones(2);
        List<Tensor> o = new Both().applyMany(p, q);
        assertArrayEquals(new float[] {2, 2}, p.toArray());
        assertArrayEquals(new float[] {3, 3}, q.toArray());
        assertFalse(o.get(0).requiresGrad());
        assertFalse(o.get(1).requiresGrad());
    }

    @Test
    void refusals() {
        Function noOutputs = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0];
            }

            @Override
            protected Tensor[] forwardMany(Context ctx, Tensor... in) {
                return new Tensor[0];
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor... g) {
                return g;
            }
        };
        assertThrows(IllegalStateException.class, () -> noOutputs.applyMany(Tensor.of(1f).requiresGrad_()));
    }
}

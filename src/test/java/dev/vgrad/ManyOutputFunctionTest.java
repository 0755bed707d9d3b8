package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    static final class ProdSum extends Function {
        int backwardCalls;

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            throw new UnsupportedOperationException("ProdSum has two outputs: applyMany");
        }

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
    static final class WithIndex extends Function {
        Tensor seenIndexGrad;

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            throw new UnsupportedOperationException();
        }

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
        Function f = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                throw new UnsupportedOperationException();
            }

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

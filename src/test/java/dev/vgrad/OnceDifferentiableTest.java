package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.Function;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Function whose backward is marked once differentiable, as torch 1.13 runs the same class:
 * <pre>
 * class Sq(Function): forward(ctx, x): save x; return x * x;  @once_differentiable backward(ctx, g): return 2 * x * g
 * g, = grad(Sq.apply(x).sum(), x, create_graph=True)        # x = [1., 2.]: g [2., 4.] with no grad_fn (the seed
 *                                                            # needs none): g.sum().backward() refuses as for any constant
 * g, = grad((Sq.apply(x) * x).sum(), x, create_graph=True)  # g [3., 12.], grad_fn AddBackward0
 * g.sum().backward()   # RuntimeError: trying to differentiate twice a function that was marked with @once_differentiable
 * </pre>
 */
class OnceDifferentiableTest {
    static final class Sq extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].mul(in[0]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... g) {
            return new Tensor[] {ctx.savedTensors()[0].mul(2f).mul(g[0])};
        }

        @Override
        protected boolean onceDifferentiable() {
            return true;
        }
    }

    @Test
    void aSecondDerivativeIsRefusedInPyTorchsWords() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        Tensor g = Autograd.grad(List.of(new Sq().apply(x).sum()), List.of(x), null, true, true).get(0);
        assertArrayEquals(new float[] {2, 4}, g.toArray());
        assertNull(g.gradFn(), "no gradient needed reached backward: a constant");

        Tensor h = Autograd.grad(List.of(new Sq().apply(x).mul(x).sum()), List.of(x), null, true, true).get(0);
        assertArrayEquals(new float[] {3, 12}, h.toArray());
        assertEquals("AddBackward0", h.gradFn().name());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.sum().backward());
        assertEquals("trying to differentiate twice a function that was marked with @once_differentiable",
                e.getMessage());

        Tensor y = Tensor.of(3f).requiresGrad_();
        new Sq().apply(y).backward();
        assertEquals(6f, y.grad().item(), "first derivatives as usual");
    }
}

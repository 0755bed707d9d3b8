package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Func;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Func}'s transforms given what PyTorch refuses, and the edges where vgrad's vmap (a loop over slices) has to
 * take care to give what PyTorch's batched one gives; messages as functorch 1.13 words them.
 */
class FuncMisuseTest {
    private static String message(Class<? extends Throwable> type, Runnable r) {
        return assertThrows(type, r::run).getMessage();
    }

    @Test
    void vmapRefusesWhatPyTorchRefuses() {
        Tensor x = Tensor.arange(0, 6, 1).reshape(2, 3);
        assertEquals("vmap: Expected all tensors to have the same size in the mapped dimension, got sizes [2, 3] "
                + "for the mapped dimension", message(IllegalArgumentException.class,
                () -> Func.vmap(in -> in[0].add(in[1])).apply(x, Tensor.ones(3, 3))));
        assertEquals("vmap: Expected at least one Tensor to vmap over", message(IllegalArgumentException.class,
                () -> Func.vmap(in -> in[0].sum()).inDims((Integer) null).apply(x)));
        assertEquals("vmap(f, in_dims=2, ...)(<inputs>): Got in_dim=2 for input 0, but that input is a Tensor of "
                + "dimensionality 2 so expected in_dim to satisfy -2 <= in_dim < 2.",
                message(IllegalArgumentException.class, () -> Func.vmap(in -> in[0].sum()).inDim(2).apply(x)));
        assertTrue(message(IllegalArgumentException.class, () -> Func.vmap(in -> in[0].mul(2)).apply(Tensor.scalar(1f)))
                .contains("dimensionality 0 so expected in_dim to satisfy -0 <= in_dim < 0"));
        assertTrue(message(IllegalArgumentException.class, () -> Func.vmap(in -> in[0].add(in[1])).inDims(0)
                .apply(x, x)).contains("1 in_dims for 2 inputs"));
        assertEquals("Only allowed values for randomness are 'error', 'different', or 'same'. Got sometimes",
                message(IllegalArgumentException.class, () -> Func.vmap(in -> in[0]).randomness("sometimes")));
        assertTrue(message(IllegalStateException.class, () -> Func.vmap(in -> null).apply(x))
                .contains("must return at least one Tensor"));
    }

    @Test
    void aRandomDrawInErrorModeIsRefusedAndDrawsNothing() {
        Generator g = new Generator(5);
        Generator.State before = g.getState();
        String msg = message(IllegalStateException.class,
                () -> Func.vmap(in -> in[0].add(Tensor.rand(g, 3))).apply(Tensor.ones(2, 3)));
        assertTrue(msg.startsWith("vmap: called random operation while in randomness error mode."), msg);
        assertArrayEquals(Tensor.rand(new Generator(5).setState(before), 4).toArray(), Tensor.rand(g, 4).toArray());
        // An outer "error" refuses what an inner "different" allows.
        assertThrows(IllegalStateException.class, () -> Func.vmap(Func.vmap(in -> in[0].add(Tensor.rand(g, 3)))
                .randomness("different")).apply(Tensor.ones(2, 2, 3)));
        // Outside vmap nothing watches the draws any more.
        assertEquals(3, Tensor.rand(g, 3).numel());
    }

    @Test
    void anUnmappedInputChangedInPlaceIsRefusedAfterOneSlice() {
        Tensor acc = Tensor.zeros(3);
        String msg = message(IllegalStateException.class, () -> Func.vmap(in -> in[1].add_(in[0])).inDims(0, null)
                .apply(Tensor.ones(4, 3), acc));
        assertTrue(msg.contains("changed input 1, which is not mapped over"), msg);
        assertArrayEquals(new float[] {1f, 1f, 1f}, acc.toArray(), "changed once, as one call of f changes it");
        // A mapped input may be changed in place through its slices, as PyTorch's vmap allows.
        Tensor x = Tensor.ones(2, 3);
        Tensor y = Func.vmap(in -> in[0].add_(1f)).apply(x);
        assertArrayEquals(new float[] {2f, 2f, 2f, 2f, 2f, 2f}, x.toArray());
        assertArrayEquals(x.toArray(), y.toArray());
    }

    @Test
    void anEmptyBatchGivesEmptyOutputsShapedLikeTheSlices() {
        Generator g = new Generator(9);
        Generator.State before = g.getState();
        List<Tensor> out = Func.vmapAll(in -> List.of(in[0].mul(2), in[0].sum().add(Tensor.rand(g, 1).sum())))
                .outDims(1, 0).randomness("different").applyAll(Tensor.ones(0, 3));
        assertArrayEquals(new int[] {3, 0}, out.get(0).shape());
        assertArrayEquals(new int[] {0}, out.get(1).shape());
        assertArrayEquals(Tensor.rand(new Generator(9).setState(before), 2).toArray(), Tensor.rand(g, 2).toArray(),
                "no draw is left behind by the call that learns the shapes");
    }

    @Test
    void gradRefusesWhatPyTorchRefuses() {
        Tensor x = Tensor.ones(2, 3);
        assertEquals("grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got tensor with 2 dims. "
                + "Maybe you wanted to use the vjp or jacrev APIs instead?", message(IllegalArgumentException.class,
                () -> Func.grad(in -> in[0].mul(2)).apply(x)));
        assertEquals("Got argnum=2, but only 2 positional inputs", message(IllegalArgumentException.class,
                () -> Func.grad(in -> in[0].mul(in[1]).sum()).argnums(2).apply(x, x)));
        assertTrue(message(IllegalArgumentException.class, () -> Func.grad(in -> in[0].mul(in[1]).sum())
                .argnums(0, -2).applyAll(x, x)).startsWith("argnums must be unique"));
        assertEquals("grad_and_value(f)(*args): output of function f should be a tuple: (output, aux) if has_aux is "
                + "True", message(IllegalArgumentException.class,
                () -> Func.gradWithAux(in -> List.of(in[0].sum())).applyAll(x)));
        assertArrayEquals(new float[6], Func.grad(in -> Tensor.scalar(1f)).apply(x).toArray(), "unused input: zeros");
        assertThrows(IllegalStateException.class, () -> Func.gradAndValue(in -> in[0].sum()).apply(x),
                "grad_and_value returns two tensors");
    }

    @Test
    void vjpAndJvpRefuseMismatchedShapes() {
        Tensor z = Tensor.of(0f, 1f);
        assertEquals("Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of "
                + "torch.Size([2]).", message(IllegalArgumentException.class,
                () -> Func.vjp(in -> in[0].sin(), z).apply(Tensor.ones(3))));
        assertEquals("Trying to set a forward gradient that has a different size than that of the original Tensor, "
                + "this is not supported. Tensor is of size [2] while the given forward gradient is of size [3].",
                message(IllegalArgumentException.class, () -> Func.jvp(in -> in[0].sin(), new Tensor[] {z},
                        new Tensor[] {Tensor.ones(3)})));
    }
}

package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.autograd.Autograd;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * backward from several roots at once and backward(inputs=...), as torch 1.13 ran the same program:
 * <pre>
 * x, w = tensor([1., 2.], requires_grad=True), tensor([3., 4.], requires_grad=True); h = x * w; y = (h * 2).sum()
 * y.backward(inputs=[x, h], retain_graph=True)   # x.grad [6., 8.], w.grad None, h.grad [2., 2.]
 * y.backward(inputs=[u])                         # u unused: no error, u.grad None
 * torch.autograd.backward([(a * 3).sum(), (a * a).sum()], [tensor(1.), tensor(2.)])   # a = [1., 2.]: a.grad [7., 11.]
 * </pre>
 */
class BackwardInputsTest {
    @Test
    void onlyTheInputsGradsAreAddedTo() {
        Tensor x = Tensor.of(1f, 2f).requiresGrad_(), w = Tensor.of(3f, 4f).requiresGrad_();
        Tensor u = Tensor.of(1f).requiresGrad_();
        Tensor h = x.mul(w);
        Tensor y = h.mul(2f).sum();
        int[] hookCalls = {0};
        x.registerHook(g -> {
            hookCalls[0]++;
            return null;
        });
        y.backward(null, true, false, List.of(x, h));
        assertArrayEquals(new float[] {6, 8}, x.grad().toArray());
        assertNull(w.grad());
        assertArrayEquals(new float[] {2, 2}, h.grad().toArray());
        assertEquals(1, hookCalls[0], "the leaf's hook ran once");
        y.backward(null, true, false, List.of(u));
        assertNull(u.grad(), "an input the root does not reach keeps its grad");
        y.backward(null, false, false, List.of(x, x));
        assertArrayEquals(new float[] {12, 16}, x.grad().toArray(), "accumulated once per tensor");
        assertNull(w.grad());
    }

    @Test
    void severalRootsInOnePass() {
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Autograd.backward(List.of(a.mul(3f).sum(), a.mul(a).sum()), List.of(Tensor.scalar(1f), Tensor.scalar(2f)),
                false, false, null);
        assertArrayEquals(new float[] {7, 11}, a.grad().toArray());
    }

    @Test
    void refusals() {
        Tensor a = Tensor.of(1f, 2f).requiresGrad_(), plain = Tensor.of(1f);
        assertThrows(IllegalArgumentException.class, () -> a.sum().backward(null, false, false, List.of()));
        assertThrows(IllegalStateException.class, () -> a.sum().backward(null, false, false, List.of(plain)));
        assertThrows(IllegalArgumentException.class, () -> Autograd.backward(List.of(a.sum()), List.of(), false,
                false, null));
        assertNull(a.grad(), "nothing added by a refused call");
    }
}

package dev.vgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Node.registerHook, PyTorch's {@code grad_fn.register_hook}, against torch 1.13's values for the same program
 * ({@code y = x * w; y.exp().sum().backward()} with x = [0.5, -1, 2], w = [1.5, 0.25, -2]): the hook sees the rule's
 * gradients for x and w and the gradient that reached y, and what it returns replaces them (null: no gradient).
 */
class NodePostHookTest {
    private static Tensor x() {
        return Tensor.of(0.5f, -1f, 2f).requiresGrad_();
    }

    private static Tensor w() {
        return Tensor.of(1.5f, 0.25f, -2f).requiresGrad_();
    }

    @Test
    void theHookSeesAndReplacesTheRulesGradients() {
        Tensor x = x(), w = w();
        Tensor y = x.mul(w);
        List<Tensor[]> seen = new ArrayList<>();
        RemovableHandle handle = y.gradFn().registerHook((inputs, outputs) -> {
            seen.add(inputs);
            seen.add(outputs);
            return new Tensor[] {inputs[0].mul(2f), null};
        });
        y.exp().sum().backward();
        // torch: grad_inputs ([3.1755, 0.1947, -0.036631], [1.0585, -0.7788, 0.036631]), grad_outputs
        // ([2.117, 0.7788, 0.018316]); x.grad [6.3510, 0.3894, -0.0733], w.grad None
        assertArrayEquals(new float[] {3.1755002f, 0.1947002f, -0.03663128f}, seen.get(0)[0].toArray(), 1e-6f);
        assertArrayEquals(new float[] {1.0585f, -0.7788008f, 0.03663128f}, seen.get(0)[1].toArray(), 1e-6f);
        assertArrayEquals(new float[] {2.1170001f, 0.7788008f, 0.01831564f}, seen.get(1)[0].toArray(), 1e-6f);
        assertArrayEquals(new float[] {6.3510003f, 0.3894004f, -0.07326256f}, x.grad().toArray(), 1e-6f);
        assertNull(w.grad());
        handle.remove();
    }

    @Test
    void aHookReturningNullLeavesTheGradientsAndAWrongCountIsRefused() {
        Tensor x = x(), w = w();
        Tensor y = x.mul(w);
        y.gradFn().registerHook((inputs, outputs) -> null);
        y.exp().sum().backward();
        assertArrayEquals(new float[] {3.1755002f, 0.1947002f, -0.03663128f}, x.grad().toArray(), 1e-6f);
        assertArrayEquals(new float[] {1.0585f, -0.7788008f, 0.03663128f}, w.grad().toArray(), 1e-6f);
        Tensor y2 = x().mul(w());
        y2.gradFn().registerHook((inputs, outputs) -> new Tensor[] {inputs[0]});
        var e = assertThrows(IllegalStateException.class, () -> y2.sum().backward());
        assertTrue(e.getMessage().contains("got 1, but expected 2"), e.getMessage());
        assertEquals(2, y2.gradFn().nextFunctions().size());
    }

    /**
     * A linear layer's rule adds its weight's and bias's gradients straight into their grads when nothing else needs
     * them; with a hook on its node they come back to the engine instead, so the hook sees and can change them.
     */
    @Test
    void aRuleThatWouldAddIntoGradsDirectlyStillShowsItsGradientsToTheHook() {
        dev.vgrad.Generator g = new dev.vgrad.Generator(4);
        Tensor input = Tensor.randn(g, 5, 3);
        Tensor weight = Tensor.randn(g, 2, 3).requiresGrad_(), bias = Tensor.randn(g, 2).requiresGrad_();
        Tensor.linear(input, weight, bias).sum().backward();
        float[] weightGrad = weight.grad().toArray(), biasGrad = bias.grad().toArray();
        weight.grad().zero_();
        bias.grad().zero_();
        Tensor out = Tensor.linear(input, weight, bias);
        out.gradFn().registerHook((inputs, outputs) -> {
            Tensor[] doubled = inputs.clone();
            for (int i = 0; i < doubled.length; i++) {
                doubled[i] = doubled[i] == null ? null : doubled[i].mul(2f);
            }
            return doubled;
        });
        try (var arena = dev.vgrad.memory.Arena.open()) {
            out.sum().backward();
        }
        for (int i = 0; i < weightGrad.length; i++) {
            weightGrad[i] *= 2;
        }
        biasGrad[0] *= 2;
        biasGrad[1] *= 2;
        assertArrayEquals(weightGrad, weight.grad().toArray(), 1e-5f);
        assertArrayEquals(biasGrad, bias.grad().toArray(), 1e-5f);
    }
}

package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** lerp's rounding and the tensor forms of lerp and clamp, against values printed by PyTorch 1.13 (x86). */
class LerpAndClampTest {
    /** {self, end, weight, torch.lerp's result}: elements where the unfused formulas round otherwise. */
    private static final float[][] ROUNDED_AS_TORCH = {
        {-0.7820168137550354f, 2.108964443206787f, 0.3f, 0.08527757972478867f},
        {-0.05168096348643303f, 4.765905380249023f, 0.3f, 1.3935949802398682f},
        {0.2485017478466034f, 0.6992377638816833f, -0.7f, -0.0670134574174881f},
        {0.2043411135673523f, -4.071513652801514f, -0.7f, 3.197439193725586f},
        {0.35988152027130127f, 4.271563529968262f, 0.7f, 3.0980589389801025f},
        {-0.7820168137550354f, 2.108964443206787f, 0.7f, 1.24167001247406f},
    };

    @Test
    void lerpRoundsAsPyTorchToTheLastBit() {
        for (float[] c : ROUNDED_AS_TORCH) {
            Tensor self = Tensor.of(new float[] {c[0]}, 1), end = Tensor.of(new float[] {c[1]}, 1);
            assertEquals(c[3], self.lerp(end, c[2]).item(), 0f, "weight " + c[2]);
            assertEquals(c[3], self.lerp(end, Tensor.of(new float[] {c[2]}, 1)).item(), 0f, "tensor weight " + c[2]);
        }
    }

    @Test
    void lerpsWeightOneGivesTheEndExactly() {
        Tensor self = Tensor.of(new float[] {0.1f, -3.7f, 1e-8f}, 3), end = Tensor.of(new float[] {0.3f, 5.9f, 7f}, 3);
        assertArrayEquals(end.toArray(), self.lerp(end, 1f).toArray());
        assertArrayEquals(end.toArray(), self.lerp(end, Tensor.ones(1)).toArray());
    }

    @Test
    void lerpsTensorWeightBroadcastsAndReachesEveryOperand() {
        // torch: s = [[0., 1.], [2., 3.]], e = [10., 20.], w = [[0.25], [0.75]]; lerp(s, e, w).sum().backward():
        // s.grad [[0.75, 0.75], [0.25, 0.25]], e.grad [1., 1.], w.grad [[29.], [25.]]
        Tensor s = Tensor.of(new float[] {0, 1, 2, 3}, 2, 2).requiresGrad_();
        Tensor e = Tensor.of(new float[] {10, 20}, 2).requiresGrad_();
        Tensor w = Tensor.of(new float[] {0.25f, 0.75f}, 2, 1).requiresGrad_();
        Tensor y = s.lerp(e, w);
        assertArrayEquals(new float[] {2.5f, 5.75f, 8f, 15.75f}, y.toArray());
        assertEquals("LerpBackward1", y.gradFn().name());
        y.sum().backward();
        assertArrayEquals(new float[] {0.75f, 0.75f, 0.25f, 0.25f}, s.grad().toArray());
        assertArrayEquals(new float[] {1, 1}, e.grad().toArray());
        assertArrayEquals(new float[] {29, 25}, w.grad().toArray());
    }

    @Test
    void clampBetweenTensorsFollowsPyTorchsRule() {
        // the values of torch.clamp(x, lo, hi) with x, lo, hi below and its gradients for the gradient 1..8
        float nan = Float.NaN;
        Tensor x = Tensor.of(new float[] {-2, 0, 0.5f, 1, 3, 0.5f, nan, 0.5f}, 8).requiresGrad_();
        Tensor lo = Tensor.of(new float[] {0, 0, 0, 0, 0, 2, 0, nan}, 8).requiresGrad_();
        Tensor hi = Tensor.full(1f, 8).requiresGrad_();
        Tensor y = x.clamp(lo, hi);
        assertArrayEquals(new float[] {0, 0, 0.5f, 1, 1, 1, nan, nan}, y.toArray());
        assertEquals("ClampBackward0", y.gradFn().name());
        y.backward(Tensor.arange(1, 9));
        assertArrayEquals(new float[] {0, 2, 3, 4, 0, 0, 0, 0}, x.grad().toArray());
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0, 0}, lo.grad().toArray());
        assertArrayEquals(new float[] {0, 0, 0, 0, 5, 6, 0, 0}, hi.grad().toArray());
    }

    @Test
    void oneSidedTensorClampsGiveTiesToTheInput() {
        // torch.clamp_min(x, t) / clamp_max(x, t) for x = [-2, 0, 0.5, 3], t = [0, 0, 1, 1], gradient 1..4
        Tensor x = Tensor.of(new float[] {-2, 0, 0.5f, 3}, 4).requiresGrad_();
        Tensor t = Tensor.of(new float[] {0, 0, 1, 1}, 4).requiresGrad_();
        Tensor low = x.clampMin(t);
        assertArrayEquals(new float[] {0, 0, 1, 3}, low.toArray());
        assertEquals("ClampMinBackward1", low.gradFn().name());
        low.backward(Tensor.arange(1, 5));
        assertArrayEquals(new float[] {0, 2, 0, 4}, x.grad().toArray());
        assertArrayEquals(new float[] {1, 0, 3, 0}, t.grad().toArray());
        x.grad().zero_();
        t.grad().zero_();
        Tensor high = x.clampMax(t);
        assertArrayEquals(new float[] {-2, 0, 0.5f, 1}, high.toArray());
        assertEquals("ClampMaxBackward1", high.gradFn().name());
        high.backward(Tensor.arange(1, 5));
        assertArrayEquals(new float[] {1, 2, 3, 0}, x.grad().toArray());
        assertArrayEquals(new float[] {0, 0, 0, 4}, t.grad().toArray());
    }

    @Test
    void clampWithoutBoundsOrWithAnUnbroadcastableOneIsRefusedAndLeavesTheInput() {
        Tensor x = Tensor.ones(3);
        assertEquals("torch.clamp: At least one of 'min' or 'max' must not be None",
                assertThrows(IllegalArgumentException.class, () -> x.clamp((Tensor) null, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.clamp_((Tensor) null, null));
        String message = assertThrows(IllegalArgumentException.class, () -> x.clamp_(Tensor.zeros(2), null))
                .getMessage();
        assertTrue(message.contains("[3]") && message.contains("[2]"), message);
        assertArrayEquals(new float[] {1, 1, 1}, x.toArray());
    }
}

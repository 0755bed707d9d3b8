package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Tensor;
import dev.vgrad.nn.utils.ClipGrad;
import java.util.List;
import org.junit.jupiter.api.Test;

/** clip_grad_norm_ against PyTorch 1.13's numbers, and its behaviour on non-finite gradients. */
class ClipGradTest {
    @Test
    void scalesTheGradientsAsPyTorchDoes() {
        // torch.manual_seed(0); a = randn(3, 4); b = randn(5); c = randn(2) (no grad);
        // (a*3).sum().backward(); (b**2).sum().backward(); clip_grad_norm_([a, b, c], 1.5)
        float[] b0 = {-0.8566746115684509f, 1.1006041765213013f, -1.0711873769760132f, 0.1227012425661087f,
            -0.5663174986839294f};
        Tensor a = Tensor.zeros(3, 4).requiresGrad_(), b = Tensor.of(b0).requiresGrad_(), c = Tensor.zeros(2).requiresGrad_();
        a.mul(3f).sum().backward();
        b.pow(2f).sum().backward();
        float total = ClipGrad.clipGradNorm_(List.of(a, b, c), 1.5f);
        assertEquals(11.032394409179688f, total, 1e-5f);
        for (float v : a.grad().toArray()) {
            assertEquals(0.4078896641731262f, v, 1e-6f);
        }
        assertArrayEquals(new float[] {-0.23295247554779053f, 0.29928335547447205f, -0.2912841737270355f,
            0.03336571156978607f, -0.15399669110774994f}, b.grad().toArray(), 1e-6f);
    }

    @Test
    void aSmallNormIsLeftAloneAndANaNNormPoisonsEveryGradientVisibly() {
        Tensor a = Tensor.zeros(2).requiresGrad_();
        a.mul(0.1f).sum().backward();
        assertEquals((float) Math.sqrt(0.02), ClipGrad.clipGradNorm_(List.of(a), 1f), 1e-7f);
        assertArrayEquals(new float[] {0.1f, 0.1f}, a.grad().toArray());
        Tensor b = Tensor.zeros(2).requiresGrad_();
        b.mul(Tensor.of(Float.NaN, 1f)).sum().backward();
        assertTrue(Float.isNaN(ClipGrad.clipGradNorm_(List.of(a, b), 1f)));
        assertTrue(Float.isNaN(a.grad().toArray()[0]), "as torch: every gradient times NaN");
    }

    @Test
    void clipGradValueClampsEachElementAndKeepsNaN() {
        Tensor a = Tensor.zeros(4).requiresGrad_(), none = Tensor.zeros(2).requiresGrad_();
        a.mul(Tensor.of(-3f, 0.5f, 2f, Float.NaN)).sum().backward();
        ClipGrad.clipGradValue_(List.of(a, none), 1f);
        float[] g = a.grad().toArray();
        assertArrayEquals(new float[] {-1f, 0.5f, 1f}, java.util.Arrays.copyOf(g, 3));
        assertTrue(Float.isNaN(g[3]), "a NaN gradient is not hidden");
        assertTrue(none.grad() == null, "a parameter without a gradient is skipped");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ClipGrad.clipGradValue_(List.of(a), -1f));
    }
}

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
    void otherNormTypesAsPyTorch() {
        // a.grad = 1.5 sin(0.7 i), b.grad = 1.5 sin(0.7 i + 1) as 2 x 3, c without a grad;
        // clip_grad_norm_([a, b, c], 1.0, norm_type), torch 1.13
        float[] types = {Float.POSITIVE_INFINITY, 1f, 3f, 0.5f};
        float[] totals = {1.4874972105026245f, 10.977323532104492f, 2.5633785724639893f, 111.07694244384766f};
        float[][] aAfter = {
            {0f, 0.6496320962905884f, 0.9937320351600647f, 0.8704642653465271f, 0.33780360221862793f, -0.3537314236164093f},
            {0f, 0.08802933245897293f, 0.134657084941864f, 0.11795350909233093f, 0.045774564146995544f,
                -0.047932885587215424f},
            {0f, 0.3769736588001251f, 0.5766506791114807f, 0.5051199197769165f, 0.1960233598947525f, -0.205266073346138f},
            {0f, 0.008699613623321056f, 0.0133076636120677f, 0.011656910181045532f, 0.004523731302469969f,
                -0.004737030249089003f}};
        float[][] bAfter = {
            {0.8485432267189026f, 0.9999994039535522f, 0.6811402440071106f, 0.04193013161420822f, -0.6170003414154053f,
                -0.9857458472251892f},
            {0.11498306691646576f, 0.13550634682178497f, 0.09229888021945953f, 0.005681802984327078f,
                -0.083607517182827f, -0.13357490301132202f},
            {0.4923993647098541f, 0.5802875757217407f, 0.39525744318962097f, 0.024331549182534218f, -0.3580378293991089f,
                -0.5720164179801941f},
            {0.01136335264891386f, 0.013391592539846897f, 0.00912155769765377f, 0.0005615116097033024f,
                -0.00826262217015028f, -0.013200715184211731f}};
        for (int t = 0; t < types.length; t++) {
            Tensor a = Tensor.zeros(6).requiresGrad_(), b = Tensor.zeros(2, 3).requiresGrad_();
            Tensor c = Tensor.zeros(4).requiresGrad_();
            a.mul(sines(6, 0f)).sum().backward();
            b.mul(sines(6, 1f).reshape(2, 3)).sum().backward();
            float total = ClipGrad.clipGradNorm_(List.of(a, b, c), 1f, types[t]);
            assertEquals(totals[t], total, totals[t] * 1e-6f, "norm type " + types[t]);
            assertArrayEquals(aAfter[t], a.grad().toArray(), 1e-6f, "norm type " + types[t]);
            assertArrayEquals(bAfter[t], b.grad().toArray(), 1e-6f, "norm type " + types[t]);
            assertTrue(c.grad() == null);
        }
        assertEquals(0f, ClipGrad.clipGradNorm_(List.of(Tensor.zeros(2).requiresGrad_()), 1f, 1f),
                "no gradients: total 0, as torch");
    }

    private static Tensor sines(int n, float phase) {
        return Sines.of(phase, n);
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

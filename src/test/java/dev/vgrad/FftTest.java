package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * torch.fft, torch.stft and torch.istft against PyTorch 1.13 ({@code scripts/torch_fft_fixtures.py}): each transform's
 * values and the gradient of a weighted sum of its output's real view, on power-of-two, short and long prime lengths
 * (the radix-2, direct and Bluestein paths), cut and padded, along inner dimensions, with each norm; the frequency
 * helpers and shifts; and gradients of second order by finite differences.
 */
class FftTest {
    private static KeyedFixture fx;

    @BeforeAll
    static void load() throws Exception {
        fx = KeyedFixture.load("/fixtures/torch_fft.txt");
    }

    /** The op of a case, from its name: the transform and its arguments as the script passed them. */
    private static Function<Tensor, Tensor> op(String name) {
        String[] p = name.split("_");
        String norm = p.length == 3 && !p[1].equals("dim0") ? p[2] : null;
        Map<String, Function<Tensor, Tensor>> special = Map.ofEntries(
                Map.entry("fft_dim0_n7", z -> Fft.fft(z, 7, 0, null)),
                Map.entry("fft_cut", z -> Fft.fft(z, 4, -1, null)),
                Map.entry("ifft_dim1", z -> Fft.ifft(z, null, 1, "ortho")),
                Map.entry("rfft_pad", x -> Fft.rfft(x, 11, -1, null)),
                Map.entry("rfft_cut_dim0", x -> Fft.rfft(x, 8, 0, null)),
                Map.entry("irfft_default", Fft::irfft),
                Map.entry("irfft_odd", z -> Fft.irfft(z, 9, -1, null)),
                Map.entry("irfft_pad", z -> Fft.irfft(z, 12, -1, null)),
                Map.entry("irfft_cut", z -> Fft.irfft(z, 6, -1, null)),
                Map.entry("irfft_dim0", z -> Fft.irfft(z, 8, 0, "ortho")),
                Map.entry("hfft", z -> Fft.hfft(z, 10, -1, null)),
                Map.entry("hfft_ortho", z -> Fft.hfft(z, null, -1, "ortho")),
                Map.entry("ihfft", x -> Fft.ihfft(x, null, -1, null)),
                Map.entry("ihfft_forward", x -> Fft.ihfft(x, null, -1, "forward")),
                Map.entry("fft2", Fft::fft2),
                Map.entry("ifft2", z -> Fft.ifftn(z, null, new int[] {-2, -1}, "ortho")),
                Map.entry("rfft2", Fft::rfft2),
                Map.entry("irfft2", Fft::irfft2),
                Map.entry("fftn_all", z -> Fft.fftn(z, null, null, null)),
                Map.entry("fftn_s", z -> Fft.fftn(z, new int[] {6, 3}, new int[] {0, 2}, "forward")),
                Map.entry("rfftn", x -> Fft.rfftn(x, new int[] {5, 8}, null, null)),
                Map.entry("irfftn", z -> Fft.irfftn(z, null, new int[] {0, 2}, null)),
                Map.entry("fft_long_prime", Fft::fft),
                Map.entry("rfft_long", Fft::rfft),
                Map.entry("irfft_long", z -> Fft.irfft(z, 600, -1, null)),
                Map.entry("complex_abs", Fft::abs),
                Map.entry("complex_angle", Fft::angle),
                Map.entry("stft_default", x -> Stft.stft(x, 16)),
                Map.entry("stft_hann", x -> Stft.stft(x, 16, 5, null, Tensor.hannWindow(16), true, "reflect", false,
                        true)),
                Map.entry("stft_short_window", x -> Stft.stft(x, 16, null, 10, Tensor.hannWindow(10), true, "reflect",
                        false, true)),
                Map.entry("stft_odd_window", x -> Stft.stft(x, 16, null, 9, Tensor.hannWindow(9), true, "reflect",
                        false, true)),
                Map.entry("stft_short_ones", x -> Stft.stft(x, 16, null, 11, null, true, "reflect", false, true)),
                Map.entry("stft_nocenter", x -> Stft.stft(x, 12, 4, null, Tensor.hannWindow(12), false, "reflect",
                        false, true)),
                Map.entry("stft_constant", x -> Stft.stft(x, 8, null, null, null, true, "constant", false, true)),
                Map.entry("stft_replicate", x -> Stft.stft(x, 8, 3, null, null, true, "replicate", false, true)),
                Map.entry("stft_circular", x -> Stft.stft(x, 8, null, null, null, true, "circular", false, true)),
                Map.entry("stft_normalized", x -> Stft.stft(x, 10, null, null, null, true, "reflect", true, true)),
                Map.entry("stft_twosided", x -> Stft.stft(x, 10, null, null, Tensor.hannWindow(10), true, "reflect",
                        false, false)),
                Map.entry("istft_default", z -> Stft.istft(z, 16, null, null, Tensor.hannWindow(16), true, false,
                        null, null)),
                Map.entry("istft_length", z -> Stft.istft(z, 16, 5, null, Tensor.hannWindow(16), true, false, null,
                        70)),
                Map.entry("istft_long", z -> Stft.istft(z, 16, null, null, Tensor.hannWindow(16), true, false, null,
                        80)),
                Map.entry("istft_nocenter", z -> Stft.istft(z, 12, 3, null, Tensor.hannWindow(12).add(0.1f), false,
                        false, null, null)),
                Map.entry("istft_normalized", z -> Stft.istft(z, 12, null, null, Tensor.hannWindow(12), true, true,
                        null, null)),
                Map.entry("istft_twosided", z -> Stft.istft(z, 10, null, null, Tensor.hannWindow(10), true, false,
                        false, null)));
        if (special.containsKey(name)) {
            return special.get(name);
        }
        int n = Integer.parseInt(p[1]);
        return switch (p[0]) {
            case "fft" -> z -> Fft.fft(z, null, -1, norm);
            case "ifft" -> z -> Fft.ifft(z, null, -1, norm);
            case "rfft" -> x -> Fft.rfft(x, null, -1, norm);
            case "irfft" -> z -> Fft.irfft(z, n, -1, norm);
            default -> throw new AssertionError(name);
        };
    }

    @Test
    void everyTransformAsTorchsWithItsGradient() {
        List<String> cases = fx.names("cases.keys");
        for (String name : cases) {
            Tensor x = fx.tensor(name + ".x").requiresGrad_();
            Tensor y = op(name).apply(x);
            assertArrayEquals(fx.shape(name + ".y"), y.shape(), name);
            float scale = maxAbs(fx.get(name + ".y"));
            fx.assertClose(name + ".y", y, 2e-6f * Math.max(1f, scale));
            y.mul(fx.tensor(name + ".w")).sum().backward();
            fx.assertClose(name + ".grad", x.grad(), 2e-6f * Math.max(1f, maxAbs(fx.get(name + ".grad"))));
        }
        assertEquals(125, cases.size());
    }

    private static float maxAbs(float[] v) {
        float m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    @Test
    void frequenciesAndShifts() {
        double[] spacing = {1.0, 1.0, 0.1, 2.5, 0.03};   // the script's Python floats
        int[] lengths = {1, 8, 9, 10, 33};
        for (int i = 0; i < lengths.length; i++) {
            int n = lengths[i];
            double d = spacing[i];
            assertEquals(fx.get("fftfreq_" + n + ".d")[0], (float) d);
            assertArrayEquals(fx.get("fftfreq_" + n), Fft.fftfreq(n, d).toArray(), "fftfreq " + n);
            assertArrayEquals(fx.get("rfftfreq_" + n), Fft.rfftfreq(n, d).toArray(), "rfftfreq " + n);
        }
        Tensor x = fx.tensor("shift.x");
        assertArrayEquals(fx.get("shift.fftshift"), Fft.fftshift(x).toArray());
        assertArrayEquals(fx.get("shift.ifftshift"), Fft.ifftshift(x).toArray());
        assertArrayEquals(fx.get("shift.fftshift1"), Fft.fftshift(x, 1).toArray());
        assertArrayEquals(fx.get("shift.ifftshift0"), Fft.ifftshift(x, 0).toArray());
    }

    @Test
    void roundTripsAndSecondOrderGradients() {
        Generator g = new Generator(9);
        Tensor x = Tensor.randn(g, 3, 77);
        Tensor back = Fft.irfft(Fft.rfft(x), 77, -1, null);
        assertTrue(back.allclose(x, 1e-5, 1e-5, false));
        Tensor z = Tensor.randn(g, 4, 130, 2);
        assertTrue(Fft.ifft(Fft.fft(z, null, -2, "ortho"), null, -2, "ortho").allclose(z, 1e-5, 1e-5, false));
        Tensor signal = Tensor.randn(g, 2, 101);
        Tensor window = Tensor.hannWindow(32);
        Tensor spectrogram = Stft.stft(signal, 32, 8, null, window, true, "reflect", false, true);
        assertArrayEquals(new int[] {2, 17, 13, 2}, spectrogram.shape());
        assertTrue(Stft.istft(spectrogram, 32, 8, null, window, true, false, null, 101).allclose(signal, 1e-5, 1e-5,
                false));
        // the gradient's own gradient (a Hessian-vector product through the transforms)
        assertTrue(GradCheck.gradgradcheck(t -> Fft.abs(Fft.rfft(t[0].mul(t[0]), 12, -1, "ortho")),
                Tensor.randn(g, 2, 9)));
        assertTrue(GradCheck.gradgradcheck(t -> Fft.irfft(Fft.fft(t[0]).mul(t[0]), 10, -1, null),
                Tensor.randn(g, 3, 6, 2)));
        assertTrue(GradCheck.gradgradcheck(t -> Fft.abs(t[0]).add(Fft.angle(t[0])), Tensor.randn(g, 4, 2)));
    }

    @Test
    void complexProductAndPolarAsTorchs() {
        Tensor a = fx.tensor("complex_mul.a").requiresGrad_(), b = fx.tensor("complex_mul.b").requiresGrad_();
        Tensor y = Fft.mul(a, b);
        fx.assertClose("complex_mul.y", y, 2e-6f);
        y.mul(fx.tensor("complex_mul.w")).sum().backward();
        fx.assertClose("complex_mul.ga", a.grad(), 2e-6f);
        fx.assertClose("complex_mul.gb", b.grad(), 1e-5f);
        Tensor m = fx.tensor("polar.abs").requiresGrad_(), t = fx.tensor("polar.angle").requiresGrad_();
        Tensor z = Fft.polar(m, t);
        fx.assertClose("polar.y", z, 2e-6f);
        z.mul(fx.tensor("polar.w")).sum().backward();
        fx.assertClose("polar.gabs", m.grad(), 2e-6f);
        fx.assertClose("polar.gangle", t.grad(), 2e-6f);
    }

    /**
     * A complex scalar, view_as_real's [2] of a 0-d complex tensor, in the elementwise helpers as in {@link Complex}'s
     * ops (torch 1.13: z = view_as_complex(tensor([3., 4.])); abs 5, angle 0.9273, conj 3 - 4i, z * (1 + 2i) = -5 + 10i).
     */
    @Test
    void aComplexScalarIsAComplexNumber() {
        Tensor z = Tensor.of(3f, 4f);
        assertEquals(5f, Fft.abs(z).item());
        assertEquals(0.9272952f, Fft.angle(z).item(), 1e-7f);
        assertArrayEquals(new float[] {3f, -4f}, Fft.conj(z).toArray());
        assertArrayEquals(new float[] {-5f, 10f}, Fft.mul(z, Tensor.of(1f, 2f)).toArray());
        assertEquals(3f, Fft.real(z).item());
        assertEquals(4f, Fft.imag(z).item());
        assertEquals(0, Fft.abs(z).dim());
    }

    @Test
    void badArgumentsAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Fft.fft(Tensor.ones(4, 3)));
        assertTrue(e.getMessage().contains("[4, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fft.rfft(Tensor.ones(4), 0, -1, null));
        assertTrue(e.getMessage().contains("Invalid number of data points (0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fft.fft(Tensor.ones(0, 2)));
        assertTrue(e.getMessage().contains("Invalid number of data points (0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fft.rfft(Tensor.scalar(1f)));
        assertTrue(e.getMessage().contains("0-d"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fft.fft(Tensor.of(3f, 4f)));
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fft.abs(Tensor.scalar(3f)));
        assertTrue(e.getMessage().contains("a last dimension of 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fft.irfft(Tensor.ones(1, 2)));
        assertTrue(e.getMessage().contains("Invalid number of data points (0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stft.stft(Tensor.ones(50), 100, null, null, null,
                false, "reflect", false, true));
        assertTrue(e.getMessage().contains("expected 0 < n_fft < 50, but got n_fft=100"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stft.stft(Tensor.ones(50), 16, null, null,
                Tensor.ones(5), true, "reflect", false, true));
        assertTrue(e.getMessage().contains("win_length=16, but got window with size [5]"), e.getMessage());
        Tensor spectrum = Stft.stft(Tensor.ones(50), 16);
        e = assertThrows(IllegalArgumentException.class, () -> Stft.istft(spectrum, 16, null, null, Tensor.zeros(16),
                true, false, null, null));
        assertTrue(e.getMessage().contains("window overlap add min"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stft.istft(spectrum, 12));
        assertTrue(e.getMessage().contains("match n_fft / 2 + 1 when onsided=True, but got 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Fft.fft(Tensor.ones(4, 2), null, -1, "sideways"));
        assertTrue(e.getMessage().contains("Invalid normalization mode: \"sideways\""), e.getMessage());
    }
}

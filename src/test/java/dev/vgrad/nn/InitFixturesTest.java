package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * torch.nn.init against PyTorch 1.13 (scripts/torch_init_fixtures.py): each case seeds a generator as torch was seeded
 * and replays its calls in order on it; every value must be torch's to the bit.
 */
class InitFixturesTest {
    @Test
    void everyInitCallGivesTorchsBits() throws IOException {
        Map<String, List<String[]>> cases = cases("init ");
        assertTrue(cases.size() >= 27, "expected the whole fixture file, found " + cases.size() + " cases");
        List<String> wrong = new ArrayList<>();
        replay(cases, (f, got) -> {
            int bar = Arrays.asList(f).indexOf("|");
            for (int i = 0; i < got.length; i++) {
                float expected = Float.parseFloat(f[bar + 1 + i]);
                if (Float.floatToIntBits(expected) != Float.floatToIntBits(got[i])) {
                    wrong.add(f[1] + " seed " + f[2] + " " + f[3] + " " + f[4] + " at " + i + ": torch " + expected
                            + ", vgrad " + got[i]);
                    break;
                }
            }
        });
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " calls differ:\n" + String.join("\n", wrong));
        }
    }

    /** The fixture's lines that start with {@code kind}, split into fields, by case and seed in file order. */
    private static Map<String, List<String[]>> cases(String kind) throws IOException {
        Map<String, List<String[]>> cases = new LinkedHashMap<>();
        try (var r = new BufferedReader(new InputStreamReader(
                InitFixturesTest.class.getResourceAsStream("/fixtures/torch_init.txt"), StandardCharsets.UTF_8))) {
            for (String line : r.lines().filter(l -> l.startsWith(kind)).toList()) {
                String[] f = line.split(" ");
                cases.computeIfAbsent(f[1] + " seed " + f[2], k -> new ArrayList<>()).add(f);
            }
        }
        return cases;
    }

    /** Replays each case's calls in order on one generator seeded as torch was, handing each line vgrad's values. */
    private static void replay(Map<String, List<String[]>> cases, BiConsumer<String[], float[]> check) {
        for (List<String[]> calls : cases.values()) {
            Generator g = new Generator(Long.parseLong(calls.get(0)[2]));
            for (String[] f : calls) {
                int bar = Arrays.asList(f).indexOf("|");
                int[] shape = Arrays.stream(f[4].split(",")).mapToInt(Integer::parseInt).toArray();
                Tensor t = Tensor.zeros(shape).requiresGrad_();
                apply(f[3], t, Arrays.copyOfRange(f, 5, bar), g);
                check.accept(f, t.toArray());
            }
        }
    }

    private static void apply(String fn, Tensor t, String[] a, Generator g) {
        switch (fn) {
            case "uniform" -> Init.uniform_(t, d(a[0]), d(a[1]), g);
            case "normal" -> Init.normal_(t, d(a[0]), d(a[1]), g);
            case "constant" -> Init.constant_(t, d(a[0]));
            case "xavier_uniform" -> Init.xavierUniform_(t, d(a[0]), g);
            case "xavier_normal" -> Init.xavierNormal_(t, d(a[0]), g);
            case "kaiming_uniform" -> Init.kaimingUniform_(t, d(a[0]), s(a[1]), s(a[2]), g);
            case "kaiming_normal" -> Init.kaimingNormal_(t, d(a[0]), s(a[1]), s(a[2]), g);
            case "eye" -> Init.eye_(t);
            case "dirac" -> Init.dirac_(t, Integer.parseInt(a[0]));
            case "sparse" -> Init.sparse_(t, d(a[0]), d(a[1]), g);
            case "trunc_normal" -> Init.truncNormal_(t, d(a[0]), d(a[1]), d(a[2]), d(a[3]), g);
            case "orthogonal" -> Init.orthogonal_(t, d(a[0]), g);
            default -> throw new IllegalArgumentException("unknown init " + fn);
        }
    }

    /**
     * trunc_normal_ (erfinv in float, PyTorch's Newton steps on another erf) and orthogonal_ (a QR factorisation in
     * double here, LAPACK's in float there) within a few float roundings of torch's; each call draws what torch's drew,
     * so a normal_ call after them must match to the bit.
     */
    @Test
    void truncNormalAndOrthogonalComeCloseToTorchsAndDrawAsMuch() throws IOException {
        Map<String, List<String[]>> cases = cases("close ");
        assertEquals(6, cases.size(), "the close cases of the fixture file");
        List<String> wrong = new ArrayList<>();
        double[] worst = {0};
        replay(cases, (f, got) -> {
            int bar = Arrays.asList(f).indexOf("|");
            boolean exact = f[3].equals("normal");
            for (int i = 0; i < got.length; i++) {
                float expected = Float.parseFloat(f[bar + 1 + i]);
                double err = Math.abs(expected - got[i]);
                worst[0] = exact ? worst[0] : Math.max(worst[0], err);
                if (exact ? Float.floatToIntBits(expected) != Float.floatToIntBits(got[i])
                        : !(err <= 2e-6 + 2e-6 * Math.abs(expected))) {
                    wrong.add(f[1] + " seed " + f[2] + " " + f[3] + " " + f[4] + " at " + i + ": torch " + expected
                            + ", vgrad " + got[i]);
                    break;
                }
            }
        });
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " calls differ (largest difference seen " + worst[0] + "):\n"
                    + String.join("\n", wrong));
        }
    }

    @Test
    void newInitsRefuseWhatPyTorchRefuses() {
        var e = assertThrows(IllegalArgumentException.class, () -> Init.orthogonal_(Tensor.zeros(4)));
        assertTrue(e.getMessage().startsWith("Only tensors with 2 or more dimensions are supported"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Init.eye_(Tensor.zeros(2, 2, 2)));
        assertTrue(e.getMessage().startsWith("Only tensors with 2 dimensions are supported"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Init.dirac_(Tensor.zeros(3, 2, 3), 2));
        assertTrue(e.getMessage().startsWith("dim 0 must be divisible by groups"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Init.dirac_(Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("3, 4, or 5 dimensions"), e.getMessage());
        assertEquals(0, Init.orthogonal_(Tensor.zeros(0, 3)).numel());
        assertTrue(Float.isInfinite(Init.erfinv(1f)) && Float.isNaN(Init.erfinv(1.5f)) && Init.erfinv(0f) == 0f);
    }

    private static double d(String v) {
        return Double.parseDouble(v);
    }

    private static String s(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    @Test
    void refusalsNameWhatWasWrong() {
        var fans = assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform_(Tensor.zeros(5)));
        assertTrue(fans.getMessage().contains("fewer than 2 dimensions") && fans.getMessage().contains("[5]"),
                fans.getMessage());
        var mode = assertThrows(IllegalArgumentException.class,
                () -> Init.kaimingUniform_(Tensor.zeros(2, 2), 0, "fan_avg", "relu", new Generator(0)));
        assertTrue(mode.getMessage().contains("fan_avg"), mode.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Init.calculateGain("swish"));
        assertEquals(Math.sqrt(2.0), Init.calculateGain("relu"));
        assertEquals(Math.sqrt(2.0 / (1 + 0.01 * 0.01)), Init.calculateGain("leaky_relu"));
    }

    @Test
    void initWritesAParameterInPlaceAndCountsAVersion() {
        Tensor w = Tensor.zeros(4, 3).requiresGrad_();
        int before = w.version();
        Init.kaimingUniform_(w);
        assertTrue(w.requiresGrad() && w.isLeaf() && w.gradFn() == null);
        assertTrue(w.version() > before, "an in-place write counts a version");
        Tensor empty = Tensor.zeros(0, 3);
        assertEquals(empty, Init.kaimingNormal_(empty), "nothing to fill: the tensor itself back");
    }
}

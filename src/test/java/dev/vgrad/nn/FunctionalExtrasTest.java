package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/**
 * Shapes, edge values and refusals of pad, oneHot, the extra activations and reductions; their values and gradients
 * are checked against PyTorch in TorchOpsFixturesTest (the "extras" programs) and by GradCheckTest.
 */
class FunctionalExtrasTest {
    @Test
    void absGradientIsGradTimesSignWithZeroAtZeroAndNaN() {
        float inf = Float.POSITIVE_INFINITY, nan = Float.NaN;
        // 19 elements: a whole vector and a tail at 128 and 256 bits; a transposed view of x too
        float[] xs = {-2f, -0f, 0f, 3f, nan, -inf, inf, 1e-30f, -5f, 7f, -1f, 2f, 0f, -3f, 4f, -0.5f, 0.25f, nan, -8f};
        float[] gs = {1f, 2f, inf, 4f, 5f, 6f, -7f, 8f, nan, 10f, 11f, 12f, -inf, 14f, 15f, 16f, 17f, inf, 19f};
        Tensor x = Tensor.of(xs, xs.length).requiresGrad_();
        x.abs().backward(Tensor.of(gs, gs.length));
        float[] got = x.grad().toArray();
        for (int i = 0; i < xs.length; i++) {
            float sign = xs[i] > 0 ? 1f : xs[i] < 0 ? -1f : 0f;
            // PyTorch 1.13: grad * sgn(x), so an infinite gradient at 0 or NaN gives NaN (inf * 0)
            assertEquals(Float.floatToRawIntBits(gs[i] * sign), Float.floatToRawIntBits(got[i]), "element " + i);
        }
        Tensor m = Tensor.of(new float[] {-1f, 2f, -3f, 4f, 5f, -6f}, 2, 3).requiresGrad_();
        m.t().abs().backward(Tensor.of(new float[] {1f, 2f, 3f, 4f, 5f, 6f}, 3, 2));
        assertArrayEquals(new float[] {-1f, 3f, -5f, 2f, 4f, -6f}, m.grad().toArray());
    }

    @Test
    void nanToNumReplacesOnlyTheNonFiniteAndItsGradientIsGradTimesIsfinite() {
        float inf = Float.POSITIVE_INFINITY;
        // a transposed view, so the strided path runs; 5 is above posinf and -0 must stay -0
        Tensor x = Tensor.of(new float[] {Float.NaN, 5f, -inf, inf, -0f, 2f}, 3, 2).requiresGrad_();
        Tensor y = x.t().nanToNum(-1f, 1f, -2f);
        assertArrayEquals(new float[] {-1f, -2f, -0f, 5f, 1f, 2f}, y.toArray());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(y.toArray()[2]), "-0 kept");
        assertEquals("NanToNumBackward0", y.gradFn().name());
        y.backward(Tensor.of(new float[] {3f, 3f, 3f, 3f, 3f, 3f}, 2, 3));
        assertArrayEquals(new float[] {0f, 3f, 0f, 0f, 3f, 3f}, x.grad().toArray());
        // PyTorch 1.13: x.nan_to_num(0., 1., -1.).backward(NaN everywhere) gives NaN everywhere (grad * isfinite)
        Tensor z = Tensor.of(1f, Float.NaN, inf, -inf).requiresGrad_();
        z.nanToNum(0f, 1f, -1f).backward(Tensor.of(Float.NaN, Float.NaN, Float.NaN, Float.NaN));
        for (float g : z.grad().toArray()) {
            assertTrue(Float.isNaN(g), java.util.Arrays.toString(z.grad().toArray()));
        }
    }

    @Test
    void eluAndCeluGradientsFarBelowZeroAreExpOfTheInput() {
        float[] xs = {-10f, -17f, -20.5f, -1e-6f, -0f};
        Tensor x = Tensor.of(xs, xs.length).requiresGrad_();
        Tensor y = Functional.elu(x, 1.5f);
        Tensor g = Autograd.grad(java.util.List.of(y.sum()), java.util.List.of(x), null, true, true).get(0);
        Tensor gg = Autograd.grad(java.util.List.of(g.sum()), java.util.List.of(x)).get(0);
        for (int i = 0; i < xs.length; i++) {
            double want = 1.5 * Math.exp(xs[i]);
            assertEquals(want, g.toArray()[i], 1e-6 * want, "elu's gradient at " + xs[i]);
            assertEquals(want, gg.toArray()[i], 1e-6 * want, "and its derivative at " + xs[i]);
            double value = 1.5 * Math.expm1(xs[i]);
            assertEquals(value, y.toArray()[i], 1e-6 * Math.abs(value), "elu's value (expm1's) at " + xs[i]);
        }
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(y.toArray()[4]), "-0 stays -0, as torch's");
        Tensor c = Tensor.of(new float[] {-20f}, 1).requiresGrad_();
        Functional.celu(c, 2f).sum().backward();
        assertEquals(Math.exp(-10), c.grad().toArray()[0], 1e-6 * Math.exp(-10), "celu's gradient e^(x / alpha)");
    }

    /**
     * dropout1d, 2d and 3d: each sample's whole channel kept (scaled by 1/(1-p)) or zeroed, both seen; the input itself
     * out of training; the modules go through them; a wrong rank named. (pdist and gumbel_softmax are checked against
     * PyTorch in TorchOpsFixturesTest, "functional_extras".)
     */
    @Test
    void channelDropoutKeepsOrZerosWholeChannels() {
        dev.vgrad.Generator g = new dev.vgrad.Generator(4);
        for (int spatial = 1; spatial <= 3; spatial++) {
            int[] shape = new int[2 + spatial];
            java.util.Arrays.fill(shape, 3);
            shape[0] = 4;
            shape[1] = 6;
            Tensor x = Tensor.ones(shape);
            Tensor y = spatial == 1 ? Functional.dropout1d(x, 0.5f, true, g)
                    : spatial == 2 ? Functional.dropout2d(x, 0.5f, true, g) : Functional.dropout3d(x, 0.5f, true, g);
            int per = y.numel() / 24;
            float[] v = y.toArray();
            int kept = 0;
            for (int c = 0; c < 24; c++) {
                float first = v[c * per];
                assertTrue(first == 0f || first == 2f, "kept channels are scaled by 2: " + first);
                for (int k = 1; k < per; k++) {
                    assertEquals(first, v[c * per + k], "channel " + c + " is kept or zeroed whole");
                }
                kept += first == 2f ? 1 : 0;
            }
            assertTrue(kept > 0 && kept < 24, kept + " of 24 channels kept");
        }
        Tensor x = Tensor.randn(g, 2, 3, 4, 4);
        assertArrayEquals(x.toArray(), Functional.dropout2d(x, 0.5f, false, g).toArray(), 0f, "not training: itself");
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.dropout1d(x, 0.5f, true, g));
        assertTrue(e.getMessage().startsWith("dropout1d: expected 2-D (unbatched) or 3-D input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.pdist(x, 2f));
        assertEquals("pdist only supports 2D tensors, got: 4D", e.getMessage());
        Dropout2d module = new Dropout2d(0.5f, new dev.vgrad.Generator(4));
        assertArrayEquals(Functional.dropout2d(x, 0.5f, true, new dev.vgrad.Generator(4)).toArray(),
                module.forward(x).toArray(), 0f, "the module is the function");
    }

    @Test
    void padModesPickTheRowsPyTorchPicks() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2, 1},
                Functional.pad(x, new int[] {2, 2}, "reflect", 0f).toArray());
        assertArrayEquals(new float[] {1, 1, 1, 2, 3, 3},
                Functional.pad(x, new int[] {2, 1}, "replicate", 0f).toArray());
        assertArrayEquals(new float[] {2, 3, 1, 2, 3, 1},
                Functional.pad(x, new int[] {2, 1}, "circular", 0f).toArray());
        assertArrayEquals(new float[] {2, 3, 7, 7}, Functional.pad(x, new int[] {-1, 2}, "constant", 7f).toArray());
        assertArrayEquals(new int[] {1, 4}, Functional.pad(x, new int[] {-1, 2}).shape());
    }

    @Test
    void padRefusesWhatPyTorchRefuses() {
        Tensor x = Tensor.zeros(1, 3);
        var odd = assertThrows(IllegalArgumentException.class, () -> Functional.pad(x, new int[] {1}));
        assertTrue(odd.getMessage().contains("divisible by 2"), odd.getMessage());
        var reflect = assertThrows(IllegalArgumentException.class,
                () -> Functional.pad(x, new int[] {3, 0}, "reflect", 0f));
        assertTrue(reflect.getMessage().contains("(3, 0)") && reflect.getMessage().contains("[1, 3]"),
                reflect.getMessage());
        var crop = assertThrows(IllegalArgumentException.class, () -> Functional.pad(x, new int[] {-2, -2}));
        assertTrue(crop.getMessage().contains("negative output size"), crop.getMessage());
        var mode = assertThrows(IllegalArgumentException.class, () -> Functional.pad(x, new int[] {1, 1}, "edge", 0f));
        assertTrue(mode.getMessage().contains("'edge'"), mode.getMessage());
        var rank = assertThrows(IllegalArgumentException.class,
                () -> Functional.pad(Tensor.zeros(3), new int[] {1, 1}, "replicate", 0f));
        assertTrue(rank.getMessage().contains("[3]"), rank.getMessage());
    }

    @Test
    void oneHotRowsAndBadLabels() {
        Tensor rows = Functional.oneHot(Tensor.of(new float[] {2, 0, 1, 2}, 2, 2), -1);
        assertArrayEquals(new int[] {2, 2, 3}, rows.shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, rows.toArray());
        var big = assertThrows(IllegalArgumentException.class, () -> Functional.oneHot(Tensor.of(1f, 4f), 3));
        assertTrue(big.getMessage().contains("4") && big.getMessage().contains("num_classes 3"), big.getMessage());
        var frac = assertThrows(IllegalArgumentException.class, () -> Functional.oneHot(Tensor.of(1f, 0.5f), 3));
        assertTrue(frac.getMessage().contains("0.5") && frac.getMessage().contains("position 1"), frac.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functional.oneHot(Tensor.of(Float.NaN), 3));
    }

    @Test
    void activationsAtTheirBoundsAndOnNaN() {
        Tensor x = Tensor.of(-3f, 3f, Float.NaN).requiresGrad_();
        Functional.hardswish(x).sum().backward();
        assertEquals(-0.5f, x.grad().toArray()[0]);
        assertEquals(1.5f, x.grad().toArray()[1]);
        assertTrue(Float.isNaN(Functional.hardswish(x).toArray()[2]));
        Tensor y = Tensor.of(-1f, 1f, 0f, Float.NaN).requiresGrad_();
        Tensor h = Functional.hardtanh(y, -1f, 1f);
        h.sum().backward();
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, y.grad().toArray());
        assertTrue(Float.isNaN(h.toArray()[3]));
        assertThrows(IllegalArgumentException.class, () -> Functional.hardtanh(y, 1f, -1f));
        assertThrows(IllegalArgumentException.class, () -> Functional.huberLoss(y, y, "mean", 0f));
    }

    @Test
    void reductionsAndPredicates() {
        Tensor x = Tensor.of(new float[] {1, 3, 3, Float.NaN, 0, 2}, 2, 3).requiresGrad_();
        assertArrayEquals(new float[] {3, Float.NaN}, x.amax(1, false).toArray());
        x.amax(1, false).select(0, 0).backward();
        // The NaN row's gradient is NaN even though its incoming gradient is 0: torch gives (0 / 0) * mask there.
        assertArrayEquals(new float[] {0, 0.5f, 0.5f, Float.NaN, Float.NaN, Float.NaN}, x.grad().toArray());
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0}, x.isnan().toArray());
        assertArrayEquals(new float[] {1, 1, 1, 0, 1, 1}, x.isfinite().toArray());
        assertArrayEquals(new float[] {1, 0}, x.all(1, false).toArray());
        assertArrayEquals(new float[] {1, 1}, x.any(1, false).toArray());
        assertEquals(1f, Tensor.zeros(0).all().item());
        assertEquals(0f, Tensor.zeros(2, 0).any(1, true).sum().item());
        assertArrayEquals(new int[] {2, 1}, Tensor.zeros(2, 0).all(1, true).shape());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).amax(1, false));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).outer(Tensor.zeros(3)));
        assertArrayEquals(new float[] {3, 1, 2}, Tensor.of(1f, 2f, 3f).roll(1, 0).toArray());
        assertArrayEquals(new float[] {2, 3, 1}, Tensor.of(1f, 2f, 3f).roll(-4, 0).toArray());
        assertArrayEquals(new float[] {6, 1, 2, 3, 4, 5},
                Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).roll(new int[] {1}, new int[0]).toArray());
        assertEquals(3, Tensor.zeros(2, 3).unbind(1).size());
        Tensor m = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(m.t().toArray(), Tensor.einsum("ij->ji", m).toArray());
        assertEquals(91f, Tensor.einsum("ij,ij", m, m).item(), "implicit output: every letter summed");
        assertArrayEquals(new float[] {1, 5}, Tensor.einsum("ii->i", m.narrow(1, 0, 2).reshape(2, 2).t()).toArray());
        var repeated = assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("ii->i", m));
        assertTrue(repeated.getMessage().contains("repeated") && repeated.getMessage().contains("2 != 3"),
                repeated.getMessage());
        assertArrayEquals(new int[] {2, 3, 4}, Tensor.einsum("...ij,...jk", Tensor.zeros(2, 3, 5), Tensor.zeros(5, 4))
                .shape(), "\"...\" leads an implicit output");
        var sizes = assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("ij,jk->ik", m, m));
        assertTrue(sizes.getMessage().contains("subscript j has size 3 and 2"), sizes.getMessage());
        var dims = assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("ijk->i", m));
        assertTrue(dims.getMessage().contains("[2, 3]"), dims.getMessage());
        assertArrayEquals(new int[] {0, 3}, Tensor.einsum("bi,bj->bij", Tensor.zeros(0, 2), Tensor.zeros(1, 3)).sum(1,
                false).shape(), "a size-1 letter broadcasts to 0");
        var dot = assertThrows(IllegalArgumentException.class, () -> Tensor.einsum(".ij->ij", m));
        assertTrue(dot.getMessage().contains("not part of any ellipsis"), dot.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.einsum("ij->k", m));
        assertEquals(1.9f, Tensor.of(1f, 2f, 4f, 10f).quantile(0.3f).item(), 1e-6f);
        var q = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, 2f).quantile(1.5f));
        assertTrue(q.getMessage().contains("[0, 1]") && q.getMessage().contains("1.5"), q.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, 2f).quantile(0.5f, 0, false, "cubic"));
        assertEquals(2f, Tensor.of(4f, 2f, 1f, 3f).median().item(), "the lower of the two middle values");
        assertArrayEquals(new float[] {0f, Float.MAX_VALUE, -Float.MAX_VALUE, 1f},
                Tensor.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f).nanToNum().toArray());
        assertEquals(7f / 3, Tensor.of(1f, 2f, 4f).var().item(), 1e-6f);
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, Tensor.of(1f, 2f, 3f).repeatInterleave(2, 0).toArray());
        assertArrayEquals(new int[] {2, 0}, Tensor.zeros(2, 3).repeatInterleave(0, 1).shape());
        assertEquals(1f, Tensor.of(new float[] {1, 5, 5, 0}, 2, 2).argmax().item(), "the first of equal maxima");
        assertEquals(3f, Tensor.of(new float[] {1, 5, 5, 0}, 2, 2).argmin().item());
        Tensor start = Tensor.of(1f, 2f), end = Tensor.of(3f, -7f);
        assertArrayEquals(end.toArray(), start.lerp(end, 1f).toArray(), "weight 1 gives end exactly");
        assertArrayEquals(start.toArray(), start.lerp(end, 0f).toArray(), "weight 0 gives start exactly");
        var groups = assertThrows(IllegalArgumentException.class,
                () -> Functional.groupNorm(Tensor.zeros(2, 6, 3), 4, null, null, 1e-5f));
        assertTrue(groups.getMessage().contains("[2, 6, 3]") && groups.getMessage().contains("num_groups=4"),
                groups.getMessage());
    }

    @Test
    void shrinksThresholdAndCeluKeepNanAndPassItsGradient() {
        for (int op = 0; op < 4; op++) {
            Tensor x = Tensor.of(Float.NaN, 0.5f, -2f).requiresGrad_(true);
            Tensor y = switch (op) {
                case 0 -> Functional.celu(x, 2f);
                case 1 -> Functional.softshrink(x, 0.5f);
                case 2 -> Functional.hardshrink(x, 0.5f);
                default -> Functional.threshold(x, 0.5f, 9f);
            };
            assertTrue(Float.isNaN(y.toArray()[0]), "op " + op);
            y.backward(Tensor.of(3f, 1f, 1f));
            assertEquals(3f, x.grad().toArray()[0], "op " + op);
        }
        assertArrayEquals(new float[] {0f, 0f, -1.5f}, Functional.softshrink(Tensor.of(0.5f, -0.5f, -2f), 0.5f).toArray());
        assertArrayEquals(new float[] {9f, 1f}, Functional.threshold(Tensor.of(0.5f, 1f), 0.5f, 9f).toArray());
        assertThrows(IllegalArgumentException.class, () -> Functional.celu(Tensor.zeros(1), 0f));
        assertThrows(IllegalArgumentException.class, () -> Functional.softshrink(Tensor.zeros(1), -1f));
    }

    @Test
    void lossesRefuseWhatPyTorchRefuses() {
        var var = assertThrows(IllegalArgumentException.class, () -> Functional.gaussianNllLoss(Tensor.zeros(2, 3),
                Tensor.zeros(2, 3), Tensor.ones(3), false, 1e-6f, "mean"));
        assertTrue(var.getMessage().contains("[3]") && var.getMessage().contains("[2, 3]"), var.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> Functional.gaussianNllLoss(Tensor.zeros(2),
                Tensor.zeros(2), Tensor.of(1f, -1f), false, 1e-6f, "mean"));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> Functional.multiMarginLoss(Tensor.zeros(2, 3),
                Tensor.zeros(2), 3, 1f, null, "mean"));
        assertTrue(p.getMessage().contains("p == 1 and p == 2"), p.getMessage());
        var label = assertThrows(IllegalArgumentException.class, () -> Functional.multiMarginLoss(Tensor.zeros(2, 3),
                Tensor.of(0f, 3f), 1, 1f, null, "mean"));
        assertTrue(label.getMessage().contains("3") && label.getMessage().contains("[1"), label.getMessage());
        assertArrayEquals(new int[] {}, Functional.multiMarginLoss(Tensor.zeros(3), Tensor.scalar(1f), 1, 1f, null,
                "none").shape(), "one sample with a 0-d target: a 0-d loss");
        var shapes = assertThrows(IllegalArgumentException.class, () -> Functional.multilabelSoftMarginLoss(
                Tensor.zeros(2, 3), Tensor.zeros(2, 2), null, "mean"));
        assertTrue(shapes.getMessage().contains("[2, 2]"), shapes.getMessage());
    }

    @Test
    void ctcGivesASequenceTooShortForItsLabelsAnInfiniteLossOrZero() {
        // sequence 1: labels 2, 2 need a blank between them, 3 frames, but it has 2
        Tensor logits = Tensor.randn(new dev.vgrad.Generator(3), 4, 2, 3).requiresGrad_();
        Tensor targets = Tensor.of(new float[] {1, 2, 2, 2}, 2, 2);
        Tensor loss = Functional.ctcLoss(logits.logSoftmax(2), targets, new int[] {4, 2}, new int[] {2, 2}, 0, "none",
                false);
        float[] values = loss.toArray();
        assertTrue(Float.isFinite(values[0]) && values[1] == Float.POSITIVE_INFINITY, java.util.Arrays.toString(values));
        loss.sum().backward();
        float[] g = logits.grad().toArray();   // [T, N, C]: sequence 0 at offset 0 of each frame, sequence 1 at 3
        for (int t = 0; t < 4; t++) {
            for (int c = 0; c < 3; c++) {
                assertTrue(Float.isFinite(g[t * 6 + c]), "the possible sequence keeps a finite gradient");
                float other = g[t * 6 + 3 + c];
                assertTrue(t < 2 ? Float.isNaN(other) : other == 0f,
                        "the impossible one: NaN over its frames (as PyTorch), 0 past them; got " + other);
            }
        }
        logits.setGrad(null);
        Tensor zeroed = Functional.ctcLoss(logits.logSoftmax(2), targets, new int[] {4, 2}, new int[] {2, 2}, 0,
                "none", true);
        assertEquals(0f, zeroed.toArray()[1]);
        assertEquals(values[0], zeroed.toArray()[0]);
        zeroed.sum().backward();
        for (int t = 0; t < 4; t++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(0f, logits.grad().toArray()[t * 6 + 3 + c], "zero_infinity zeros its gradient");
            }
        }
    }

    @Test
    void ctcRefusesLabelsAndLengthsThatDoNotFitNamingThem() {
        Tensor lp = Tensor.randn(new dev.vgrad.Generator(5), 4, 2, 3).logSoftmax(2);
        Tensor padded = Tensor.of(new float[] {1, 2, 1, 1}, 2, 2);
        var blank = assertThrows(IllegalArgumentException.class, () -> Functional.ctcLoss(lp,
                Tensor.of(new float[] {1, 0, 1, 1}, 2, 2), new int[] {4, 4}, new int[] {2, 2}));
        assertTrue(blank.getMessage().contains("target 0.0 at position [0, 1]"), blank.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> Functional.ctcLoss(lp,
                Tensor.of(new float[] {1, 3, 1, 1}, 2, 2), new int[] {4, 4}, new int[] {2, 2}));
        assertTrue(range.getMessage().contains("[0, 2]"), range.getMessage());
        var frames = assertThrows(IllegalArgumentException.class, () -> Functional.ctcLoss(lp, padded,
                new int[] {4, 5}, new int[] {2, 2}));
        assertTrue(frames.getMessage().contains("input_lengths[1] = 5") && frames.getMessage().contains("[4, 2, 3]"),
                frames.getMessage());
        var count = assertThrows(IllegalArgumentException.class, () -> Functional.ctcLoss(lp, padded,
                new int[] {4}, new int[] {2, 2}));
        assertTrue(count.getMessage().contains("one length per sequence"), count.getMessage());
        var total = assertThrows(IllegalArgumentException.class, () -> Functional.ctcLoss(lp, Tensor.of(1f, 2f, 1f),
                new int[] {4, 4}, new int[] {2, 2}));
        assertTrue(total.getMessage().contains("add up to 4") && total.getMessage().contains("hold 3"),
                total.getMessage());
        var wide = assertThrows(IllegalArgumentException.class, () -> Functional.ctcLoss(lp, padded,
                new int[] {4, 4}, new int[] {2, 3}));
        assertTrue(wide.getMessage().contains("target_lengths[1] = 3"), wide.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functional.ctcLoss(lp, padded, new int[] {4, 4},
                new int[] {2, 2}, 3, "mean", false));
        assertThrows(IllegalArgumentException.class, () -> Functional.ctcLoss(lp, padded, new int[] {4, 4},
                new int[] {2, 2}, 0, "average", false));
        assertEquals("CTCLoss()", new CTCLoss().toString());
        assertThrows(IllegalArgumentException.class, () -> new CTCLoss().forward(lp));
        Tensor concatenated = Tensor.of(1f, 2f, 1f, 1f);
        assertEquals(Functional.ctcLoss(lp, padded, new int[] {4, 3}, new int[] {2, 2}).item(),
                new CTCLoss().forward(lp, concatenated, new int[] {4, 3}, new int[] {2, 2}).item(),
                "padded and one-after-another targets are the same sequences");
    }

    @Test
    void ctcsRecordedGradientEqualsItsFusedOne() {
        // createGraph runs CtcGraph's tensor-op recursions; a plain backward the fused passes: the same gradient,
        // over sequences of different lengths, a repeat, an empty target, a blank other than 0 and, with
        // zeroInfinity, a sequence too short for its labels
        Tensor logits = Tensor.randn(new dev.vgrad.Generator(8), 6, 4, 5).requiresGrad_();
        Tensor targets = Tensor.of(new float[] {1, 3, 3, 0, 0, 0, 4, 1, 3, 3, 3, 3}, 4, 3);
        for (boolean zeroInfinity : new boolean[] {true, false}) {
            // class 4 given log 0 (-infinity) everywhere: sequence 2, whose labels need it, has no alignment (its loss
            // infinite, or 0 with zeroInfinity), and both paths must still agree on every gradient
            java.util.function.Supplier<Tensor> loss = () -> Functional.ctcLoss(logits.logSoftmax(2).mul(0.9f)
                    .add(Tensor.of(new float[] {0, 0, 0, 0, Float.NEGATIVE_INFINITY}, 1, 1, 5)),
                    targets, new int[] {6, 3, 5, 4}, new int[] {3, 0, 3, zeroInfinity ? 3 : 1}, 2, "sum",
                    zeroInfinity);
            Tensor recorded = dev.vgrad.autograd.Autograd.grad(java.util.List.of(loss.get()), java.util.List.of(logits),
                    null, false, true).get(0);
            assertTrue(Float.isFinite(recorded.sum().item()) || !zeroInfinity, "finite where the fused one is");
            logits.setGrad(null);
            loss.get().backward();
            float[] fused = logits.grad().toArray(), graph = recorded.toArray();
            for (int i = 0; i < fused.length; i++) {
                if (Float.isNaN(fused[i])) {
                    assertTrue(Float.isNaN(graph[i]), "element " + i + ": NaN in both, got " + graph[i]);
                } else {
                    assertEquals(fused[i], graph[i], 2e-5f * (1 + Math.abs(fused[i])), "element " + i);
                }
            }
            logits.setGrad(null);
        }
    }

    @Test
    void ctcBeyondDoublesRangeGoesOnInLogSpace() {
        // every class of frame 2 made e^-1000 times less likely: each alignment picks one class a frame, so the loss
        // grows by exactly 1000 and no posterior moves; the scaled passes underflow there and hand over to the logs
        Tensor lp = Tensor.randn(new dev.vgrad.Generator(6), 5, 2, 4).logSoftmax(2).detach();
        Tensor shift = Tensor.zeros(5, 2, 4);
        shift.narrow(0, 2, 1).fill_(-1000f);
        Tensor targets = Tensor.of(new float[] {1, 2, 3, 3}, 2, 2);
        Tensor[] losses = new Tensor[2], grads = new Tensor[2];
        for (int k = 0; k < 2; k++) {
            Tensor x = (k == 0 ? lp : lp.add(shift)).detach().clone().requiresGrad_();
            losses[k] = Functional.ctcLoss(x, targets, new int[] {5, 5}, new int[] {2, 2}, 0, "none", false);
            losses[k].sum().backward();
            grads[k] = x.grad();
        }
        for (int b = 0; b < 2; b++) {
            assertEquals(losses[0].toArray()[b] + 1000f, losses[1].toArray()[b], 2e-3f);
        }
        float[] g0 = grads[0].toArray(), g1 = grads[1].toArray();
        for (int i = 0; i < g0.length; i++) {
            assertEquals(g0[i], g1[i], 1e-4f, "posterior " + i);
        }
    }

    @Test
    void ctcGivesTheSameBitsOnOneThreadAndOnTwo() {
        Tensor logits = Tensor.randn(new dev.vgrad.Generator(9), 120, 8, 12).requiresGrad_();
        float[] labels = new float[8 * 20];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 1 + i * 5 % 11;
        }
        Tensor targets = Tensor.of(labels, 8, 20);
        int[] frames = {120, 100, 90, 120, 60, 110, 120, 80}, lengths = {20, 18, 20, 5, 20, 0, 12, 20};
        float[][] loss = new float[2][], grad = new float[2][];
        int before = dev.vgrad.kernels.Parallel.threads();
        try {
            for (int k = 0; k < 2; k++) {
                dev.vgrad.kernels.Parallel.setThreads(k + 1);
                logits.setGrad(null);
                Tensor l = Functional.ctcLoss(logits.logSoftmax(2), targets, frames, lengths, 0, "none", false);
                l.sum().backward();
                loss[k] = l.toArray();
                grad[k] = logits.grad().toArray();
            }
        } finally {
            dev.vgrad.kernels.Parallel.setThreads(before);
        }
        assertArrayEquals(loss[0], loss[1], 0f);
        assertArrayEquals(grad[0], grad[1], 0f);
    }

    @Test
    void embeddingBagsReduceTheirRowsAndRefuseWhatDoesNotFitNamingIt() {
        EmbeddingBag bags = new EmbeddingBag(5, 2, "sum", false, null, new dev.vgrad.Generator(1));
        assertEquals("EmbeddingBag(5, 2, mode=sum)", bags.toString());
        assertEquals("EmbeddingBag(5, 2, mode=max, padding_idx=4)",
                new EmbeddingBag(5, 2, "max", false, -1, new dev.vgrad.Generator(1)).toString());
        float[] w = bags.weight.toArray();
        Tensor out = bags.forward(Tensor.of(1f, 3f, 0f), Tensor.of(0f, 2f, 2f));
        assertArrayEquals(new float[] {w[2] + w[6], w[3] + w[7], 0, 0, w[0], w[1]}, out.toArray(), 1e-6f);
        Tensor index = Tensor.of(1f, 3f, 0f);
        var offsetStart = assertThrows(IllegalArgumentException.class, () -> bags.forward(index, Tensor.of(1f, 2f)));
        assertTrue(offsetStart.getMessage().contains("offsets[0] = 1.0 must be 0"), offsetStart.getMessage());
        var decreasing = assertThrows(IllegalArgumentException.class,
                () -> bags.forward(index, Tensor.of(0f, 2f, 1f)));
        assertTrue(decreasing.getMessage().contains("offsets[2] = 1.0"), decreasing.getMessage());
        var row = assertThrows(IllegalArgumentException.class, () -> bags.forward(Tensor.of(new float[] {1, 5}, 1, 2)));
        assertTrue(row.getMessage().contains("index 5.0 at position 1") && row.getMessage().contains("[5, 2]"),
                row.getMessage());
        var twoD = assertThrows(IllegalArgumentException.class,
                () -> bags.forward(Tensor.of(new float[] {1, 2}, 1, 2), Tensor.of(0f)));
        assertTrue(twoD.getMessage().contains("offsets has to be None"), twoD.getMessage());
        var weights = assertThrows(IllegalArgumentException.class, () -> Functional.embeddingBag(index, bags.weight,
                Tensor.of(0f), "mean", Tensor.ones(3), false, null));
        assertTrue(weights.getMessage().contains("only supported for mode='sum'"), weights.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EmbeddingBag(5, 2, "median", false, null,
                new dev.vgrad.Generator(1)));
        assertArrayEquals(w, bags.weight.toArray(), "a refused call leaves the table as it was");
    }

    @Test
    void windowNormsShufflesAndUpsamplersPrintAndRefuseAsTorchDoes() {
        // a window whose powers sum to 0 gives a zero gradient, not NaN (PyTorch's documented rule)
        Tensor x = Tensor.zeros(1, 1, 2, 4);
        x.narrow(2, 0, 1).narrow(3, 2, 1).fill_(1f);
        x.requiresGrad_();
        Tensor pooled = new LPPool2d(2, 2).forward(x);
        assertArrayEquals(new float[] {0, 1}, pooled.toArray());
        pooled.sum().backward();
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0, 0}, x.grad().toArray());
        assertEquals("LPPool2d(norm_type=2, kernel_size=3, stride=None, ceil_mode=False)",
                new LPPool2d(2, 3).toString());
        assertEquals("LPPool1d(norm_type=2, kernel_size=3, stride=2, ceil_mode=False)",
                new LPPool1d(2, 3, 2).toString());
        assertEquals("LocalResponseNorm(3, alpha=0.0001, beta=0.75, k=1.0)", new LocalResponseNorm(3).toString());
        assertEquals("ChannelShuffle(groups=2)", new ChannelShuffle(2).toString());
        assertEquals("Softmax2d()", new Softmax2d().toString());
        var flat = assertThrows(IllegalArgumentException.class, () -> new Softmax2d().forward(Tensor.ones(2, 3)));
        assertTrue(flat.getMessage().contains("3D or 4D") && flat.getMessage().contains("[2, 3]"), flat.getMessage());
        var groups = assertThrows(IllegalArgumentException.class,
                () -> new ChannelShuffle(4).forward(Tensor.ones(1, 6, 2)));
        assertTrue(groups.getMessage().contains("[1, 6, 2]") && groups.getMessage().contains("4 groups"),
                groups.getMessage());
        var lrn = assertThrows(IllegalArgumentException.class, () -> new LocalResponseNorm(2).forward(Tensor.ones(2, 3)));
        assertTrue(lrn.getMessage().contains("3D or higher"), lrn.getMessage());
        assertArrayEquals(new int[] {1, 2, 6, 4}, new UpsamplingBilinear2d(2).forward(Tensor.ones(1, 2, 3, 2)).shape());
    }

    @Test
    void maxPoolingIndicesRoundTripThroughUnpoolingAndBadIndicesAreNamed() {
        Tensor x = Tensor.of(new float[] {1, 5, 2, 2, 3, 4, Float.NaN, 0, 9, 8, 7, 6, 1, 1, 1, 1}, 1, 1, 4, 4);
        var pooled = new MaxPool2d(2).forwardWithIndices(x);
        // a NaN wins its window, as in PyTorch's kernel
        assertArrayEquals(new float[] {1, 6, 8, 10}, pooled.get(1).toArray());
        Tensor back = new MaxUnpool2d(2).forward(pooled.get(0), pooled.get(1));
        assertArrayEquals(new float[] {0, 5, 0, 0, 0, 0, Float.NaN, 0, 9, 0, 7, 0, 0, 0, 0, 0}, back.toArray());
        assertEquals("MaxUnpool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))", new MaxUnpool2d(2).toString());
        assertEquals("MaxUnpool1d(kernel_size=(3,), stride=(2,), padding=(1,))", new MaxUnpool1d(3, 2, 1).toString());
        var bad = assertThrows(IllegalArgumentException.class, () -> new MaxUnpool2d(2).forward(pooled.get(0),
                Tensor.of(new float[] {1, 6, 8, 16}, 1, 1, 2, 2)));
        assertTrue(bad.getMessage().contains("invalid max index 16.0 at position 3") && bad.getMessage().contains("4 x 4"),
                bad.getMessage());
        var line = new MaxPool1d(2).forwardWithIndices(Tensor.of(new float[] {3, 1, 2, 7, 7, 0}, 1, 1, 6));
        assertArrayEquals(new float[] {0, 3, 4}, line.get(1).toArray());
        assertArrayEquals(new float[] {3, 0, 0, 7, 7, 0},
                new MaxUnpool1d(2).forward(line.get(0), line.get(1)).toArray());
        assertThrows(IllegalArgumentException.class, () -> new MaxUnpool2d(2).forward(x));
    }

    @Test
    void randomizedReluAndAlphaDropoutKeepTheirPromises() {
        assertEquals("RReLU(lower=0.125, upper=0.3333333333333333)", new RReLU().toString());
        assertEquals("AlphaDropout(p=0.5, inplace=False)", new AlphaDropout().toString());
        assertEquals("FeatureAlphaDropout(p=0.2, inplace=False)",
                new FeatureAlphaDropout(0.2f, new dev.vgrad.Generator(1)).toString());
        Tensor x = Tensor.randn(new dev.vgrad.Generator(2), 4000).requiresGrad_();
        RReLU rrelu = new RReLU(0.1, 0.3, new dev.vgrad.Generator(3));
        Tensor y = rrelu.forward(x);
        y.sum().backward();
        float[] xs = x.toArray(), ys = y.toArray(), gs = x.grad().toArray();
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] >= 0) {
                assertEquals(xs[i], ys[i]);
                assertEquals(1f, gs[i]);
            } else {
                float slope = ys[i] / xs[i];
                assertTrue(slope >= 0.1f - 1e-6f && slope <= 0.3f + 1e-6f, "slope " + slope);
                assertEquals(slope, gs[i], 1e-5f, "the gradient is the slope drawn");
            }
        }
        rrelu.eval();
        assertArrayEquals(new float[] {-0.4f, 3f}, rrelu.forward(Tensor.of(-2f, 3f)).toArray(), 1e-6f);
        // a standardized input keeps mean 0 and variance 1 through alpha dropout (200 000 draws)
        Tensor z = Tensor.randn(new dev.vgrad.Generator(4), 200_000);
        AlphaDropout drop = new AlphaDropout(0.3f, new dev.vgrad.Generator(5));
        Tensor out = drop.forward(z);
        assertEquals(0f, out.mean().item(), 0.01f);
        assertEquals(1f, out.var().item(), 0.02f);
        drop.eval();
        assertArrayEquals(z.toArray(), drop.forward(z).toArray());
        Tensor maps = Tensor.ones(2, 3, 4, 4);
        float[] shuffled = new FeatureAlphaDropout(0.5f, new dev.vgrad.Generator(6)).forward(maps).toArray();
        for (int plane = 0; plane < 6; plane++) {
            for (int i = 1; i < 16; i++) {
                assertEquals(shuffled[plane * 16], shuffled[plane * 16 + i], "one draw a channel");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new AlphaDropout(1.5f, new dev.vgrad.Generator(1)));
    }

    @Test
    void conv3dNamesWhatDoesNotFitAndPrintsAsTorch() {
        Conv3d conv = new Conv3d(4, 6, 3, 2, 1, 2, 2, false, new dev.vgrad.Generator(1));
        assertEquals("Conv3d(4, 6, kernel_size=(3, 3, 3), stride=(2, 2, 2), padding=(1, 1, 1), dilation=(2, 2, 2), "
                + "groups=2, bias=False)", conv.toString());
        var channels = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.ones(1, 3, 6, 6, 6)));
        assertTrue(channels.getMessage().contains("[1, 3, 6, 6, 6]") && channels.getMessage().contains("4 channels"),
                channels.getMessage());
        var small = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.ones(1, 4, 2, 9, 9)));
        assertTrue(small.getMessage().contains("depth"), small.getMessage());
        assertArrayEquals(new int[] {6, 2, 2, 2}, conv.forward(Tensor.ones(4, 6, 6, 6)).shape(), "unbatched");
    }

    @Test
    void threeDimensionalPoolingAndNormsPrintAndRefuseAsTorch() {
        assertEquals("MaxPool3d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
                new MaxPool3d(2).toString());
        assertEquals("AvgPool3d(kernel_size=3, stride=2, padding=1)", new AvgPool3d(3, 2, 1).toString());
        assertEquals("BatchNorm3d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
                new BatchNorm3d(4).toString());
        var flat = assertThrows(IllegalArgumentException.class, () -> new MaxPool3d(2).forward(Tensor.ones(2, 3, 4)));
        assertTrue(flat.getMessage().contains("[2, 3, 4]"), flat.getMessage());
        var pad = assertThrows(IllegalArgumentException.class,
                () -> new AvgPool3d(2, 1, 2).forward(Tensor.ones(1, 1, 4, 4, 4)));
        assertTrue(pad.getMessage().contains("at most half"), pad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm3d(2).forward(Tensor.ones(2, 2, 3, 3)));
        assertEquals("AdaptiveAvgPool3d(output_size=(1, 2, 3))", new AdaptiveAvgPool3d(1, 2, 3).toString());
        assertEquals("AdaptiveMaxPool3d(output_size=2)", new AdaptiveMaxPool3d(2).toString());
        assertEquals("ReflectionPad3d((1, 1, 1, 1, 1, 1))", new ReflectionPad3d(1).toString());
        assertEquals("ConstantPad3d(padding=(1, 1, 1, 1, 1, 1), value=2.5)", new ConstantPad3d(1, 2.5f).toString());
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveMaxPool3d(2, 2));
        Tensor x = Tensor.randn(new dev.vgrad.Generator(3), 1, 1, 4, 4, 4);
        assertEquals(x.max().item(), new MaxPool3d(4).forward(x).item(), "one window: the maximum of all");
        assertEquals(x.mean().item(), new AvgPool3d(4).forward(x).item(), 1e-6f, "one window: the mean of all");
        float[] negative = new MaxPool3d(3, 2, 1).forward(x.abs().neg().sub(1f)).toArray();
        for (float v : negative) {
            assertTrue(v <= -1f, "padding never wins a maximum: " + v);
        }
    }

    @Test
    void gridSamplingRefusesWhatItDoesNotDoAndKeepsNaNOutsideTheImageOut() {
        Tensor image = Tensor.of(new float[] {Float.NaN, 1, 2, 3}, 1, 1, 2, 2);
        // (2, 2) lies outside: with zero padding it reads 0, not the NaN at pixel 0
        Tensor grid = Tensor.of(new float[] {2, 2, 0.5f, 0.5f}, 1, 1, 2, 2);
        float[] out = Functional.gridSample(image, grid, "nearest", "zeros", true).toArray();
        assertEquals(0f, out[0]);
        assertEquals(3f, out[1]);
        var mode = assertThrows(IllegalArgumentException.class,
                () -> Functional.gridSample(image, grid, "bicubic", "zeros", false));
        assertTrue(mode.getMessage().contains("bicubic"), mode.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functional.gridSample(image, grid, "bilinear", "circular",
                false));
        var shapes = assertThrows(IllegalArgumentException.class,
                () -> Functional.affineGrid(Tensor.zeros(2, 2, 3), new int[] {1, 1, 2, 2}, false));
        assertTrue(shapes.getMessage().contains("[2, 2, 3]") && shapes.getMessage().contains("[1, 1, 2, 2]"),
                shapes.getMessage());
    }

    @Test
    void multilabelAndDistanceTripletLossesNameWhatDoesNotFit() {
        var label = assertThrows(IllegalArgumentException.class, () -> new MultiLabelMarginLoss().forward(
                Tensor.zeros(2, 3), Tensor.of(new float[] {0, 3, -1, 1, -1, 0}, 2, 3)));
        assertTrue(label.getMessage().contains("target 3.0 at position [0, 1]"), label.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> new MultiLabelMarginLoss().forward(
                Tensor.zeros(2, 3), Tensor.zeros(2, 2)));
        assertTrue(shape.getMessage().contains("[2, 3]") && shape.getMessage().contains("[2, 2]"), shape.getMessage());
        Tensor a = Tensor.of(0f, 0f), p = Tensor.of(3f, 4f), n = Tensor.of(6f, 8f);
        assertEquals(0f, new TripletMarginWithDistanceLoss().forward(a.unsqueeze(0), p.unsqueeze(0), n.unsqueeze(0))
                .item(), 1e-4f, "5 + 1 - 10 < 0");
        var margin = assertThrows(IllegalArgumentException.class, () -> new TripletMarginWithDistanceLoss(null, 0f,
                false, "mean").forward(a, p, n));
        assertTrue(margin.getMessage().contains("greater than 0"), margin.getMessage());
    }

    @Test
    void logspaceAndTheStepFunctionsGiveTorchsValues() {
        assertArrayEquals(new float[] {1f, 3.1622777f, 10f, 31.622776f, 100f}, Tensor.logspace(0, 2, 5, 10).toArray(),
                1e-4f);
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, Tensor.of(-2f, 0f, 3f).heaviside(Tensor.of(0.5f)).toArray());
        assertArrayEquals(new float[] {-2f, 3f}, Tensor.of(2f, -3f).copysign(Tensor.of(-0f, 1f)).toArray());
        assertEquals(0, Tensor.of(1f, 2f, 3f).diff(3, 0).numel(), "three differences of three values: none left");
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, 2f).diff(-1, 0));
    }

    @Test
    void cellFunctionsAreTheCellModulesStepsAndNameBadShapes() {
        LSTMCell lstm = new LSTMCell(3, 2, new dev.vgrad.Generator(4));
        Tensor x = Tensor.randn(new dev.vgrad.Generator(5), 2, 3);
        Tensor h = Tensor.ones(2, 2).mul(0.5f), c = Tensor.ones(2, 2);
        java.util.List<Tensor> byModule = lstm.forward(x, h, c);
        java.util.List<Tensor> byFunction = Functional.lstmCell(x, h, c, lstm.weightIh, lstm.weightHh, lstm.biasIh,
                lstm.biasHh);
        assertArrayEquals(byModule.get(0).toArray(), byFunction.get(0).toArray(), 0f);
        assertArrayEquals(byModule.get(1).toArray(), byFunction.get(1).toArray(), 0f);
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.gruCell(x, Tensor.ones(2, 3),
                Tensor.ones(6, 3), Tensor.ones(6, 2), null, null));
        assertEquals("gru_cell: expected hidden state 0 of shape [2, 2], got [2, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.rnnTanhCell(x, h, Tensor.ones(2, 4),
                Tensor.ones(2, 2), null, null));
        assertTrue(e.getMessage().contains("input [2, 3] does not fit weights [2, 4] and [2, 2]"), e.getMessage());
    }

    @Test
    void theAttentionFunctionIsTheModuleWithItsWeightsPassedIn() {
        MultiheadAttention mha = new MultiheadAttention(4, 2, new dev.vgrad.Generator(6));
        Tensor q = Tensor.randn(new dev.vgrad.Generator(7), 3, 2, 4), kv = Tensor.randn(new dev.vgrad.Generator(8),
                5, 2, 4), mask = Tensor.randn(new dev.vgrad.Generator(9), 3, 5);
        java.util.List<Tensor> byModule = mha.forwardWithWeights(q, kv, kv, null, mask);
        java.util.List<Tensor> byFunction = Functional.multiHeadAttentionForward(q, kv, kv, 2, mha.inProjWeight,
                mha.inProjBias, null, null, false, mha.outProj.weight, mha.outProj.bias, null, true, mask, true);
        assertArrayEquals(byModule.get(0).toArray(), byFunction.get(0).toArray(), 1e-5f);
        assertArrayEquals(byModule.get(1).toArray(), byFunction.get(1).toArray(), 1e-6f);
        assertEquals(null, Functional.multiHeadAttentionForward(q, q, q, 2, mha.inProjWeight, null, null, null, true,
                mha.outProj.weight, null, null, false, null, true).get(1), "no weights unless asked");
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.multiHeadAttentionForward(q, kv, kv, 3,
                mha.inProjWeight, null, null, null, false, mha.outProj.weight, null, null, false, null, true));
        assertTrue(e.getMessage().contains("E divisible by num_heads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.multiHeadAttentionForward(q, kv, kv, 2,
                mha.inProjWeight, null, Tensor.zeros(1, 1, 4), null, false, mha.outProj.weight, null, null, false,
                null, true));
        assertEquals("multi_head_attention_forward: bias_k and bias_v go together, got bias_k alone", e.getMessage());
    }

    @Test
    void sigmoidAndTanhAliasesAreTheTensorOps() {
        // F.sigmoid and F.tanh: PyTorch's deprecated aliases of torch.sigmoid and torch.tanh
        Tensor x = Tensor.of(new float[] {-3f, -0.5f, 0f, 0.25f, 4f}, 5);
        assertArrayEquals(x.sigmoid().toArray(), Functional.sigmoid(x).toArray(), 0f);
        assertArrayEquals(x.tanh().toArray(), Functional.tanh(x).toArray(), 0f);
    }

    @Test
    void convTbcIsConv1dOverTimeBatchChannels() {
        // torch: F.conv_tbc(x [3, 1, 2], w [2, 2, 3], b [3], pad 1) and its gradients for the sum
        Tensor x = Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f, -0.75f, 1.5f}, 3, 1, 2).requiresGrad_();
        Tensor w = Tensor.of(new float[] {1f, -0.5f, 0.25f, 0.5f, 2f, -1f, -0.25f, 0.75f, 1.5f, 0.125f, -2f, 0.5f},
                2, 2, 3).requiresGrad_();
        Tensor b = Tensor.of(new float[] {0.1f, -0.2f, 0.3f}, 3).requiresGrad_();
        Tensor y = Functional.convTbc(x, w, b, 1);
        assertArrayEquals(new int[] {4, 1, 3}, y.shape());
        assertArrayEquals(new float[] {-0.15000000596046448f, 2.174999952316284f, 0.550000011920929f,
            -0.3687500059604645f, -1.4500000476837158f, 4.550000190734863f, 2.5999999046325684f, -4.262499809265137f,
            0.17500001192092896f, 0.10000000149011612f, 3.174999952316284f, -1.3875000476837158f}, y.toArray(), 1e-6f);
        y.sum().backward();
        assertArrayEquals(new float[] {2.75f, 0.125f, 2.75f, 0.125f, 2.75f, 0.125f}, x.grad().toArray(), 1e-6f);
        assertArrayEquals(new float[] {1.75f, 1.75f, 1.75f, 0.75f, 0.75f, 0.75f, 1.75f, 1.75f, 1.75f, 0.75f, 0.75f,
            0.75f}, w.grad().toArray(), 1e-6f);
        assertArrayEquals(new float[] {4f, 4f, 4f}, b.grad().toArray(), 0f);
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.convTbc(x, w.narrow(1, 0, 1), b, 0));
        assertTrue(e.getMessage().contains("Input dim 2 (input channels) is not == dim 1 in the weight tensor")
                && e.getMessage().contains("[2, 1, 3]"), e.getMessage());
    }
}

package dev.vgrad;

import static dev.vgrad.AutogradFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.GradMode;
import org.junit.jupiter.api.Test;

/** Grad modes, anomaly detection, and the misuse cases PyTorch refuses or answers in a particular way. */
class ModesAndMisuseTest {
    @Test
    void inferenceModeRecordsNothingAndItsTensorsCannotBeSaved() {
        Tensor w = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor x, y;
        try (var s = GradMode.inferenceMode()) {
            assertTrue(GradMode.isInferenceMode() && !GradMode.isEnabled());
            x = Tensor.ones(3);
            y = w.mul(2f);
            x.add_(1f);
            assertEquals(0, x.version(), "inference tensors are not version-counted");
        }
        assertFalse(GradMode.isInferenceMode());
        assertTrue(GradMode.isEnabled());
        assertTrue(x.isInference() && y.isInference() && !w.isInference());
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.mul(x));
        assertEquals("Inference tensors cannot be saved for backward. To work around you can make a clone to get a "
                + "normal tensor and use it in autograd.", e.getMessage());
        assertNotNull(w.add(x).gradFn(), "add saves nothing, so PyTorch allows it");
        float[] before = x.toArray();
        e = assertThrows(IllegalStateException.class, () -> x.add_(1f));
        assertTrue(e.getMessage().startsWith("Inplace update to inference tensor outside InferenceMode is not allowed"));
        assertClose(Tensor.of(before), x, 0f, 0f, "a refused in-place op changes nothing");
        assertThrows(IllegalStateException.class, x::requiresGrad_);
        assertFalse(x.clone().isInference(), "a clone outside inference mode is a normal tensor");
        assertNotNull(w.mul(x.clone()).gradFn());
    }

    @Test
    void enableGradAndSetGradEnabledAreScoped() {
        Tensor w = Tensor.of(1f).requiresGrad_();
        try (var off = GradMode.noGrad()) {
            try (var on = GradMode.enableGrad()) {
                assertNotNull(w.mul(2f).gradFn());
            }
            assertNull(w.mul(2f).gradFn());
            try (var on = GradMode.setGradEnabled(true)) {
                assertTrue(GradMode.isEnabled());
            }
            assertFalse(GradMode.isEnabled());
        }
        try (var s = GradMode.setGradEnabled(false)) {
            assertNull(w.mul(2f).gradFn());
        }
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void anomalyModeNamesTheNodeThatReturnedNaNAndWhereItsForwardRan() {
        Tensor x = Tensor.of(-1f, 1f).requiresGrad_();
        IllegalStateException e;
        try (var a = Autograd.detectAnomaly()) {
            Tensor y = x.sqrt().sum();
            e = assertThrows(IllegalStateException.class, y::backward);
        }
        assertEquals("Function 'SqrtBackward0' returned nan values in its 0th output.", e.getMessage());
        assertNotNull(e.getCause(), "the forward call's stack");
        boolean namesThisTest = false;
        for (StackTraceElement el : e.getCause().getStackTrace()) {
            namesThisTest |= el.getMethodName().equals("anomalyModeNamesTheNodeThatReturnedNaNAndWhereItsForwardRan");
        }
        assertTrue(namesThisTest, "the forward stack points at the line that called sqrt");
        Tensor z = Tensor.of(-1f, 1f).requiresGrad_();
        z.sqrt().sum().backward();   // without anomaly mode, NaN gradients pass as in PyTorch
        assertTrue(Float.isNaN(z.grad().toArray()[0]));
    }

    @Test
    void anomalyModeWithoutTheNanCheckLetsNanPassAndStillRecordsStacks() {
        assertFalse(Autograd.isAnomalyEnabled());
        try (var a = Autograd.detectAnomaly(false)) {
            assertTrue(Autograd.isAnomalyEnabled());
            assertFalse(Autograd.isAnomalyCheckNanEnabled());
            Tensor x = Tensor.of(-1f, 1f).requiresGrad_();
            x.sqrt().sum().backward();
            assertTrue(Float.isNaN(x.grad().toArray()[0]), "check_nan=False: the NaN passes, as in PyTorch");
        }
        assertFalse(Autograd.isAnomalyEnabled());
        assertTrue(Autograd.isAnomalyCheckNanEnabled());
        var on = Autograd.setDetectAnomaly(true);
        try {
            assertTrue(Autograd.isAnomalyEnabled(), "set_detect_anomaly takes effect when called");
            try (var off = Autograd.setDetectAnomaly(false)) {
                assertFalse(Autograd.isAnomalyEnabled());
            }
            assertTrue(Autograd.isAnomalyEnabled(), "closing restores what was in force");
            Tensor x = Tensor.of(-1f, 1f).requiresGrad_();
            Tensor y = x.sqrt().sum();
            assertThrows(IllegalStateException.class, y::backward);
        } finally {
            on.close();
        }
        assertFalse(Autograd.isAnomalyEnabled());
    }

    @Test
    void threadCountUnderTorchsNames() {
        int before = Tensor.getNumThreads();
        try {
            Tensor.setNumThreads(1);
            assertEquals(1, Tensor.getNumThreads());
            assertEquals(1, dev.vgrad.kernels.Parallel.threads());
            assertThrows(IllegalArgumentException.class, () -> Tensor.setNumThreads(0));
            assertEquals(1, Tensor.getNumThreads());
        } finally {
            Tensor.setNumThreads(before);
        }
    }

    @Test
    void secondBackwardIsRefusedExactlyWherePyTorchRefusesIt() {
        Tensor x = Tensor.ones(2).requiresGrad_();
        Tensor z = x.mul(2f).sum();
        z.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, z::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"));
        assertClose(Tensor.of(2f, 2f), x.grad(), 0f, 0f, "the refused backward accumulated nothing");
        Tensor d = x.div(2f).sum();
        d.backward();
        assertThrows(IllegalStateException.class, d::backward);
        // Graphs that saved nothing may be walked again, as in PyTorch (x + 2, views, sums).
        Tensor w = Tensor.ones(2).requiresGrad_();
        Tensor s = w.add(2f).view(2, 1).sum();
        s.backward();
        s.backward();
        assertClose(Tensor.of(2f, 2f), w.grad(), 0f, 0f, "accumulated twice");
    }

    @Test
    void inPlaceErrorNamesTheOpThatSavedTheTensorAndHintsAtAnomalyMode() {
        Tensor x = Tensor.scalar(3f).requiresGrad_();
        Tensor z = x.sigmoid();
        Tensor z2 = z.mul(1f);
        z.add_(1f);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> z2.sum().backward());
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor []], which is output 0 of SigmoidBackward0, is at version 1; expected version 0 "
                + "instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
                + "with torch.autograd.set_detect_anomaly(True).", e.getMessage());
    }

    @Test
    void changingTheTargetBeforeBackwardIsCaught() {
        Tensor logits = Tensor.of(new float[] {1f, 2f, 3f, 0f, 1f, 0f}, 2, 3).requiresGrad_();
        Tensor target = Tensor.of(0f, 2f);
        Tensor loss = Loss.crossEntropy(logits, target, Loss.Reduction.MEAN);
        target.fill_(7f);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().startsWith("one of the variables needed for gradient computation has been modified"));
        Tensor t2 = Tensor.of(0f, 2f);
        Tensor nll = Loss.nllLoss(logits.logSoftmax(1), t2, Loss.Reduction.SUM);
        t2.add_(1f);
        assertThrows(IllegalStateException.class, nll::backward);
    }

    @Test
    void nanGradientsFollowPyTorch() {
        Tensor y = Tensor.of(1f, Float.NaN, 2f).requiresGrad_();
        y.max().backward();
        assertClose(Tensor.of(0f, 1f, 0f), y.grad(), 0f, 0f, "max(): the gradient goes to the NaN");

        Tensor a = Tensor.of(1f, Float.NaN).requiresGrad_(), b = Tensor.of(2f, 1f).requiresGrad_();
        a.maximum(b).sum().backward();
        assertClose(Tensor.of(0f, 1f), a.grad(), 0f, 0f, "maximum: a");
        assertClose(Tensor.of(1f, 1f), b.grad(), 0f, 0f, "maximum: a NaN passes the gradient to both");

        Tensor n = Tensor.of(Float.NaN, -2f).requiresGrad_();
        n.abs().sum().backward();
        assertClose(Tensor.of(0f, -1f), n.grad(), 0f, 0f, "abs'(NaN) = 0");

        Tensor inf = Tensor.of(Float.POSITIVE_INFINITY).requiresGrad_();
        Tensor loss = Loss.binaryCrossEntropyWithLogits(inf, Tensor.of(0f), Loss.Reduction.MEAN);
        assertEquals(Float.POSITIVE_INFINITY, loss.item());
        loss.backward();
        assertEquals(1f, inf.grad().item());
    }

    @Test
    void gradFnNamesAsTorch113() {
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        assertEquals("StackBackward0", Tensor.stack(java.util.List.of(a, a)).gradFn().name());
        Tensor t = Tensor.of(0f, 0f);
        assertEquals("MeanBackward0", Loss.l1Loss(a, t, Loss.Reduction.MEAN).gradFn().name());
        assertEquals("SumBackward0", Loss.l1Loss(a, t, Loss.Reduction.SUM).gradFn().name());
        assertEquals("AbsBackward0", Loss.l1Loss(a, t, Loss.Reduction.NONE).gradFn().name());
    }

    @Test
    void stackOfEmptyTensorsThatRequireGrad() {
        Tensor e = Tensor.zeros(0, 3).requiresGrad_();
        Tensor s = Tensor.stack(java.util.List.of(e, e));
        assertEquals("StackBackward0", s.gradFn().name());
        s.sum().backward();
        assertEquals(0, e.grad().numel());
    }
}

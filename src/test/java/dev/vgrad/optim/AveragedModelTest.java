package dev.vgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vgrad.Tensor;
import dev.vgrad.TorchFixturesTestAccess;
import dev.vgrad.nn.BatchNorm1d;
import dev.vgrad.nn.Functional;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.Sequential;
import dev.vgrad.nn.Tanh;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Weight averaging (SWA and an exponential average with buffers) and update_bn against PyTorch's
 * (scripts/torch_swa_fixtures.py), and the averaged model's refusals.
 */
class AveragedModelTest {
    private static Map<String, float[]> fixture() throws IOException {
        Map<String, float[]> out = new HashMap<>();
        TorchFixturesTestAccess.keyedValues("/fixtures/torch_swa.txt").forEach((k, v) -> {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            out.put(k, f);
        });
        return out;
    }

    private static Sequential model() {
        return new Sequential(new Linear(3, 4), new BatchNorm1d(4), new Tanh(), new Linear(4, 2));
    }

    /** The fixture's tensors under {@code prefix}, shaped as {@code like}'s state. */
    private static Map<String, Tensor> state(Map<String, float[]> fx, String prefix, Module like) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        like.stateDict().forEach((k, v) -> out.put(k, Tensor.of(fx.get(prefix + k), v.shape())));
        return out;
    }

    private static void assertClose(float[] want, float[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(want[i] - got[i]) <= 1e-5f * Math.abs(want[i]) + 1e-6f)) {
                fail(what + "[" + i + "]: PyTorch " + want[i] + ", vgrad " + got[i] + "\nPyTorch "
                        + Arrays.toString(want) + "\nvgrad   " + Arrays.toString(got));
            }
        }
    }

    private static void assertState(Map<String, float[]> fx, String prefix, Module averaged) {
        averaged.stateDict().forEach((k, v) -> {
            float[] want = fx.get(prefix + k);
            if (want == null) {
                fail("PyTorch's state has no " + prefix + k);
            }
            assertClose(want, v.toArray(), prefix + k);
        });
    }

    @Test
    void swaEmaAndUpdateBnMatchPyTorch() throws IOException {
        Map<String, float[]> fx = fixture();
        Sequential model = model();
        model.loadStateDict(state(fx, "init.", model));
        Tensor x = Tensor.of(fx.get("data.x"), 8, 3), y = Tensor.of(fx.get("data.y"), 8, 2);
        AveragedModel swa = new AveragedModel(model, AveragedModelTest::model);
        AveragedModel ema = new AveragedModel(model, AveragedModelTest::model, AveragedModel.emaAvgFn(0.9f), true);
        SGD opt = new SGD(model.parameters(), 0.1f);
        for (int k = 1; k <= 6; k++) {
            opt.zeroGrad();
            Functional.mseLoss(model.forward(x), y).backward();
            opt.step();
            swa.updateParameters(model);
            ema.updateParameters(model);
            if (k == 1 || k == 2 || k == 6) {
                assertState(fx, "step" + k + ".swa.", swa);
                assertState(fx, "step" + k + ".ema.", ema);
            }
        }
        assertEquals(6, swa.nAveraged());
        BatchNorm1d bn = (BatchNorm1d) swa.module().namedModules().get("1");
        bn.setMomentum(0.3f);
        List<Tensor> batches = List.of(Tensor.of(fx.get("bn.0"), 4, 3), Tensor.of(fx.get("bn.1"), 4, 3));
        swa.eval();
        AveragedModel.updateBn(batches, swa);
        assertState(fx, "updated.", swa);
        assertEquals(0.3f, bn.getMomentum(), "the momentum is restored");
        assertTrue(!swa.isTraining() && !bn.isTraining(), "and the mode");
        assertClose(fx.get("output"), swa.forward(x).toArray(), "output");
    }

    @Test
    void updateBnTakesDataLoaderBatchesAndRefusesOthers() {
        Sequential model = model();
        Tensor x = Tensor.randn(new dev.vgrad.Generator(4), 6, 3);
        AveragedModel.updateBn(List.<Tensor[]>of(new Tensor[] {x, Tensor.zeros(6)}), model);
        Sequential again = model();
        again.loadStateDict(model.stateDict());
        AveragedModel.updateBn(List.of(x), again);
        assertEquals(Arrays.toString(model.stateDict().get("1.running_mean").toArray()),
                Arrays.toString(again.stateDict().get("1.running_mean").toArray()), "the first of a batch's tensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AveragedModel.updateBn(List.of("not a batch"), model));
        assertTrue(e.getMessage().contains("got String"), e.getMessage());
    }

    @Test
    void aSupplierOfAnotherArchitectureIsRefused() {
        Sequential model = model();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AveragedModel(model, () -> new Sequential(new Linear(3, 4), new Tanh(), new Linear(4, 2))));
        assertTrue(e.getMessage().contains("does not match the model's"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AveragedModel(model,
                () -> new Sequential(new Linear(3, 5), new BatchNorm1d(4), new Tanh(), new Linear(4, 2))));
        assertTrue(e.getMessage().contains("0.weight has shape [5, 3] in the supplied module, [4, 3] in the model"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AveragedModel(model, () -> model));
        assertTrue(e.getMessage().contains("the model itself"), e.getMessage());

        AveragedModel swa = new AveragedModel(model, AveragedModelTest::model);
        Sequential other = new Sequential(new Linear(3, 4), new Tanh(), new Linear(4, 2));
        e = assertThrows(IllegalArgumentException.class, () -> swa.updateParameters(other));
        assertTrue(e.getMessage().contains("the model has 4 tensors to average, this averaged model 6"),
                e.getMessage());
        assertEquals(0, swa.nAveraged(), "nothing changed");
    }

    @Test
    void theAverageIsAModuleWhoseGradientsStayAway() {
        Sequential model = model();
        AveragedModel swa = new AveragedModel(model, AveragedModelTest::model);
        assertTrue(swa.stateDict().containsKey("n_averaged") && swa.stateDict().containsKey("module.0.weight"));
        swa.updateParameters(model);
        assertNull(swa.module().parameters().get(0).grad());
        assertTrue(swa.module().parameters().get(0).isLeaf(), "an update records no graph");
    }
}

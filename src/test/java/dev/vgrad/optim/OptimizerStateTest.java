package dev.vgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.io.Safetensors;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Sequential;
import dev.vgrad.nn.Tanh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An optimizer's state dict, saved through safetensors beside the model's and loaded into a new optimizer with the
 * same settings, resumes training bit for bit where the first one would have gone on.
 */
class OptimizerStateTest {
    @TempDir
    Path dir;

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("SGD momentum nesterov", (Function<List<Tensor>, Optimizer>) p ->
                        new SGD(p, 0.05f).momentum(0.9f).nesterov(true).weightDecay(1e-2f)),
                Arguments.of("Adam amsgrad", (Function<List<Tensor>, Optimizer>) p -> new Adam(p, 1e-2f).amsgrad(true)),
                Arguments.of("AdamW", (Function<List<Tensor>, Optimizer>) p -> new AdamW(p, 1e-2f)),
                Arguments.of("Adamax", (Function<List<Tensor>, Optimizer>) p -> new Adamax(p, 1e-2f)),
                Arguments.of("Adagrad", (Function<List<Tensor>, Optimizer>) p -> new Adagrad(p, 1e-2f).lrDecay(0.01f)),
                Arguments.of("Adadelta", (Function<List<Tensor>, Optimizer>) p -> new Adadelta(p, 1f)),
                Arguments.of("RMSprop centered momentum", (Function<List<Tensor>, Optimizer>) p ->
                        new RMSprop(p, 1e-2f).momentum(0.5f).centered(true)),
                Arguments.of("Rprop", (Function<List<Tensor>, Optimizer>) p -> new Rprop(p, 1e-2f)),
                Arguments.of("ASGD", (Function<List<Tensor>, Optimizer>) p -> new ASGD(p, 1e-2f).t0(2f)),
                Arguments.of("NAdam", (Function<List<Tensor>, Optimizer>) p -> new NAdam(p, 1e-2f).weightDecay(1e-2f)),
                Arguments.of("RAdam", (Function<List<Tensor>, Optimizer>) p -> new RAdam(p, 1e-2f)));
    }

    static Sequential model(Generator g) {
        return new Sequential(new Linear(3, 4, g), new Tanh(), new Linear(4, 2, g));
    }

    /** n steps of a mean squared error on fixed data (Generator(9)). */
    static void steps(Sequential model, Optimizer opt, int n) {
        Generator data = new Generator(9);
        Tensor x = Tensor.randn(data, 5, 3), y = Tensor.randn(data, 5, 2);
        for (int s = 0; s < n; s++) {
            opt.zeroGrad();
            model.forward(x).sub(y).pow(2).mean().backward();
            opt.step();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void aSavedOptimizerResumesBitForBit(String name, Function<List<Tensor>, Optimizer> make) throws IOException {
        Sequential first = model(new Generator(1));
        Optimizer opt = make.apply(first.parameters());
        steps(first, opt, 4);
        Path modelFile = dir.resolve("model.safetensors"), optFile = dir.resolve("optimizer.safetensors");
        Safetensors.save(first.stateDict(), modelFile);
        Safetensors.save(opt.stateDict(), optFile);
        steps(first, opt, 3);

        Sequential resumed = model(new Generator(2));   // other weights until loaded
        resumed.loadStateDict(Safetensors.load(modelFile));
        Optimizer again = make.apply(resumed.parameters());
        again.loadStateDict(Safetensors.load(optFile));
        steps(resumed, again, 3);
        for (String p : first.namedParameters().keySet()) {
            assertArrayEquals(first.namedParameters().get(p).toArray(), resumed.namedParameters().get(p).toArray(), 0f,
                    name + ": " + p);
        }
    }

    @Test
    void theStateCarriesPyTorchsKeysAndCopies() {
        Sequential model = model(new Generator(1));
        Adam opt = new Adam(model.parameters(), 1e-3f);
        assertEquals(List.of("lr"), List.copyOf(opt.stateDict().keySet()));
        steps(model, opt, 2);
        Map<String, Tensor> state = opt.stateDict();
        assertEquals(List.of("lr", "state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq"),
                List.copyOf(state.keySet()).subList(0, 4));
        assertEquals(2f, state.get("state.0.step").item());
        float before = state.get("state.0.exp_avg").toArray()[0];
        steps(model, opt, 1);
        assertEquals(before, state.get("state.0.exp_avg").toArray()[0], "a copy, not the live moment");
    }

    @Test
    void aScheduledRunResumesBitForBitWithItsSchedule() throws IOException {
        Sequential first = model(new Generator(1));
        Adam opt = new Adam(first.parameters(), 3e-2f);
        CosineAnnealingLR schedule = new CosineAnnealingLR(opt, 10);
        for (int epoch = 0; epoch < 4; epoch++) {
            steps(first, opt, 2);
            schedule.step();
        }
        Path saved = dir.resolve("run.safetensors");
        Map<String, Tensor> all = new LinkedHashMap<>();
        first.stateDict().forEach((k, v) -> all.put("model." + k, v));
        opt.stateDict().forEach((k, v) -> all.put("optimizer." + k, v));
        schedule.stateDict().forEach((k, v) -> all.put("schedule." + k, v));
        Safetensors.save(all, saved);
        for (int epoch = 0; epoch < 3; epoch++) {
            steps(first, opt, 2);
            schedule.step();
        }

        Map<String, Tensor> loaded = Safetensors.load(saved);
        Sequential resumed = model(new Generator(2));
        Adam again = new Adam(resumed.parameters(), 3e-2f);
        CosineAnnealingLR scheduleAgain = new CosineAnnealingLR(again, 10);
        resumed.loadStateDict(part(loaded, "model."));
        again.loadStateDict(part(loaded, "optimizer."));
        scheduleAgain.loadStateDict(part(loaded, "schedule."));
        for (int epoch = 0; epoch < 3; epoch++) {
            steps(resumed, again, 2);
            scheduleAgain.step();
        }
        assertEquals(opt.lrExact(), again.lrExact(), 0.0, "the schedule's learning rate, exactly");
        for (String p : first.namedParameters().keySet()) {
            assertArrayEquals(first.namedParameters().get(p).toArray(), resumed.namedParameters().get(p).toArray(), 0f, p);
        }
    }

    @Test
    void aPlateauResumesWhereItWas() {
        Sequential model = model(new Generator(1));
        SGD opt = new SGD(model.parameters(), 0.1f), opt2 = new SGD(model.parameters(), 0.1f);
        ReduceLROnPlateau plateau = new ReduceLROnPlateau(opt).patience(1), plateau2 = new ReduceLROnPlateau(opt2).patience(1);
        for (double metric : new double[] {1.0, 0.9, 0.95}) {
            plateau.step(metric);
        }
        plateau2.loadStateDict(plateau.stateDict());
        for (double metric : new double[] {0.97, 0.99, 0.5, 0.6}) {
            plateau.step(metric);
            plateau2.step(metric);
            assertEquals(opt.getLr(), opt2.getLr(), "after " + metric);
        }
        assertEquals(0.01f, opt.getLr(), 1e-9f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CosineAnnealingLR(opt2, 5).loadStateDict(Map.of("last_epoch", Tensor.scalar(1.5f),
                        "base_lr", ExactDouble.of(0.01))));
        assertTrue(e.getMessage().startsWith("loadStateDict: last_epoch must be a count"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExactDouble.from("lr", Tensor.of(1f, 2f, 3f, 70000f)));
        assertTrue(e.getMessage().startsWith("loadStateDict: lr must hold four integers"), e.getMessage());
    }

    private static Map<String, Tensor> part(Map<String, Tensor> all, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    @Test
    void badStateIsRefusedBeforeAnythingChanges() {
        Sequential model = model(new Generator(1));
        Adam opt = new Adam(model.parameters(), 1e-3f);
        steps(model, opt, 2);
        Map<String, Tensor> good = opt.stateDict();
        Map<String, Tensor> wrongShape = new LinkedHashMap<>(good);
        wrongShape.put("lr", ExactDouble.of(5.0));
        wrongShape.put("state.1.exp_avg", Tensor.zeros(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(wrongShape));
        assertTrue(e.getMessage().startsWith("loadStateDict: state.1.exp_avg has shape [3], expected [4]"),
                e.getMessage());
        assertEquals(1e-3f, opt.getLr());
        Map<String, Tensor> unknown = new LinkedHashMap<>(good);
        unknown.put("state.9.exp_avg", Tensor.zeros(1));
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(unknown));
        assertTrue(e.getMessage().startsWith("loadStateDict: unexpected key \"state.9.exp_avg\""), e.getMessage());
        Map<String, Tensor> fractional = new LinkedHashMap<>(good);
        fractional.put("state.2.step", Tensor.scalar(1.5f));
        e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(fractional));
        assertEquals("loadStateDict: state.2.step must be a count, got 1.5", e.getMessage());
        assertArrayEquals(good.get("state.0.exp_avg").toArray(), opt.stateDict().get("state.0.exp_avg").toArray());
        assertThrows(UnsupportedOperationException.class, () -> new LBFGS(model.parameters(), 1f).stateDict());
    }

    @Test
    void warmRestartsResumeInTheirCycle() {
        SGD opt = new SGD(List.of(Tensor.zeros(1).requiresGrad_()), 0.3f);
        CosineAnnealingWarmRestarts schedule = new CosineAnnealingWarmRestarts(opt, 3, 2, 0.01);
        for (int e = 0; e < 7; e++) {
            schedule.step();
        }
        Map<String, Tensor> saved = schedule.stateDict(), savedOpt = opt.stateDict();
        SGD again = new SGD(List.of(Tensor.zeros(1).requiresGrad_()), 0.3f);
        CosineAnnealingWarmRestarts resumed = new CosineAnnealingWarmRestarts(again, 3, 2, 0.01);
        resumed.loadStateDict(saved);
        again.loadStateDict(savedOpt);
        for (int e = 0; e < 6; e++) {
            schedule.step();
            resumed.step();
            assertEquals(opt.getLr(), again.getLr(), "epoch " + (8 + e));
        }
    }

    private static SequentialLR warmUpThenCosine(SGD opt) {
        return new SequentialLR(opt, List.of(new LinearLR(opt, 0.2, 1.0, 3), new ExponentialLR(opt, 0.5),
                new CosineAnnealingLR(opt, 4)), new int[] {3, 5});
    }

    @Test
    void aSequenceResumesInTheScheduleItHadReached() {
        SGD opt = new SGD(List.of(Tensor.zeros(1).requiresGrad_()), 0.3f);
        SequentialLR schedule = warmUpThenCosine(opt);
        for (int e = 0; e < 6; e++) {
            schedule.step();
        }
        Map<String, Tensor> saved = schedule.stateDict(), savedOpt = opt.stateDict();
        assertTrue(saved.containsKey("schedulers.2.last_epoch"), saved.keySet().toString());
        SGD again = new SGD(List.of(Tensor.zeros(1).requiresGrad_()), 0.3f);
        SequentialLR resumed = warmUpThenCosine(again);
        resumed.loadStateDict(saved);
        again.loadStateDict(savedOpt);
        for (int e = 0; e < 5; e++) {
            schedule.step();
            resumed.step();
            assertEquals(opt.lrExact(), again.lrExact(), 0.0, "epoch " + (7 + e));
        }
    }

    @Test
    void aCompositeStateThatDoesNotFitChangesNoSchedule() {
        SGD opt = new SGD(List.of(Tensor.zeros(1).requiresGrad_()), 0.3f);
        SequentialLR schedule = warmUpThenCosine(opt);
        for (int e = 0; e < 4; e++) {
            schedule.step();
        }
        Map<String, Tensor> before = schedule.stateDict();
        Map<String, Tensor> wrongBase = new LinkedHashMap<>(before);
        wrongBase.put("schedulers.2.base_lr", ExactDouble.of(0.7));
        wrongBase.put("schedulers.0.last_epoch", Tensor.scalar(9f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> schedule.loadStateDict(wrongBase));
        assertTrue(e.getMessage().contains("from lr 0.7"), e.getMessage());
        Map<String, Tensor> extra = new LinkedHashMap<>(before);
        extra.put("schedulers.3.last_epoch", Tensor.scalar(1f));
        e = assertThrows(IllegalArgumentException.class, () -> schedule.loadStateDict(extra));
        assertTrue(e.getMessage().contains("schedulers.3.last_epoch names none of the 3 schedules"), e.getMessage());
        Map<String, Tensor> after = schedule.stateDict();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v.toArray(), after.get(k).toArray(), k));
    }

    @Test
    void oneCycleResumesWithTheMomentumItHadSet() {
        Tensor w = Tensor.of(1f, -2f).requiresGrad_(), w2 = Tensor.of(1f, -2f).requiresGrad_();
        SGD opt = new SGD(List.of(w), 0.1f).momentum(0.9f);
        OneCycleLR schedule = new OneCycleLR(opt, 0.5, 20);
        for (int s = 0; s < 7; s++) {
            opt.zeroGrad();
            w.mul(w).sum().backward();
            opt.step();
            schedule.step();
        }
        SGD again = new SGD(List.of(w2), 0.1f).momentum(0.9f);
        OneCycleLR resumed = new OneCycleLR(again, 0.5, 20);
        resumed.loadStateDict(schedule.stateDict());
        again.loadStateDict(opt.stateDict());
        try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
            w2.copy_(w);
        }
        for (int s = 0; s < 5; s++) {
            w.setGrad(null);
            w2.setGrad(null);
            w.mul(w).sum().backward();
            w2.mul(w2).sum().backward();
            opt.step();
            again.step();
            schedule.step();
            resumed.step();
            assertArrayEquals(w.toArray(), w2.toArray(), "step " + (8 + s));
        }
    }
}

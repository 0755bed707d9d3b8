package dev.vgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.nn.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parameter groups (PyTorch's {@code param_groups}) beyond what the trajectory fixtures replay: the state dict across
 * groups, the refusals, and schedules over several groups.
 */
class ParamGroupsTest {
    private static Sequential model(Generator g) {
        return OptimizerStateTest.model(g);
    }

    /** The usual split: weights in the first group, biases in a second. */
    private static List<List<Tensor>> weightsAndBiases(Sequential model) {
        List<Tensor> weights = new ArrayList<>(), biases = new ArrayList<>();
        model.namedParameters().forEach((name, p) -> (name.endsWith("bias") ? biases : weights).add(p));
        return List.of(weights, biases);
    }

    private static AdamW splitAdamW(Sequential model) {
        List<List<Tensor>> split = weightsAndBiases(model);
        AdamW opt = new AdamW(split.get(0), 1e-2f).weightDecay(0.1f);
        opt.addParamGroup(split.get(1), 3e-2f).weightDecay(0f);
        return opt;
    }

    private static void steps(Sequential model, Optimizer opt, int n) {
        OptimizerStateTest.steps(model, opt, n);
    }

    @Test
    void groupsListTheirParametersAndSettingsInOrder() {
        Sequential model = model(new Generator(1));
        AdamW opt = splitAdamW(model);
        List<Optimizer> groups = opt.paramGroups();
        assertEquals(2, groups.size());
        assertSame(opt, groups.get(0));
        assertEquals(weightsAndBiases(model).get(1), groups.get(1).params());
        assertEquals(4, opt.params().size());
        assertEquals(1e-2f, groups.get(0).getLr());
        assertEquals(3e-2f, groups.get(1).getLr());
        assertEquals(0.1, ((AdamW) groups.get(0)).weightDecay, 0.0);
        assertEquals(0.0, ((AdamW) groups.get(1)).weightDecay, 0.0);
        assertEquals(0.9, ((AdamW) groups.get(1)).beta1, 0.0, "unset settings come from the optimizer");
    }

    @Test
    void zeroGradAndStepCoverEveryGroup() {
        Sequential model = model(new Generator(1));
        AdamW opt = splitAdamW(model);
        steps(model, opt, 1);
        Map<String, Tensor> state = opt.stateDict();
        for (int i = 0; i < 4; i++) {
            assertEquals(1f, state.get("state." + i + ".step").item(), "parameter " + i);
        }
        opt.zeroGrad(true);
        for (Tensor p : opt.params()) {
            assertNull(p.grad());
        }
    }

    @Test
    void theStateDictNumbersParametersAcrossGroupsAndResumesBitForBit() {
        Sequential first = model(new Generator(1));
        AdamW opt = splitAdamW(first);
        ExponentialLR schedule = new ExponentialLR(opt, 0.5);
        steps(first, opt, 3);
        schedule.step();
        Map<String, Tensor> saved = opt.stateDict();
        Map<String, Tensor> savedSchedule = schedule.stateDict();
        assertTrue(saved.containsKey("param_groups.1.lr"));
        assertEquals(List.of("last_epoch", "base_lr", "base_lr.1"), List.copyOf(savedSchedule.keySet()));
        assertEquals(List.of(2, 4), List.of(saved.get("state.1.exp_avg").shape()[0],
                saved.get("state.2.exp_avg").shape()[0]), "the weights first (group 0), then the biases (group 1)");
        Map<String, Tensor> weights = new LinkedHashMap<>();
        first.stateDict().forEach((k, v) -> weights.put(k, v.detach().clone()));   // the live tensors train on
        steps(first, opt, 2);
        schedule.step();
        steps(first, opt, 2);

        Sequential resumed = model(new Generator(2));
        resumed.loadStateDict(weights);
        AdamW again = splitAdamW(resumed);
        ExponentialLR scheduleAgain = new ExponentialLR(again, 0.5);
        again.loadStateDict(saved);
        scheduleAgain.loadStateDict(savedSchedule);
        assertEquals(3e-2f * 0.5f, again.paramGroups().get(1).getLr());
        steps(resumed, again, 2);
        scheduleAgain.step();
        steps(resumed, again, 2);
        assertArrayEquals(opt.groupLrs(), again.groupLrs());
        for (String p : first.namedParameters().keySet()) {
            assertArrayEquals(first.namedParameters().get(p).toArray(), resumed.namedParameters().get(p).toArray(), 0f,
                    p);
        }
    }

    @Test
    void aStateDictOfAnotherGroupingIsRefusedAndChangesNothing() {
        Sequential model = model(new Generator(1));
        Adam single = new Adam(model.parameters(), 5e-2f);
        steps(model, single, 1);
        AdamW split = splitAdamW(model(new Generator(1)));
        Map<String, Tensor> before = split.stateDict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> split.loadStateDict(single.stateDict()));
        assertTrue(e.getMessage().contains("different number of parameter groups"), e.getMessage());
        assertEquals(before.keySet(), split.stateDict().keySet());
        assertEquals(1e-2f, split.getLr());

        Map<String, Tensor> pastTheEnd = new LinkedHashMap<>(split.stateDict());
        pastTheEnd.put("state.4.step", Tensor.scalar(1f));
        e = assertThrows(IllegalArgumentException.class, () -> split.loadStateDict(pastTheEnd));
        assertTrue(e.getMessage().contains("\"state.4.step\"") && e.getMessage().contains("2 group(s)"),
                e.getMessage());
    }

    @Test
    void badGroupsAreRefusedWithTheReason() {
        Sequential model = model(new Generator(1));
        List<List<Tensor>> split = weightsAndBiases(model);
        SGD opt = new SGD(split.get(0), 0.1f);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> opt.addParamGroup(List.of(split.get(1).get(0), split.get(0).get(0))));
        assertEquals("some parameters appear in more than one parameter group", twice.getMessage());
        assertEquals(1, opt.paramGroups().size(), "nothing added");
        assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(List.of()));
        assertThrows(IllegalArgumentException.class, () -> opt.addParamGroup(split.get(1), -1f));
        SGD group = opt.addParamGroup(split.get(1));
        IllegalStateException nested = assertThrows(IllegalStateException.class,
                () -> group.addParamGroup(List.of(Tensor.zeros(1).requiresGrad_())));
        assertTrue(nested.getMessage().contains("not to one of its groups"), nested.getMessage());

        LBFGS lbfgs = new LBFGS(split.get(0), 1f);
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> lbfgs.addParamGroup(split.get(1)));
        assertEquals("LBFGS doesn't support per-parameter options (parameter groups)", refused.getMessage());
    }

    @Test
    void adagradsInitialAccumulatorIsTheOptimizersAsInPyTorch() {
        Sequential model = model(new Generator(1));
        List<List<Tensor>> split = weightsAndBiases(model);
        Adagrad opt = new Adagrad(split.get(0), 0.1f);
        Adagrad group = opt.addParamGroup(split.get(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.initialAccumulatorValue(1f));
        assertTrue(e.getMessage().contains("initial_accumulator_value is the optimizer's"), e.getMessage());
        opt.initialAccumulatorValue(0.5f);
        steps(model, opt, 1);
        // the bias's sum starts at 0.5 too, set after its group was added: sum = 0.5 + grad^2
        Tensor bias = split.get(1).get(0);
        Tensor sum = opt.stateDict().get("state.2.sum");
        assertArrayEquals(bias.grad().pow(2).add(0.5f).toArray(), sum.toArray(), 1e-7f);
    }

    @Test
    void aScheduleMustSeeEveryGroup() {
        Sequential model = model(new Generator(1));
        List<List<Tensor>> split = weightsAndBiases(model);
        SGD opt = new SGD(split.get(0), 0.1f);
        StepLR early = new StepLR(opt, 2);
        opt.addParamGroup(split.get(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, early::step);
        assertTrue(e.getMessage().contains("built over 1 parameter group(s) and the optimizer now has 2"),
                e.getMessage());
        IllegalArgumentException lambdas = assertThrows(IllegalArgumentException.class,
                () -> new LambdaLR(opt, List.of(epoch -> 1.0)));
        assertEquals("Expected 2 lr_lambdas, but got 1", lambdas.getMessage());
    }

    @Test
    void aPlateauCutsEveryGroup() {
        Sequential model = model(new Generator(1));
        AdamW opt = splitAdamW(model);
        ReduceLROnPlateau plateau = new ReduceLROnPlateau(opt).patience(0).factor(0.5f);
        plateau.step(1.0);
        plateau.step(1.0);
        assertArrayEquals(new float[] {0.5e-2f, 1.5e-2f}, plateau.getLastLrs());
        plateau.minLrs(0.4e-2f, 1e-2f);
        plateau.step(1.0);
        assertArrayEquals(new float[] {0.4e-2f, 1e-2f}, plateau.getLastLrs(), "each group down to its own floor");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plateau.minLrs(0f));
        assertEquals("expected 2 min_lrs, got 1", e.getMessage());
    }
}

package dev.vgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerArgumentsTest {
    @Test
    void learningRatesThatAreNegativeOrNaNAreRefused() {
        List<Tensor> p = List.of(Tensor.zeros(2).requiresGrad_());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SGD(p, -0.1f));
        assertEquals("Invalid learning rate: -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(p, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Adam(p, 1e-3f).betas(1.5f, 0.9f));
        assertThrows(IllegalArgumentException.class, () -> new SGD(p, 0.1f).momentum(-1f));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1f));
    }

    @Test
    void nesterovWithoutMomentumIsRefusedBeforeAnythingChanges() {
        Tensor w = Tensor.of(1f, 2f).requiresGrad_();
        w.mul(w).sum().backward();
        SGD sgd = new SGD(List.of(w), 0.1f).nesterov(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sgd::step);
        assertEquals("Nesterov momentum requires a momentum and zero dampening", e.getMessage());
        assertArrayEquals(new float[] {1f, 2f}, w.toArray());
    }

    @Test
    void lbfgsNeedsAClosureAndNonLeavesCannotBeOptimized() {
        Tensor w = Tensor.of(1f).requiresGrad_();
        LBFGS lbfgs = new LBFGS(List.of(w), 1f);
        assertThrows(IllegalStateException.class, lbfgs::step);
        assertThrows(IllegalArgumentException.class, () -> lbfgs.lineSearchFn("backtracking"));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(w.mul(2f)), 0.1f));
    }

    @Test
    void parametersWithoutGradientsAreSkippedAndZeroGradZerosInPlace() {
        Tensor a = Tensor.of(1f).requiresGrad_(), b = Tensor.of(5f).requiresGrad_();
        a.mul(3f).sum().backward();
        Adam adam = new Adam(List.of(a, b), 0.1f);
        adam.step();
        assertEquals(0.9f, a.item(), 1e-6f);
        assertEquals(5f, b.item());
        Tensor g = a.grad();
        adam.zeroGrad();
        assertEquals(0f, g.item());
        adam.zeroGrad(true);
        assertEquals(null, a.grad());
    }

    @Test
    void schedulesRefuseFactorsOutOfRangeAndLeaveTheRateAsItWas() {
        SGD sgd = new SGD(List.of(Tensor.zeros(2).requiresGrad_()), 0.5f);
        var start = assertThrows(IllegalArgumentException.class, () -> new LinearLR(sgd, 0.0, 1.0, 5));
        assertTrue(start.getMessage().contains("Starting multiplicative factor"), start.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LinearLR(sgd, 0.5, 1.5, 5));
        assertThrows(IllegalArgumentException.class, () -> new ConstantLR(sgd, 1.5, 3));
        assertEquals(0.5f, sgd.getLr(), "a refused schedule does not touch the rate");
        LinearLR warmup = new LinearLR(sgd);
        assertEquals(0.5f / 3, sgd.getLr(), 1e-7f, "construction applies the start factor, as PyTorch's");
        for (int e = 0; e < 7; e++) {
            warmup.step();
        }
        assertEquals(0.5f, sgd.getLr(), 1e-7f);
    }

    @Test
    void cyclicNeedsSgdOrRmspropToCycleMomentumAndLeavesTheRateOtherwise() {
        Adam adam = new Adam(List.of(Tensor.zeros(2).requiresGrad_()), 0.1f);
        var e = assertThrows(IllegalArgumentException.class, () -> new CyclicLR(adam, 0.01, 0.1));
        assertTrue(e.getMessage().contains("cycle_momentum") && e.getMessage().contains("Adam"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CyclicLR(adam, 0.01, 0.1, 10, -1, "sawtooth", 1.0, false, 0.8, 0.9));
        assertThrows(IllegalArgumentException.class,
                () -> new CyclicLR(adam, 0.01, 0.1, 0, -1, "triangular", 1.0, false, 0.8, 0.9));
        assertEquals(0.1f, adam.getLr(), "a refused schedule does not touch the rate");
        new CyclicLR(adam, 0.01, 0.1, 10, -1, "triangular", 1.0, false, 0.8, 0.9);
        assertEquals(0.01f, adam.getLr(), "construction sets base_lr");
    }

    @Test
    void sequencesAndChainsRefuseSchedulesOfAnotherOptimizer() {
        SGD a = new SGD(List.of(Tensor.zeros(2).requiresGrad_()), 0.1f);
        SGD b = new SGD(List.of(Tensor.zeros(2).requiresGrad_()), 0.1f);
        StepLR onA = new StepLR(a, 2), onB = new StepLR(b, 2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SequentialLR(a, List.of(onA, onB), new int[] {3}));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new SequentialLR(a, List.of(onA, new StepLR(a, 3)), new int[] {3, 5}));
        assertTrue(e.getMessage().contains("number of schedulers 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChainedScheduler(List.of(onA, onB)));
        assertThrows(IllegalArgumentException.class, () -> new ChainedScheduler(List.of()));
    }

    @Test
    void aSecondScheduleCountsFromTheRateTheFirstFound() {
        SGD sgd = new SGD(List.of(Tensor.zeros(2).requiresGrad_()), 0.4f);
        new LinearLR(sgd, 0.25, 1.0, 4);
        assertEquals(0.1f, sgd.getLr(), 1e-8f);
        LambdaLR lambda = new LambdaLR(sgd, e -> 0.5);
        assertEquals(0.2f, sgd.getLr(), 1e-8f, "PyTorch's initial_lr: 0.4 * 0.5, not 0.1 * 0.5");
        lambda.step();
        assertEquals(0.2f, sgd.getLr(), 1e-8f);
    }

    @Test
    void oneCycleNeedsAMomentumToCycleAndStopsAtItsLastStep() {
        Adagrad adagrad = new Adagrad(List.of(Tensor.zeros(2).requiresGrad_()), 0.1f);
        var none = assertThrows(IllegalArgumentException.class, () -> new OneCycleLR(adagrad, 0.5, 10));
        assertTrue(none.getMessage().contains("cycle_momentum"), none.getMessage());
        SGD sgd = new SGD(List.of(Tensor.zeros(2).requiresGrad_()), 0.1f);
        OneCycleLR schedule = new OneCycleLR(sgd, 0.5, 10);
        assertEquals(0.02f, sgd.getLr(), 1e-7f, "starts at max_lr / div_factor");
        for (int s = 0; s < 10; s++) {
            schedule.step();
        }
        var past = assertThrows(IllegalStateException.class, schedule::step);
        assertTrue(past.getMessage().contains("Tried to step 11 times"), past.getMessage());
    }
}

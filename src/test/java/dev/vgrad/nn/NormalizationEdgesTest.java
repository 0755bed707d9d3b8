package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Normalization where there is one element to normalize, as PyTorch 1.13 refuses it (a probe of 32 layer and loss
 * edge cases against torch; BENCHMARKS, "2026-12-07, later morning"): batch norm over one value per channel in
 * training, instance norm over one spatial element with the input's statistics; with running statistics in eval mode
 * one element is fine.
 */
class NormalizationEdgesTest {
    @Test
    void instanceNormOfOneSpatialElementIsRefusedWhenItUsesItsOwnStatistics() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Functional.instanceNorm(Tensor.ones(2, 3, 1), null, null, 1e-5f));
        assertTrue(e.getMessage().contains("more than 1 spatial element") && e.getMessage().contains("[2, 3, 1]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InstanceNorm1d(3).forward(Tensor.ones(3, 1)));
        InstanceNorm1d tracked = new InstanceNorm1d(3, 1e-5f, 0.1f, false, true);
        tracked.eval();
        assertArrayEquals(new float[] {2f / (float) Math.sqrt(1 + 1e-5f), 0, -1f / (float) Math.sqrt(1 + 1e-5f)},
                tracked.forward(Tensor.of(new float[] {2, 0, -1}, 1, 3, 1)).toArray(), 1e-6f);
    }

    @Test
    void batchNormOfOneValuePerChannelIsRefusedInTraining() {
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.ones(1, 3)));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Tensor.ones(1, 3, 1)));
    }
}

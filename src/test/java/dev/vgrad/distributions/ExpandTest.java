package dev.vgrad.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import org.junit.jupiter.api.Test;

/** Distribution.expand as PyTorch 1.13's (its draws and shapes in the comments, from the same seeds). */
class ExpandTest {
    @Test
    void anExpandedDistributionDrawsTorchsValuesInTheNewBatchsOrder() {
        Generator.defaultGenerator().manualSeed(5);
        Normal n = new Normal(Tensor.scalar(0.5f), Tensor.scalar(2f)).expand(3, 2);
        assertArrayEquals(new int[] {3, 2}, n.batchShape());
        // torch.manual_seed(5); Normal(tensor(0.5), tensor(2.)).expand([3, 2]).sample()
        assertArrayEquals(new float[] {-0.47356153f, -0.70764315f, -0.61619246f, 1.8350486f, 0.10516980f, 4.3855667f},
                n.sample().toArray(), 1e-6f);
        Generator.defaultGenerator().manualSeed(6);
        Gamma g = new Gamma(Tensor.of(new float[] {1.5f, 3f}, 2, 1), Tensor.scalar(2f)).expand(2, 3);
        // torch.manual_seed(6); Gamma(tensor([[1.5], [3.]]), tensor(2.)).expand([2, 3]).sample()
        assertArrayEquals(new float[] {0.043697637f, 0.19443400f, 0.094881184f, 1.4837515f, 3.6202955f, 0.60225183f},
                g.sample().toArray(), 1e-6f);
    }

    @Test
    void independentExpandsItsBaseBeforeTheReinterpretedDimensions() {
        Independent i = new Independent(new Normal(Tensor.zeros(4), Tensor.ones(4)), 1).expand(2);
        assertArrayEquals(new int[] {2}, i.batchShape());
        assertArrayEquals(new int[] {4}, i.eventShape());
        assertArrayEquals(new int[] {2, 4}, i.base().batchShape());
    }

    @Test
    void aShapeTheParametersCannotTakeIsRefused() {
        // torch: "The expanded size of the tensor (2) must match the existing size (3) at non-singleton dimension 0"
        assertThrows(IllegalArgumentException.class, () -> new Normal(Tensor.zeros(3), Tensor.ones(3)).expand(2));
        assertThrows(UnsupportedOperationException.class, () -> Categorical.ofProbs(Tensor.ones(3)).expand(2));
    }
}

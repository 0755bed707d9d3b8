package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** torch.histogramdd against PyTorch 1.13's values (each case's torch call in its comment). */
class HistogramddTest {
    private static final Tensor POINTS = Tensor.of(new float[] {0, 0, 1, 1, 0.5f, 0.2f, 1, 0, 0.3f, 0.9f, 2, 2,
        0.7f, 0.35f, 1.5f, 0.1f}, 8, 2);

    @Test
    void binsOverTheDataAsTorch() {
        // torch.histogramdd(x, bins=[2, 3])
        List<Tensor> r = POINTS.histogramdd(new int[] {2, 3}, null, null, false);
        assertArrayEquals(new int[] {2, 3}, r.get(0).shape());
        assertArrayEquals(new float[] {3, 1, 0, 2, 1, 1}, r.get(0).toArray());
        assertArrayEquals(new float[] {0, 1, 2}, r.get(1).toArray());
        assertArrayEquals(new float[] {0, 0.6666666865348816f, 1.3333332538604736f, 2}, r.get(2).toArray());
        // three dimensions, one of them one bin; torch.histogramdd(y, bins=[2, 2, 1])
        Tensor y = Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.1f, 0.2f, 0.3f, 0.9f, 0.8f, 0.7f}, 3, 3);
        r = y.histogramdd(new int[] {2, 2, 1}, null, null, false);
        assertArrayEquals(new float[] {2, 0, 0, 1}, r.get(0).toArray());
        assertArrayEquals(new float[] {0.3f, 0.7f}, r.get(3).toArray());
    }

    @Test
    void rangeWeightsAndDensityAsTorch() {
        // torch.histogramdd(x, bins=[2, 3], range=[0., 1., 0., 1.], weight=torch.arange(8.), density=True)
        List<Tensor> r = POINTS.histogramdd(new int[] {2, 3}, new float[] {0, 1, 0, 1}, Tensor.arange(8), true);
        float[] want = {0, 0, 1.4999998807907104f, 1.875f, 2.250000238418579f, 0.3749999701976776f};
        float[] got = r.get(0).toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 2e-7f, "bin " + i);
        }
    }

    @Test
    void givenEdgesAsTorch() {
        // torch.histogramdd(x.reshape(2, 4, 2), bins=[tensor([0., 0.4, 1., 2.]), tensor([-1., 0.5, 2.5])])
        List<Tensor> r = POINTS.reshape(2, 4, 2).histogramdd(List.of(Tensor.of(0f, 0.4f, 1f, 2f),
                Tensor.of(-1f, 0.5f, 2.5f)), null, false);
        assertArrayEquals(new float[] {1, 1, 2, 0, 2, 2}, r.get(0).toArray());
    }

    @Test
    void refusesWhatDoesNotFit() {
        assertThrows(IllegalArgumentException.class, () -> POINTS.histogramdd(new int[] {2}, null, null, false));
        assertThrows(IllegalArgumentException.class, () -> POINTS.histogramdd(new int[] {2, 2}, new float[] {0, 1},
                null, false));
        assertThrows(IllegalArgumentException.class, () -> POINTS.histogramdd(new int[] {2, 2}, null, Tensor.ones(7),
                false));
    }
}

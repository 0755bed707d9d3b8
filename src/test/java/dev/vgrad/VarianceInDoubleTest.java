package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/** var and std take their values in double, as PyTorch 1.13's Welford pass does (values printed by torch). */
class VarianceInDoubleTest {
    private static final Tensor X = Tensor.of(new float[] {3.212888479232788f, 6.837787628173828f, -1.0986249446868896f,
        -2.9068920612335205f, -0.5397865772247314f, 0.19114136695861816f, 1.7385540008544922f, 2.4517757892608643f,
        2.3512535095214844f, -1.8705003261566162f, 5.50356388092041f, 0.059279024600982666f, 0.29714685678482056f,
        -2.213927745819092f, 1.4943952560424805f}, 3, 5);

    @Test
    void valuesAreTorchsToTheLastBit() {
        // torch.manual_seed(11); x = randn(3, 5) * 3 + 1; x.var(0), x.std(1): the float rounding of a double result
        assertArrayEquals(new float[] {7.099997043609619f, 12.461721420288086f, 3.1993250846862793f, 8.161528587341309f,
            2.8718695640563965f}, X.var(0, true, false).toArray(), 0f);
        assertArrayEquals(new float[] {3.903989553451538f, 1.8281978368759155f, 2.838611364364624f},
                X.std(1, true, false).toArray(), 0f);
    }

    @Test
    void squaresBeyondTheFloatRangeDoNotOverflow() {
        // torch: tensor([1e30, 1e30, -1e30]).std() == 1.1547e30; tensor([3e38, 3e38, 1.]).var() == inf (not NaN)
        assertEquals(1.1547005853437709e30f, Tensor.of(new float[] {1e30f, 1e30f, -1e30f}, 3).std().item(), 1e24f);
        assertEquals(Float.POSITIVE_INFINITY, Tensor.of(new float[] {3e38f, 3e38f, 1f}, 3).var().item());
    }

    @Test
    void twoCloseValuesGetGradientsThatCancel() {
        // Two floats whose midpoint is no float: a float mean leaves their deviations unequal by up to half an ulp of
        // the values, and their gradients then do not sum to 0 (seed 6373's chain_136, std of two attention outputs).
        float a = 0.508649766f, b = 0.50575519f;
        assertTrue((float) ((a + (double) b) / 2) != (a + (double) b) / 2, "the midpoint must not be a float");
        for (boolean std : new boolean[] {true, false}) {
            Tensor x = Tensor.of(new float[] {a, b}, 2).requiresGrad_();
            (std ? x.std(0, true, false) : x.var(0, true, false)).backward();
            float[] g = x.grad().toArray();
            assertEquals(-g[1], g[0], 0f, (std ? "std" : "var") + "'s gradient " + g[0] + ", " + g[1]);
            double half = (a - (double) b) / 2, spread = Math.sqrt(2 * half * half);
            assertEquals(std ? half / spread : 2 * half, g[0], Math.ulp(g[0]), std ? "std" : "var");
        }
        // along a leading dimension, the pairs down columns: [[a, b], [b, a]] by rows
        Tensor x = Tensor.of(new float[] {a, b, b, a}, 2, 2).requiresGrad_();
        x.std(0, true, false).sum().backward();
        float[] g = x.grad().toArray();
        assertEquals(-g[2], g[0], 0f, "column 0: " + g[0] + ", " + g[2]);
        assertEquals(-g[3], g[1], 0f, "column 1: " + g[1] + ", " + g[3]);
        assertEquals(-g[1], g[0], 0f, "the columns mirror each other");
    }

    @Test
    void gradientsAndTheirDerivativesStayThoseOfTheFormula() {
        Tensor x = X.clone().requiresGrad_();
        Tensor v = x.var(1, true, true);
        assertEquals("VarBackward0", v.gradFn().name());
        assertTrue(GradCheck.gradcheck(t -> t[0].var(1, true, false).add(t[0].std(0, false, true).sum()), X));
        assertTrue(GradCheck.gradgradcheck(t -> t[0].var(1, true, false).mul(t[0].std(0, true, false).sum()), X));
    }
}

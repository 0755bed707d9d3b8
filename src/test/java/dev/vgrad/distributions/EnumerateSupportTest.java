package dev.vgrad.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Tensor;
import org.junit.jupiter.api.Test;

/**
 * enumerate_support and perplexity as PyTorch 1.13 gives them (shapes and values from torch, in the comments): the
 * discrete families' supports along a new first dimension, expanded or not, and the refusals.
 */
class EnumerateSupportTest {
    @Test
    void theDiscreteFamiliesEnumerateTheirSupports() {
        var b = Bernoulli.ofProbs(Tensor.of(new float[] {0.2f, 0.5f, 0.7f, 0.1f, 0.9f, 0.4f}, 2, 3));
        assertArrayEquals(new int[] {2, 2, 3}, b.enumerateSupport(true).shape());   // torch.Size([2, 2, 3])
        Tensor compact = b.enumerateSupport(false);
        assertArrayEquals(new int[] {2, 1, 1}, compact.shape());
        assertArrayEquals(new float[] {0f, 1f}, compact.toArray());
        var c = Categorical.ofProbs(Tensor.ones(2, 4));
        assertArrayEquals(new int[] {4, 2}, c.enumerateSupport(true).shape());
        assertArrayEquals(new int[] {4, 1}, c.enumerateSupport(false).shape());
        var o = OneHotCategorical.ofProbs(Tensor.ones(3, 4));
        assertArrayEquals(new int[] {4, 3, 4}, o.enumerateSupport(true).shape());
        assertArrayEquals(new int[] {4, 1, 4}, o.enumerateSupport(false).shape());
        assertArrayEquals(Tensor.eye(4).toArray(), o.enumerateSupport(false).contiguous().toArray());
        var n = new Binomial(Tensor.of(3f, 3f), Tensor.of(0.2f, 0.6f));
        Tensor counts = n.enumerateSupport(true);
        assertArrayEquals(new int[] {4, 2}, counts.shape());
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f, 2f, 2f, 3f, 3f}, counts.contiguous().toArray());
        assertTrue(b.hasEnumerateSupport() && n.hasEnumerateSupport());
        assertFalse(new Normal(0f, 1f).hasEnumerateSupport());
    }

    @Test
    void whatPyTorchRefusesIsRefused() {
        assertEquals("Inhomogeneous total count not supported by `enumerate_support`.", assertThrows(
                UnsupportedOperationException.class, () -> new Binomial(Tensor.of(3f, 4f), Tensor.of(0.2f, 0.6f))
                        .enumerateSupport(true)).getMessage());
        var independent = new Independent(Bernoulli.ofProbs(Tensor.full(0.5f, 2, 3)), 1);
        assertEquals("Enumeration over cartesian product is not implemented", assertThrows(
                UnsupportedOperationException.class, () -> independent.enumerateSupport(true)).getMessage());
        assertThrows(UnsupportedOperationException.class, () -> new Normal(0f, 1f).enumerateSupport(true));
    }

    @Test
    void perplexityIsTheEntropysExponential() {
        assertEquals(8.2655f, new Normal(0f, 2f).perplexity().item(), 1e-4f);   // torch: tensor(8.2655)
    }
}

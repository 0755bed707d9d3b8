package dev.vgrad.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A family of one's own through ExponentialFamily, as torch 1.13 runs the same class:
 * <pre>
 * class MyExp(ExponentialFamily): _natural_params = (-rate,); _log_normalizer(x) = -log(-x); _mean_carrier_measure = 0
 * p, q = MyExp(tensor([0.5, 2., 3.])), MyExp(tensor([1.5, 1., 0.25]))   # both requiring grad
 * p.entropy()              # [1.6931, 0.3069, -0.0986]
 * kl_divergence(p, q)      # [0.9014, 0.1931, 1.5682]; after .sum().backward(): p's rate.grad None (p is detached,
 *                          # as in PyTorch's Bregman fallback), q's [1.3333, -0.5000, -3.6667]
 * </pre>
 */
class ExponentialFamilyTest {
    /** The exponential distribution written as an exponential family. */
    static final class MyExp extends ExponentialFamily {
        final Tensor rate;

        MyExp(Tensor rate) {
            super(rate.shape());
            this.rate = rate;
        }

        @Override
        protected List<Tensor> naturalParams() {
            return List.of(rate.neg());
        }

        @Override
        protected Tensor logNormalizer(List<Tensor> theta) {
            return theta.get(0).neg().log().neg();
        }

        @Override
        protected Tensor meanCarrierMeasure() {
            return Tensor.scalar(0f);
        }

        @Override
        public Tensor logProb(Tensor value) {
            return rate.log().sub(rate.mul(value));
        }

        @Override
        public Tensor mean() {
            return rate.reciprocal();
        }

        @Override
        public Tensor variance() {
            return rate.square().reciprocal();
        }
    }

    /** Another family of one's own, for the refusal across families. */
    static final class Other extends ExponentialFamily {
        Other() {
            super(new int[] {3});
        }

        @Override
        protected List<Tensor> naturalParams() {
            return List.of(Tensor.ones(3));
        }

        @Override
        protected Tensor logNormalizer(List<Tensor> theta) {
            return theta.get(0).square();
        }

        @Override
        protected Tensor meanCarrierMeasure() {
            return Tensor.scalar(0f);
        }

        @Override
        public Tensor logProb(Tensor value) {
            return value;
        }

        @Override
        public Tensor mean() {
            return Tensor.zeros(3);
        }

        @Override
        public Tensor variance() {
            return Tensor.ones(3);
        }
    }

    private static void close(float[] want, Tensor got) {
        float[] g = got.toArray();
        assertEquals(want.length, g.length);
        for (int i = 0; i < g.length; i++) {
            assertEquals(want[i], g[i], 1e-4f, "element " + i);
        }
    }

    @Test
    void entropyAndKlByBregmanAsTorchs() {
        Tensor rp = Tensor.of(0.5f, 2f, 3f).requiresGrad_(), rq = Tensor.of(1.5f, 1f, 0.25f).requiresGrad_();
        MyExp p = new MyExp(rp), q = new MyExp(rq);
        close(new float[] {1.6931f, 0.3069f, -0.0986f}, p.entropy());
        close(new Exponential(rp).entropy().toArray(), p.entropy());
        Tensor kl = Kl.klDivergence(p, q);
        close(new float[] {0.9014f, 0.1931f, 1.5682f}, kl);
        kl.sum().backward();
        assertNull(rp.grad(), "p's parameters are detached, as in PyTorch's fallback");
        close(new float[] {1.3333f, -0.5f, -3.6667f}, rq.grad());
        assertArrayEquals(new Exponential(rp).entropy().shape(), p.entropy().shape());
        assertThrows(UnsupportedOperationException.class, () -> Kl.klDivergence(p, new Other()));
    }
}

package dev.vgrad.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code register_kl}: rules for families of one's own, chosen among as PyTorch 1.13 chooses (its run of the same
 * program with classes A, B(A), C(B) printed 1, 2, 1, 2, then 2 with the ambiguity warning, 3 and 2).
 */
class KlRegistryTest {
    /** A family of one's own: a point mass at {@code at}, which only the registered rules below read. */
    static class A extends Distribution {
        final float at;

        A(float at) {
            super(new int[0]);
            this.at = at;
        }

        @Override
        public Tensor logProb(Tensor value) {
            return value.eq(at).log();
        }

        @Override
        public Tensor entropy() {
            return Tensor.scalar(0f);
        }

        @Override
        public Tensor mean() {
            return Tensor.scalar(at);
        }

        @Override
        public Tensor variance() {
            return Tensor.scalar(0f);
        }
    }

    static class B extends A {
        B(float at) {
            super(at);
        }
    }

    static class C extends B {
        C(float at) {
            super(at);
        }
    }

    /** A class no rule names, for the refusal. */
    static class Unregistered extends A {
        Unregistered() {
            super(0f);
        }
    }

    private static float kl(Distribution p, Distribution q) {
        return Kl.klDivergence(p, q).item();
    }

    @Test
    void theMostSpecificRuleIsChosenAsTorchChoosesIt() {
        Kl.registerKl(A.class, A.class, (p, q) -> Tensor.scalar(1f));
        Kl.registerKl(B.class, A.class, (p, q) -> Tensor.scalar(2f + 0 * p.at));
        assertEquals(1f, kl(new A(0), new A(1)));
        assertEquals(2f, kl(new B(0), new A(1)));
        assertEquals(1f, kl(new A(0), new B(1)));
        assertEquals(2f, kl(new C(0), new C(1)));
        assertThrows(UnsupportedOperationException.class, () -> kl(new Normal(0f, 1f), new A(0)));

        Kl.registerKl(A.class, B.class, (p, q) -> Tensor.scalar(3f));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2f, kl(new B(0), new B(1)));
            assertEquals(2f, kl(new B(0), new B(1)), "the choice is remembered");
        } finally {
            System.setErr(err);
        }
        assertEquals("vgrad: Ambiguous kl_divergence(B, B). Please register_kl(B, B)\n",
                captured.toString(StandardCharsets.UTF_8), "one warning for the pair");
        assertEquals(3f, kl(new A(0), new C(1)));
        assertEquals(2f, kl(new C(0), new A(1)));
    }

    @Test
    void aRuleReadsItsOwnFamilies() {
        Kl.registerKl(Unregistered.class, Normal.class,
                (p, q) -> q.logProb(Tensor.scalar(p.at)).neg());
        Normal q = new Normal(1f, 2f);
        assertEquals(q.logProb(Tensor.scalar(0f)).neg().item(), kl(new Unregistered(), q));
        assertThrows(IllegalArgumentException.class, () -> Kl.registerKl(A.class, A.class, null));
    }
}

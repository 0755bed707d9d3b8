package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Activation and dropout modules with PyTorch's {@code inplace=True}, and the {@code F.*_} functions: each writes what
 * its out-of-place form returns into its input, with the same gradient, and prints as PyTorch prints it.
 */
class InPlaceActivationsTest {
    private record Case(Module inPlace, Module outOfPlace, String repr) {}

    private static List<Case> cases() {
        return List.of(
                new Case(new ReLU(true), new ReLU(), "ReLU(inplace=True)"),
                new Case(new ReLU6(true), new ReLU6(), "ReLU6(inplace=True)"),
                new Case(new LeakyReLU(0.2f, true), new LeakyReLU(0.2f), "LeakyReLU(negative_slope=0.2, inplace=True)"),
                new Case(new ELU(1.5f, true), new ELU(1.5f), "ELU(alpha=1.5, inplace=True)"),
                new Case(new CELU(0.5f, true), new CELU(0.5f), "CELU(alpha=0.5, inplace=True)"),
                new Case(new SELU(true), new SELU(), "SELU(inplace=True)"),
                new Case(new Hardtanh(-2f, 2f, true), new Hardtanh(-2f, 2f),
                        "Hardtanh(min_val=-2.0, max_val=2.0, inplace=True)"),
                new Case(new Threshold(0.1f, -1f, true), new Threshold(0.1f, -1f),
                        "Threshold(threshold=0.1, value=-1.0, inplace=True)"),
                new Case(new SiLU(true), new SiLU(), "SiLU(inplace=True)"),
                new Case(new Hardsigmoid(true), new Hardsigmoid(), "Hardsigmoid()"),
                new Case(new Hardswish(true), new Hardswish(), "Hardswish()"),
                new Case(new Mish(true), new Mish(), "Mish(inplace=True)"),
                new Case(new Dropout(0.3f, true, new Generator(4)), new Dropout(0.3f, new Generator(4)),
                        "Dropout(p=0.3, inplace=True)"),
                new Case(new Dropout1d(0.3f, true, new Generator(4)), new Dropout1d(0.3f, new Generator(4)),
                        "Dropout1d(p=0.3, inplace=True)"),
                new Case(new AlphaDropout(0.3f, true, new Generator(4)), new AlphaDropout(0.3f, new Generator(4)),
                        "AlphaDropout(p=0.3, inplace=True)"),
                new Case(new FeatureAlphaDropout(0.3f, true, new Generator(4)),
                        new FeatureAlphaDropout(0.3f, new Generator(4)), "FeatureAlphaDropout(p=0.3, inplace=True)"),
                new Case(new RReLU(0.1, 0.3, true, new Generator(4)), new RReLU(0.1, 0.3, new Generator(4)),
                        "RReLU(lower=0.1, upper=0.3, inplace=True)"));
    }

    @Test
    void inPlaceModulesWriteTheirInputWithTheSameValuesAndGradients() {
        for (Case c : cases()) {
            Tensor x = Tensor.randn(new Generator(1), 4, 5).mul(3f).requiresGrad_();
            Tensor g = Tensor.randn(new Generator(2), 4, 5);
            Tensor expected = c.outOfPlace.forward(x.mul(1f));
            expected.backward(g);
            float[] expectedGrad = x.grad().toArray();
            x.grad().zero_();
            Tensor y = x.mul(1f);
            Tensor out = c.inPlace.forward(y);
            assertSame(y, out, c.repr + " returns its input");
            assertArrayEquals(expected.toArray(), out.toArray(), 0f, c.repr);
            out.backward(g);
            assertArrayEquals(expectedGrad, x.grad().toArray(), 1e-6f, c.repr + " gradient");
            assertEquals(c.repr, c.inPlace.toString());
        }
        assertEquals("ReLU()", new ReLU().toString());
        assertEquals("Dropout(p=0.5, inplace=False)", new Dropout().toString());
    }

    @Test
    void functionalInPlaceFormsAndTheirRefusals() {
        Supplier<Tensor> input = () -> Tensor.randn(new Generator(3), 3, 4);
        assertArrayEquals(Functional.elu(input.get(), 0.7f).toArray(), Functional.elu_(input.get(), 0.7f).toArray());
        assertArrayEquals(Functional.threshold(input.get(), 0f, 5f).toArray(),
                Functional.threshold_(input.get(), 0f, 5f).toArray());
        assertArrayEquals(Functional.rrelu(input.get(), 0.1f, 0.3f, true, new Generator(5)).toArray(),
                Functional.rrelu_(input.get(), 0.1f, 0.3f, true, new Generator(5)).toArray());
        Tensor leaf = input.get().requiresGrad_();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Functional.selu_(leaf));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage());

        // an op that reads a tensor requiring grad without naming it would lose that gradient: refused, unwritten
        Tensor w = Tensor.ones(3, 4).requiresGrad_();
        Tensor plain = input.get();
        float[] before = plain.toArray();
        IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class,
                () -> plain.update_("scaled_", t -> t.mul(w)));
        assertTrue(hidden.getMessage().startsWith("scaled_: the op's result requires grad through a tensor not passed"),
                hidden.getMessage());
        assertArrayEquals(before, plain.toArray());
        plain.update_("scaled_", t -> t.mul(w), w).sum().backward();
        assertArrayEquals(before, w.grad().toArray(), "named, the operand gets its gradient");
    }
}

package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.Autograd;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The layer op's two backward paths agree: the fused kernel pass (untracked backward) and the composed Tensor
 * formulas (taken under createGraph), on odd sizes in both directions. Values against PyTorch are ModuleProgramsTest's;
 * both paths against finite differences are GradCheckTest's.
 */
class RecurrenceTest {
    private static List<Tensor> gradients(boolean lstm, boolean reverse, boolean composed, Tensor... in) {
        List<Tensor> out = lstm ? Recurrence.lstm(in[0], in[1], in[2], in[3], in[4], reverse)
                : Recurrence.gru(in[0], in[1], in[3], in[4], reverse);
        Tensor loss = out.get(0).mul(out.get(0).cos()).sum().add(out.get(out.size() - 1).exp().sum());
        List<Tensor> wrt = lstm ? List.of(in) : List.of(in[0], in[1], in[3], in[4]);
        return Autograd.grad(List.of(loss), wrt, null, false, composed);
    }

    @Test
    void fusedAndComposedBackwardAgree() {
        Generator g = new Generator(5);
        for (boolean lstm : new boolean[] {true, false}) {
            int gates = lstm ? 4 : 3, hidden = 5, batch = 3, steps = 4;
            for (boolean reverse : new boolean[] {false, true}) {
                Tensor[] in = {Tensor.randn(g, steps, batch, gates * hidden).requiresGrad_(true),
                    Tensor.randn(g, batch, hidden).requiresGrad_(true), Tensor.randn(g, batch, hidden).requiresGrad_(true),
                    Tensor.randn(g, gates * hidden, hidden).mul(0.5f).requiresGrad_(true),
                    Tensor.randn(g, gates * hidden).requiresGrad_(true)};
                List<Tensor> fused = gradients(lstm, reverse, false, in), composed = gradients(lstm, reverse, true, in);
                for (int i = 0; i < fused.size(); i++) {
                    float[] a = fused.get(i).toArray(), b = composed.get(i).toArray();
                    assertEquals(b.length, a.length);
                    for (int e = 0; e < a.length; e++) {
                        assertEquals(b[e], a[e], 1e-5f * (1 + Math.abs(b[e])),
                                (lstm ? "lstm" : "gru") + (reverse ? " reverse" : "") + " gradient " + i + " at " + e);
                    }
                }
            }
        }
    }

    @Test
    void shapesThatDoNotFitAreNamedAndAnEmptySequenceKeepsTheStates() {
        Tensor h0 = Tensor.zeros(2, 3), c0 = Tensor.ones(2, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Recurrence.lstm(Tensor.zeros(4, 2, 9), h0, c0, Tensor.zeros(12, 3), null, false));
        assertTrue(e.getMessage().contains("[4, 2, 9]") && e.getMessage().contains("[12, 3]"), e.getMessage());
        List<Tensor> empty = Recurrence.lstm(Tensor.zeros(0, 2, 12), h0, c0, Tensor.zeros(12, 3), null, false);
        assertArrayEquals(new int[] {0, 2, 3}, empty.get(0).shape());
        assertArrayEquals(c0.toArray(), empty.get(2).toArray());
    }
}

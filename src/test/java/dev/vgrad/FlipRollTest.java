package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * flip (one copy of a view walking the flipped dimensions backwards) and roll (two block copies) against the element
 * each output position names, on a transposed view and a contiguous tensor, with their gradients (the same op undone).
 */
class FlipRollTest {
    @Test
    void flipTakesEachElementFromTheMirroredPosition() {
        Tensor base = Tensor.randn(new Generator(3), 4, 5, 37);
        for (Tensor x : new Tensor[] {base, base.transpose(0, 2)}) {
            int[] s = x.shape();
            for (int[] dims : new int[][] {{0}, {1}, {2}, {-1}, {0, 2}, {0, 1, 2}, {}}) {
                Tensor leaf = x.clone().requiresGrad_(true);
                Tensor y = leaf.flip(dims);
                boolean[] flipped = new boolean[3];
                for (int d : dims) {
                    flipped[Math.floorMod(d, 3)] = true;
                }
                for (int i = 0; i < s[0]; i++) {
                    for (int j = 0; j < s[1]; j++) {
                        for (int k = 0; k < s[2]; k++) {
                            float want = x.get(flipped[0] ? s[0] - 1 - i : i, flipped[1] ? s[1] - 1 - j : j,
                                    flipped[2] ? s[2] - 1 - k : k);
                            assertEquals(want, y.get(i, j, k), 0f, java.util.Arrays.toString(dims));
                        }
                    }
                }
                Tensor g = Tensor.randn(new Generator(4), s);
                y.backward(g);
                assertArrayEquals(g.flip(dims).toArray(), leaf.grad().toArray(), 0f);
            }
        }
    }

    @Test
    void rollTakesEachElementFromShiftsBefore() {
        Tensor base = Tensor.randn(new Generator(5), 6, 19);
        for (Tensor x : new Tensor[] {base, base.t()}) {
            int[] s = x.shape();
            for (int d = 0; d < 2; d++) {
                for (int shift : new int[] {0, 1, -3, 7, 40, -41}) {
                    Tensor y = x.roll(new int[] {shift}, new int[] {d});
                    for (int i = 0; i < s[0]; i++) {
                        for (int j = 0; j < s[1]; j++) {
                            int fi = d == 0 ? Math.floorMod(i - shift, s[0]) : i;
                            int fj = d == 1 ? Math.floorMod(j - shift, s[1]) : j;
                            assertEquals(x.get(fi, fj), y.get(i, j), 0f, "roll " + shift + " along " + d);
                        }
                    }
                }
            }
        }
    }
}

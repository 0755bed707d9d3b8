package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * torch.linalg.tensorinv and tensorsolve beyond the PyTorch programs of torch_ops.txt (linalg_tensor_*): their
 * defining identities, gradients, and the errors (PyTorch's messages, the shapes named).
 */
class TensorEquationsTest {
    private final Generator g = new Generator(20261205);

    /** A tensor of the given shape that is 2 I plus noise when read as an n x n matrix. */
    private Tensor wellConditioned(int n, int... shape) {
        return Matrices.wellConditioned(g, n, n).reshape(shape);
    }

    @Test
    void tensorinvContractsWithItsInputToTheIdentity() {
        Tensor a = wellConditioned(6, 2, 3, 6), inv = Linalg.tensorinv(a, 2);
        assertArrayEquals(new int[] {6, 2, 3}, inv.shape());
        Tensor identity = inv.tensordot(a, 2).reshape(6, 6);
        float[] got = identity.toArray(), want = Tensor.eye(6).toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5f, "at " + i);
        }
    }

    @Test
    void tensorsolveSolvesTheContractionWithDimsMovedFirst() {
        Tensor a = wellConditioned(6, 6, 2, 3), b = Tensor.randn(g, 2, 3);
        Tensor moved = a.permute(1, 2, 0);   // [2, 3, 6]: x has a's trailing shape [6]
        Tensor x = Linalg.tensorsolve(a, b, new int[] {0});
        assertArrayEquals(new int[] {6}, x.shape());
        float[] back = moved.tensordot(x, 1).toArray(), want = b.toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], back[i], 1e-5f, "at " + i);
        }
        assertArrayEquals(x.toArray(), Linalg.tensorsolve(moved, b).toArray());
    }

    @Test
    void bothDifferentiate() {
        Tensor a = wellConditioned(4, 2, 2, 4), b = Tensor.randn(g, 2, 2);
        assertTrue(GradCheck.gradcheck(x -> Linalg.tensorinv(x[0], 2), a));
        assertTrue(GradCheck.gradcheck(x -> Linalg.tensorsolve(x[0], x[1]), a, b));
    }

    @Test
    void badIndicesAndShapesAreRefused() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Linalg.tensorinv(Tensor.ones(4, 2, 2), 0));
        assertEquals("Expected a strictly positive integer for 'ind', but got 0", zero.getMessage());
        IllegalArgumentException unequal = assertThrows(IllegalArgumentException.class,
                () -> Linalg.tensorinv(Tensor.ones(4, 6), 1));
        assertTrue(unequal.getMessage().startsWith("Expected self to satisfy the requirement prod(self.shape[ind:]) == "
                + "prod(self.shape[:ind]), but got 6 != 4") && unequal.getMessage().contains("[4, 6]"),
                unequal.getMessage());
        IllegalArgumentException solve = assertThrows(IllegalArgumentException.class,
                () -> Linalg.tensorsolve(Tensor.ones(2, 3, 6), Tensor.ones(2, 4)));
        assertTrue(solve.getMessage().contains("but got 6 != 8") && solve.getMessage().contains("[2, 4]"),
                solve.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Linalg.tensorsolve(Tensor.ones(6, 2, 3), Tensor.ones(2, 3), new int[] {0, 0}));
    }
}

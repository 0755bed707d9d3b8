package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * torch.geqrf, torch.linalg.householder_product and torch.ormqr beyond the PyTorch programs of torch_ops.txt
 * (linalg_householder_*, linalg_ormqr_*): the first two give back linalg.qr's factors, ormqr multiplies by the
 * complete Q, gradients to the second order, geqrf's and ormqr's refusals to differentiate, and the shape errors.
 */
class HouseholderTest {
    private final Generator g = new Generator(20261205);

    @Test
    void productOfGeqrfIsQrsQAndItsUpperTriangleQrsR() {
        for (int[] shape : new int[][] {{4, 4}, {6, 3}, {2, 5, 2}, {3, 1, 1}}) {
            Tensor a = Tensor.randn(g, shape);
            List<Tensor> compact = Linalg.geqrf(a), qr = Linalg.qr(a);
            Tensor q = Linalg.householderProduct(compact.get(0), compact.get(1));
            assertClose(qr.get(0), q, 2e-6f);
            int k = Math.min(shape[shape.length - 2], shape[shape.length - 1]);
            assertClose(qr.get(1), compact.get(0).triu(0).narrow(-2, 0, k), 2e-6f);
        }
    }

    @Test
    void wideGeqrfKeepsTheRowsOfRAndOneTauPerRow() {
        Tensor a = Tensor.randn(g, 3, 5);
        List<Tensor> compact = Linalg.geqrf(a);
        assertArrayEquals(new int[] {3, 5}, compact.get(0).shape());
        assertArrayEquals(new int[] {3}, compact.get(1).shape());
        assertClose(Linalg.qr(a).get(1), compact.get(0).triu(0), 2e-6f);
        assertEquals(0f, compact.get(1).toArray()[2], "the last row's reflector has nothing below it: tau 0");
    }

    @Test
    void productDifferentiatesInBothInputsToTheSecondOrder() {
        Tensor a = Tensor.randn(g, 2, 5, 3), tau = Tensor.rand(g, 2, 2).add(0.5f);
        assertTrue(GradCheck.gradcheck(x -> Linalg.householderProduct(x[0], x[1]), a, tau));
        assertTrue(GradCheck.gradgradcheck(x -> Linalg.householderProduct(x[0], x[1]), a, tau));
        Tensor square = Tensor.randn(g, 3, 3), full = Tensor.rand(g, 3).add(0.5f);
        assertTrue(GradCheck.gradcheck(x -> Linalg.householderProduct(x[0], x[1]), square, full));
        Tensor none = Tensor.randn(g, 3, 2).requiresGrad_(true);
        Tensor identity = Linalg.householderProduct(none, Tensor.zeros(0));
        assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0}, identity.toArray(), "no reflectors: I's first columns");
        identity.sum().backward();
        assertArrayEquals(new float[6], none.grad().toArray());
    }

    @Test
    void productIgnoresWhatLiesOnAndAboveTheDiagonal() {
        Tensor a = Tensor.randn(g, 4, 3).requiresGrad_(true), tau = Tensor.rand(g, 3);
        Tensor q = Linalg.householderProduct(a, tau);
        assertClose(q, Linalg.householderProduct(a.detach().tril(-1), tau), 0f);
        q.sum().backward();
        assertClose(Tensor.zeros(4, 3), a.grad().triu(0), 0f);
    }

    @Test
    void geqrfRefusesToDifferentiateAsPyTorchDoes() {
        Tensor a = Tensor.randn(g, 3, 3).requiresGrad_(true);
        for (int which = 0; which < 2; which++) {
            Tensor out = Linalg.geqrf(a).get(which);
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> out.sum().backward());
            assertEquals("the derivative for 'geqrf' is not implemented.", e.getMessage());
        }
        assertNull(a.grad());
    }

    @Test
    void ormqrMultipliesByTheFullQFromEitherSide() {
        Tensor a = Tensor.randn(g, 5, 3), c = Tensor.randn(g, 5, 2), right = Tensor.randn(g, 4, 5);
        List<Tensor> compact = Linalg.geqrf(a);
        Tensor q = Linalg.qr(a, "complete").get(0);
        assertClose(q.matmul(c), Linalg.ormqr(compact.get(0), compact.get(1), c, true, false), 2e-6f);
        assertClose(q.transpose(0, 1).matmul(c), Linalg.ormqr(compact.get(0), compact.get(1), c, true, true), 2e-6f);
        assertClose(right.matmul(q), Linalg.ormqr(compact.get(0), compact.get(1), right, false, false), 2e-6f);
        assertClose(right.matmul(q.transpose(0, 1)), Linalg.ormqr(compact.get(0), compact.get(1), right, false, true),
                2e-6f);
        Tensor other = c.detach().requiresGrad_(true);
        Tensor product = Linalg.ormqr(compact.get(0), compact.get(1), other, true, false);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> product.sum().backward());
        assertEquals("the derivative for 'ormqr' is not implemented.", e.getMessage());
        IllegalArgumentException side = assertThrows(IllegalArgumentException.class,
                () -> Linalg.ormqr(a, compact.get(1), Tensor.ones(4, 2), true, false));
        assertTrue(side.getMessage().contains("other.shape[-2] must be equal to input.shape[-2]")
                && side.getMessage().contains("other [4, 2]"), side.getMessage());
    }

    @Test
    void badShapesAreRefusedWithTheShapesNamed() {
        Tensor before = Tensor.randn(g, 2, 3), copy = before.detach().clone();
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> Linalg.householderProduct(before, Tensor.ones(1)));
        assertTrue(wide.getMessage().contains("input.shape[-2] must be greater than or equal to input.shape[-1]")
                && wide.getMessage().contains("[2, 3]"), wide.getMessage());
        assertArrayEquals(copy.toArray(), before.toArray());
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> Linalg.householderProduct(Tensor.randn(g, 3, 2), Tensor.ones(3)));
        assertTrue(many.getMessage().contains("tau [3]"), many.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> Linalg.householderProduct(Tensor.randn(g, 3, 2), Tensor.ones(2, 1)));
        assertTrue(rank.getMessage().contains("tau.ndim equal to 2 and input.ndim is equal to 2"), rank.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> Linalg.householderProduct(Tensor.randn(g, 2, 3, 2), Tensor.ones(3, 1)));
        assertTrue(batch.getMessage().contains("but got [3]"), batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Linalg.geqrf(Tensor.ones(3)));
        assertThrows(IllegalArgumentException.class, () -> Linalg.householderProduct(Tensor.ones(3), Tensor.ones(1)));
    }

    private static void assertClose(Tensor want, Tensor got, float tolerance) {
        Matrices.assertNear(want, got, tolerance, "factor");
    }
}

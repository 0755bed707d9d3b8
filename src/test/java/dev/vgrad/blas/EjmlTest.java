package dev.vgrad.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.Tensor;
import dev.vgrad.io.EjmlTensors;
import org.ejml.MatrixDimensionException;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.RandomMatrices_FDRM;
import org.junit.jupiter.api.Test;

class EjmlTest {
    final java.util.Random rand = new java.util.Random(3);

    @Test
    void tensorsAndMatricesShareDataWhereTheLayoutAllows() {
        FMatrixRMaj m = RandomMatrices_FDRM.rectangle(3, 4, rand);
        Tensor t = EjmlTensors.toTensor(m);
        assertArrayEquals(new int[] {3, 4}, t.shape());
        m.set(1, 2, 42f);
        assertEquals(42f, t.get(1, 2), "no copy: a change to the matrix shows in the tensor");
        FMatrixRMaj back = EjmlTensors.toMatrix(t);
        assertSame(m.data, back.data);
        FMatrixRMaj transposed = EjmlTensors.toMatrix(t.t());
        assertEquals(42f, transposed.get(2, 1), "a transposed view is copied into row-major order");
        assertThrows(IllegalArgumentException.class, () -> EjmlTensors.toMatrix(Tensor.ones(2)));
    }

    @Test
    void multipliesMatchCommonOps() {
        for (int[] s : new int[][] {{1, 1, 1}, {5, 7, 3}, {33, 17, 65}, {128, 96, 64}}) {
            FMatrixRMaj a = RandomMatrices_FDRM.rectangle(s[0], s[1], rand), b = RandomMatrices_FDRM.rectangle(s[1], s[2], rand);
            FMatrixRMaj want = new FMatrixRMaj(1, 1), got = new FMatrixRMaj(1, 1);
            CommonOps_FDRM.mult(a, b, want);
            Ejml.mult(a, b, got);
            assertArrayEquals(want.data, java.util.Arrays.copyOf(got.data, want.getNumElements()), 1e-4f);
            FMatrixRMaj at = CommonOps_FDRM.transpose(a, null), bt = CommonOps_FDRM.transpose(b, null);
            CommonOps_FDRM.multTransA(at, b, want);
            Ejml.multTransA(at, b, got);
            assertArrayEquals(want.data, java.util.Arrays.copyOf(got.data, want.getNumElements()), 1e-4f);
            CommonOps_FDRM.multTransB(a, bt, want);
            Ejml.multTransB(a, bt, got);
            assertArrayEquals(want.data, java.util.Arrays.copyOf(got.data, want.getNumElements()), 1e-4f);
            CommonOps_FDRM.multTransAB(at, bt, want);
            Ejml.multTransAB(at, bt, got);
            assertArrayEquals(want.data, java.util.Arrays.copyOf(got.data, want.getNumElements()), 1e-4f);
            CommonOps_FDRM.mult(0.5f, a, b, want);
            Ejml.mult(0.5f, a, b, got);
            assertArrayEquals(want.data, java.util.Arrays.copyOf(got.data, want.getNumElements()), 1e-4f);
        }
        FMatrixRMaj a = new FMatrixRMaj(2, 3), b = new FMatrixRMaj(2, 3);
        assertThrows(MatrixDimensionException.class, () -> Ejml.mult(a, b, null));
        assertThrows(IllegalArgumentException.class, () -> Ejml.mult(a, b, a));
    }
}

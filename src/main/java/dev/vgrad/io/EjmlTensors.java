package dev.vgrad.io;

import dev.vgrad.Tensor;
import org.ejml.data.FMatrixRMaj;

/**
 * Tensors and EJML's {@link FMatrixRMaj} over the same data where the layout allows (both are row-major). The
 * products themselves are in {@code dev.vgrad.blas.Ejml}, which knows nothing of tensors.
 */
public final class EjmlTensors {
    private EjmlTensors() {}

    /** The matrix as a [rows, cols] tensor over the same array: no copy. */
    public static Tensor toTensor(FMatrixRMaj m) {
        return Tensor.wrap(m.data, m.numRows, m.numCols);
    }

    /**
     * The 2-D tensor as a matrix: over the same array when the tensor is contiguous from offset 0, else over a
     * row-major copy.
     */
    public static FMatrixRMaj toMatrix(Tensor t) {
        if (t.dim() != 2) {
            throw new IllegalArgumentException("toMatrix needs a 2-D tensor, got shape " + java.util.Arrays.toString(t.shape()));
        }
        float[] shared = t.sharedArray();
        return FMatrixRMaj.wrap(t.size(0), t.size(1), shared != null ? shared : t.toArray());
    }
}

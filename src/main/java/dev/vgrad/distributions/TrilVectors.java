package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * Vectors to lower-triangular matrices and back, row by row (PyTorch's {@code vec_to_tril_matrix} and
 * {@code tril_matrix_to_vec} in torch.distributions.utils): the entries (i, j) with {@code j < i + diag + 1}, in
 * row-major order. Both are gathers along the last dimension, so gradients flow through them.
 */
final class TrilVectors {
    private TrilVectors() {}

    /** The flat positions i * n + j of the kept entries, in row-major order. */
    private static int[] positions(int n, int diag) {
        int[] p = new int[n * n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n && j < i + diag + 1; j++) {
                p[k++] = i * n + j;
            }
        }
        return Arrays.copyOf(p, k);
    }

    /** The matrix side n whose entries below the diagonal {@code diag} number {@code count}. */
    static int side(int count, int diag) {
        double b = 1 + 2.0 * diag;
        double n = (-b + Math.sqrt(b * b + 8.0 * count + 4.0 * Math.abs(diag) * (diag + 1))) / 2;
        long rounded = Math.round(n);
        if (rounded - n > Math.ulp(1f)) {
            throw new IllegalArgumentException("The size of last dimension is " + count + " which cannot be "
                    + "expressed as the lower triangular part of a square D x D matrix.");
        }
        return (int) rounded;
    }

    /** [..., count] to [..., n, n], zeros outside the kept entries. */
    static Tensor toMatrix(Tensor vec, int diag) {
        int count = vec.size(-1), n = side(count, diag);
        int[] kept = positions(n, diag);
        int[] gather = new int[n * n];
        Arrays.fill(gather, count);   // the zero appended below
        for (int k = 0; k < kept.length; k++) {
            gather[kept[k]] = k;
        }
        int[] s = vec.shape();
        int[] zeroShape = s.clone();
        zeroShape[s.length - 1] = 1;
        Tensor padded = Tensor.cat(java.util.List.of(vec, Tensor.zeros(zeroShape)), -1);
        int[] out = Arrays.copyOf(s, s.length + 1);
        out[s.length - 1] = n;
        out[s.length] = n;
        return padded.indexSelect(-1, gather).reshape(out);
    }

    /** [..., n, n] to the kept entries [..., count]. */
    static Tensor toVector(Tensor mat, int diag) {
        int n = mat.size(-1);
        if (diag < -n || diag >= n) {
            throw new IllegalArgumentException("diag (" + diag + ") provided is outside [" + -n + ", " + (n - 1)
                    + "].");
        }
        return mat.flatten(-2, -1).indexSelect(-1, positions(n, diag));
    }
}

package dev.vgrad.blas;

/**
 * Where the stored triangle of a column-major n x n symmetric or triangular matrix lives: full (leading dimension
 * lda), banded (k off-diagonals, LAPACK band storage) or packed (columns of the triangle one after another). The
 * Level 2 routines are written once against this and serve all three storages.
 */
abstract class Storage {
    final boolean upper;
    final int n;

    Storage(boolean upper, int n) {
        this.upper = upper;
        this.n = n;
    }

    /** The array index of stored element (i, j). */
    abstract int index(int i, int j);

    /** The first stored row of column j. */
    abstract int first(int j);

    /** The last stored row of column j. */
    abstract int last(int j);

    static Storage full(boolean upper, int n, int off, int lda) {
        return new Storage(upper, n) {
            @Override
            int index(int i, int j) {
                return off + i + j * lda;
            }

            @Override
            int first(int j) {
                return upper ? 0 : j;
            }

            @Override
            int last(int j) {
                return upper ? j : n - 1;
            }
        };
    }

    static Storage band(boolean upper, int n, int k, int off, int lda) {
        return new Storage(upper, n) {
            @Override
            int index(int i, int j) {
                return off + (upper ? k + i - j : i - j) + j * lda;
            }

            @Override
            int first(int j) {
                return upper ? Math.max(0, j - k) : j;
            }

            @Override
            int last(int j) {
                return upper ? j : Math.min(n - 1, j + k);
            }
        };
    }

    static Storage packed(boolean upper, int n, int off) {
        return new Storage(upper, n) {
            @Override
            int index(int i, int j) {
                return upper ? off + j * (j + 1) / 2 + i : off + j * n - j * (j - 1) / 2 + (i - j);
            }

            @Override
            int first(int j) {
                return upper ? 0 : j;
            }

            @Override
            int last(int j) {
                return upper ? j : n - 1;
            }
        };
    }
}

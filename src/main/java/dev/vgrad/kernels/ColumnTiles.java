package dev.vgrad.kernels;

/**
 * Copies between a block of columns of a row-major matrix and a tile that holds each of those columns as a contiguous
 * row: the transposing copies of an op taken along a dimension that is not the innermost (softmax over dim 0), which
 * then runs the innermost dimension's kernels on the tile, and of an elementwise op whose input is transposed against
 * its output ({@link TransposedTiles}). Square blocks are turned in registers where the Vector API
 * is on ({@link VectorGemm#transposeBlock}), the edges a float at a time, a band of the matrix's rows at a time across
 * all the block's columns, so that each visit to a row reads neighbouring cache lines of it (a 16-column block's rows
 * 4 KiB apart had been one line each, in one L1 set). The floats are moved, never changed.
 */
public final class ColumnTiles {
    private ColumnTiles() {}

    /**
     * {@code tile[c * pitch + e] = src[at + e * ld + c]} for {@code e < rows}, {@code c < cols}: column c of the
     * block becomes tile row c.
     */
    public static void gather(float[] src, int at, int ld, int rows, int cols, float[] tile, int pitch) {
        move(true, src, at, ld, rows, cols, tile, pitch);
    }

    /** {@code dst[at + e * ld + c] = tile[c * pitch + e]}: {@link #gather}'s inverse. */
    public static void scatter(float[] tile, int pitch, int rows, int cols, float[] dst, int at, int ld) {
        move(false, dst, at, ld, rows, cols, tile, pitch);
    }

    /** {@link #gather} ({@code toTile}) or {@link #scatter} between the matrix's block and the tile. */
    private static void move(boolean toTile, float[] matrix, int at, int ld, int rows, int cols, float[] tile,
                             int pitch) {
        int block = Vectorization.ENABLED ? VectorGemm.TRANSPOSE_BLOCK : 0;
        int whole = block > 0 ? cols / block * block : 0;
        int e0 = 0;
        if (whole > 0) {
            for (; e0 + block <= rows; e0 += block) {
                for (int c0 = 0; c0 < whole; c0 += block) {
                    int m = at + e0 * ld + c0, t = c0 * pitch + e0;
                    if (toTile) {
                        VectorGemm.transposeBlock(matrix, m, ld, tile, t, pitch);
                    } else {
                        VectorGemm.transposeBlock(tile, t, pitch, matrix, m, ld);
                    }
                }
            }
        }
        moveFloats(toTile, matrix, at, ld, e0, rows, 0, whole, tile, pitch);
        moveFloats(toTile, matrix, at, ld, 0, rows, whole, cols, tile, pitch);
    }

    /** {@link #move} a float at a time, element rows [e0, e1) of columns [c0, c1). */
    private static void moveFloats(boolean toTile, float[] matrix, int at, int ld, int e0, int e1, int c0, int c1,
                                   float[] tile, int pitch) {
        for (int e = e0; e < e1; e++) {
            for (int c = c0; c < c1; c++) {
                if (toTile) {
                    tile[c * pitch + e] = matrix[at + e * ld + c];
                } else {
                    matrix[at + e * ld + c] = tile[c * pitch + e];
                }
            }
        }
    }
}

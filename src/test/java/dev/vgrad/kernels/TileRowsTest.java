package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The height of SGEMM's register tile: from the vector registers and width, or as the tests force it. */
class TileRowsTest {
    @Test
    void thirtyTwoRegistersHoldTheTallTileAtEveryWidth() {
        assertEquals(8, VectorGemm.tileRows(null, 32, 4));   // AArch64's NEON
        assertEquals(8, VectorGemm.tileRows(null, 32, 8));   // SVE at 256 bits, AVX-512 at a forced 256
        assertEquals(8, VectorGemm.tileRows(" ", 32, 16));
        assertEquals(4, VectorGemm.tileRows(null, 16, 8));   // AVX2
        assertEquals(4, VectorGemm.tileRows("", 16, 4));
    }

    @Test
    void theTestsForceEitherTileAtFourOrEightLanesOnly() {
        assertEquals(4, VectorGemm.tileRows("4", 32, 4));
        assertEquals(8, VectorGemm.tileRows(" 8 ", 16, 8));
        // 16 lanes come with AVX-512's registers; their aligned kernels are written for 8 rows
        assertEquals(8, VectorGemm.tileRows("4", 32, 16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorGemm.tileRows("6", 32, 8));
        assertTrue(e.getMessage().contains("vgrad.gemm.tileRows") && e.getMessage().contains("'6'"), e.getMessage());
    }

    @Test
    void thisJvmsTileFollowsItsRegisters() {
        int lanes = VectorWidth.SPECIES.length();
        String forced = System.getProperty("vgrad.gemm.tileRows");
        int expected = lanes >= 16 ? 8 : forced != null ? Integer.parseInt(forced.strip())
                : VectorWidth.REGISTERS >= 32 ? 8 : 4;
        assertEquals(expected, VectorGemm.TILE_ROWS);
        if (System.getProperty("os.arch").equals("aarch64")) {
            assertEquals(32, VectorWidth.REGISTERS);
        }
    }
}

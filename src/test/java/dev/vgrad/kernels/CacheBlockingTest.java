package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SGEMM's cache blocks: sizes read as sysfs writes them, and the blocks the model makes of them. */
class CacheBlockingTest {
    @Test
    void sizesParseInSysfsAndPropertyForms() {
        assertEquals(32768, CacheBlocking.parse("32K"));
        assertEquals(32L << 20, CacheBlocking.parse("32768K"));
        assertEquals(2L << 20, CacheBlocking.parse("2m"));
        assertEquals(524288, CacheBlocking.parse(" 524288\n"));
        for (String bad : new String[] {"", "K", "-5K", "0", "12KB", "1.5M", "99999999999999999M"}) {
            assertEquals(-1, CacheBlocking.parse(bad), bad);
        }
    }

    @Test
    void theBlocksFillHalfOfL2AndL3WithinTheirBounds() {
        // Zen 3: 512 KiB L2, 32 MiB L3.
        assertEquals(256, CacheBlocking.rowsOfA(512L << 10, 256, 4));
        assertEquals(4096, CacheBlocking.columnsOfB(32L << 20, 256));
        // An Intel client: 256 KiB L2; an 8 MiB L3 gives 4096 too.
        assertEquals(128, CacheBlocking.rowsOfA(256L << 10, 256, 4));
        assertEquals(4096, CacheBlocking.columnsOfB(8L << 20, 256));
        // Rounded down to whole tiles and panels units.
        assertEquals(120, CacheBlocking.rowsOfA(250L << 10, 256, 6));
        assertEquals(1536, CacheBlocking.columnsOfB(3L << 20, 256));
        // Clamped: a 2 MiB L2 (Xeon) and a 1 MiB one (Zen 4) to 256 rows, a tiny one, a small L3.
        assertEquals(256, CacheBlocking.rowsOfA(2L << 20, 256, 4));
        assertEquals(256, CacheBlocking.rowsOfA(1L << 20, 256, 4));
        assertEquals(CacheBlocking.MIN_MC, CacheBlocking.rowsOfA(16L << 10, 256, 4));
        assertEquals(CacheBlocking.MIN_NC, CacheBlocking.columnsOfB(1L << 20, 256));
    }

    @Test
    void sgemmsBlocksAreWholeTilesAndPanelsOfEveryVectorWidth() {
        assertEquals(0, Sgemm.MC % Sgemm.MR);
        assertEquals(0, Sgemm.NC % CacheBlocking.NC_UNIT);
        assertEquals(0, CacheBlocking.NC_UNIT % (2 * 16), "NR of 16-lane vectors");
        assertTrue(Sgemm.MC >= CacheBlocking.MIN_MC && Sgemm.MC <= CacheBlocking.MAX_MC);
        assertTrue(Sgemm.NC >= CacheBlocking.MIN_NC && Sgemm.NC <= CacheBlocking.MAX_NC);
    }

    @Test
    void sysfsIsReadForTheDataOrUnifiedCacheOfTheLevel(@TempDir Path dir) throws IOException {
        cache(dir, 0, 1, "Data", "48K");
        cache(dir, 1, 1, "Instruction", "32K");
        cache(dir, 2, 2, "Unified", "2048K");
        cache(dir, 3, 3, "Unified", "105M");
        assertEquals(48L << 10, CacheBlocking.fromSysfs(dir, 1));
        assertEquals(2L << 20, CacheBlocking.fromSysfs(dir, 2));
        assertEquals(105L << 20, CacheBlocking.fromSysfs(dir, 3));
        assertEquals(-1, CacheBlocking.fromSysfs(dir, 4));
        assertEquals(-1, CacheBlocking.fromSysfs(dir.resolve("absent"), 2));
    }

    private static void cache(Path dir, int index, int level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + index));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }
}

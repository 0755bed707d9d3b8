package dev.vgrad.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * SGEMM's cache blocks from the caches of the machine it runs on, by the analytical model of BLIS (Low et al.,
 * "Analytical modeling is enough for high-performance BLIS", 2016): a packed block of A ({@code MC x KC}) takes about
 * half of a core's L2 (at most {@link #MAX_MC} rows), so that the B micro-panels streaming past it and C's tiles do
 * not evict it; a packed block of B ({@code KC x NC}) takes about half of the L3, which the threads sharing panels
 * read together. KC is not chosen here: it fixes where each product's FMA chain is cut, so it stays the same on every
 * machine to keep the bits the same.
 *
 * <p>Sizes come from Linux's sysfs ({@code /sys/devices/system/cpu/cpu0/cache}); the system properties
 * {@code vgrad.cache.l2} and {@code vgrad.cache.l3} (bytes, or with a K or M suffix: {@code 512K}) override them, to
 * reproduce another machine's blocking. Where neither says, a 256 KiB L2 and an 8 MiB L3 are assumed.
 */
final class CacheBlocking {
    /** Bytes of one core's L2 data cache. */
    static final long L2 = size(2, "vgrad.cache.l2", 256L << 10);
    /** Bytes of the L3 cache. */
    static final long L3 = size(3, "vgrad.cache.l3", 8L << 20);

    /**
     * MC stays within these: below, the B micro-panel is reloaded too often; above, the A block no longer shares L2
     * with the C rows it updates. L2 holds more than A: each k-block reads and writes C's {@code MC x NC} block and
     * streams B's panels through it. On an Intel Xeon with a 2 MiB L2 (family 6 model 167, 2026-12-04, one thread)
     * half of L2 meant MC 512, and 256 ran SGEMM 1024^3 4-5 % and 512^3 2-3 % faster (JMH, alternated twice; two
     * threads at 1024^3 4 %), 128 about as 256; the MLP, CNN and transformer steps did not move. With 256-bit
     * vectors there ({@code -XX:UseAVX=2}, 4-row tiles) 256 and 512 rows measured alike (96-102 GFLOP/s at 512^3).
     */
    static final int MIN_MC = 32, MAX_MC = 256;
    /** NC stays within these; NC is a multiple of {@link #NC_UNIT}, which is a multiple of every vector width's NR. */
    static final int MIN_NC = 512, MAX_NC = 4096, NC_UNIT = 64;

    private CacheBlocking() {}

    /** Rows of A packed at once: a block of them {@code kc} deep fills half of {@code l2Bytes}, in whole mr tiles. */
    static int rowsOfA(long l2Bytes, int kc, int mr) {
        long rows = l2Bytes / 2 / (4L * kc) / mr * mr;
        return (int) Math.max(MIN_MC, Math.min(MAX_MC, rows));
    }

    /** Columns of B packed at once: a block of them {@code kc} deep fills half of {@code l3Bytes}. */
    static int columnsOfB(long l3Bytes, int kc) {
        long columns = l3Bytes / 2 / (4L * kc) / NC_UNIT * NC_UNIT;
        return (int) Math.max(MIN_NC, Math.min(MAX_NC, columns));
    }

    private static long size(int level, String property, long fallback) {
        String set = System.getProperty(property);
        if (set != null) {
            long bytes = parse(set);
            if (bytes <= 0) {
                throw new IllegalArgumentException(property + " must be a size in bytes (e.g. 524288 or 512K), got '"
                        + set + "'");
            }
            return bytes;
        }
        long found = fromSysfs(Path.of("/sys/devices/system/cpu/cpu0/cache"), level);
        return found > 0 ? found : fallback;
    }

    /**
     * The size of the level-{@code level} data or unified cache listed under {@code cacheDir} (sysfs's layout: one
     * {@code index<i>} folder per cache, with files {@code level}, {@code type} and {@code size}); -1 when none is.
     */
    static long fromSysfs(Path cacheDir, int level) {
        for (int i = 0; i < 16; i++) {
            Path index = cacheDir.resolve("index" + i);
            if (!Files.isDirectory(index)) {
                continue;
            }
            try {
                String type = Files.readString(index.resolve("type")).trim();
                if (Integer.parseInt(Files.readString(index.resolve("level")).trim()) == level
                        && !type.equals("Instruction")) {
                    return parse(Files.readString(index.resolve("size")).trim());
                }
            } catch (IOException | NumberFormatException | SecurityException e) {
                return -1;
            }
        }
        return -1;
    }

    /** "32768", "512K" or "32M" (sysfs's and the properties' forms) in bytes; -1 when it is none of these. */
    static long parse(String size) {
        String s = size.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("K")) {
            unit = 1L << 10;
        } else if (s.endsWith("M")) {
            unit = 1L << 20;
        }
        if (unit > 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            long v = Long.parseLong(s);
            return v > 0 && v <= Long.MAX_VALUE / unit ? v * unit : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

package dev.vgrad.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CPU's vendor and family as Linux's {@code /proc/cpuinfo} gives them, for the kernel choices that measured
 * differently on two x86 cores with the same vector width (see {@link #splitsWideFmas}). Off Linux, or where the file
 * cannot be read, both are unknown and every such choice takes its default.
 *
 * @param vendor {@code vendor_id} ("GenuineIntel", "AuthenticAMD"), or "" where unknown
 * @param family {@code cpu family} as a number, or -1 where unknown
 */
record Processor(String vendor, int family) {
    /** The processor this JVM runs on. */
    static final Processor CURRENT = read(Path.of("/proc/cpuinfo"));

    /** AMD's family 25 (0x19): Zen 3 and Zen 4. */
    private static final int ZEN_3_AND_4 = 25;

    /**
     * Whether the core executes a 512-bit FMA as two 256-bit halves (AMD's Zen 4; Zen 3 has no 512-bit vectors at
     * all), so that a 16-FMA step of the 8 x 32 micro-kernel takes 16 cycles instead of 8 and leaves room for scalar
     * work beside it. Family 25 on AMD; Zen 5 (family 26) executes them whole, as Intel's cores do.
     */
    boolean splitsWideFmas() {
        return vendor.equals("AuthenticAMD") && family == ZEN_3_AND_4;
    }

    /**
     * The first processor's fields in a {@code /proc/cpuinfo}-style file; unknown where it cannot be read. Only the
     * first processor's block (up to the first blank line) is read: the file holds one block per CPU, and the kernel
     * generates it as it is read.
     */
    static Processor read(Path cpuinfo) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return parse(lines.takeWhile(line -> !line.isBlank()).toList());
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return new Processor("", -1);
        }
    }

    /** The first {@code vendor_id} and {@code cpu family} among {@code lines} ("key : value" pairs). */
    static Processor parse(List<String> lines) {
        String vendor = "";
        int family = -1;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim(), value = line.substring(colon + 1).trim();
            if (key.equals("vendor_id") && vendor.isEmpty()) {
                vendor = value;
            } else if (key.equals("cpu family") && family < 0) {
                try {
                    family = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    family = -1;
                }
            }
            if (!vendor.isEmpty() && family >= 0) {
                break;
            }
        }
        return new Processor(vendor, family);
    }
}

package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector species every Vector API kernel uses: the CPU's preferred width, unless the system property
 * {@code vgrad.vectorBits} (128, 256 or 512) names another. Forcing a width the CPU lacks is slow (the Vector API
 * then runs in Java), but it lets one machine check that the results are the same bits at every width.
 *
 * <p>How the kernels keep C2 from boxing vectors (each rule found from a boxing JMH fork or a JVM run with
 * {@code -XX:-UseTypeProfile} or with C2's inlining of vgrad's methods off, both of which UnprofiledStepsTest runs):
 * no vector is passed to or returned from a method of vgrad's (a helper C2 leaves out of line, because its caller is
 * over the node-count cutoff or because the helper was compiled on its own first, boxes every vector crossing the
 * call), so a kernel's vector steps are written into its loop; a loop's accumulator is never a call's receiver
 * ({@code load.add(acc)}, not {@code acc.add(load)}: the accumulator's class is known to C2 only from a type profile,
 * which may be stale); after a loop, a constant receiver names the class ({@code ZERO.add(acc)}); shuffles, masks and
 * constants are fields, not array elements; and only Vector API methods the JDK force-inlines are called
 * ({@code convertShape}, not {@code convert}: log's exponent through {@code convert} boxed 154 KB a 1 031-element call
 * where C2 inlined none of vgrad's methods).
 */
final class VectorWidth {
    static final VectorSpecies<Float> SPECIES = choose();
    /**
     * Vector registers C2 allocates from, whatever {@link #SPECIES}' width: 32 on AArch64 (NEON's v0-v31, SVE's
     * z0-z31) and on x86 where the JVM runs AVX-512 (EVEX encoding reaches xmm16-31 at every width; its preferred
     * species is 512 bits only there), 16 with AVX2 alone. SGEMM's register tile is as tall as this allows
     * ({@code VectorGemm.TILE_ROWS}).
     */
    static final int REGISTERS = "aarch64".equals(System.getProperty("os.arch"))
            || FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 32 : 16;

    private VectorWidth() {}

    private static VectorSpecies<Float> choose() {
        String bits = System.getProperty("vgrad.vectorBits");
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return switch (bits.strip()) {
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(
                    "vgrad.vectorBits must be 128, 256 or 512, got '" + bits + "'");
        };
    }
}

package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector species every Vector API kernel uses: the CPU's preferred width, unless the system property
 * {@code vgrad.vectorBits} (128, 256 or 512) names another. Forcing a width the CPU lacks is slow (the Vector API
 * then runs in Java), but it lets one machine check that the results are the same bits at every width.
 */
final class VectorWidth {
    static final VectorSpecies<Float> SPECIES = choose();

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

package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector species every Vector API kernel uses: the CPU's preferred width, unless the system property
 * {@code vgrad.vectorBits} (128, 256 or 512) names another. Forcing a width the CPU lacks is slow (the Vector API
 * then runs in Java), but it lets one machine check that the results are the same bits at every width.
 */
final class VectorWidth {
    static final VectorSpecies<Float> SPECIES = choose();

    /** SPECIES' vector class: a final class, so a value cast to it has an exact type for C2. */
    @SuppressWarnings("unchecked")
    private static final Class<? extends FloatVector> VECTOR_CLASS =
            (Class<? extends FloatVector>) SPECIES.vectorType();
    /** The class of the int vectors of SPECIES' shape. */
    @SuppressWarnings("unchecked")
    private static final Class<? extends IntVector> INT_CLASS =
            (Class<? extends IntVector>) SPECIES.withLanes(int.class).vectorType();

    private VectorWidth() {}

    /**
     * v, typed as SPECIES' own vector class. A Vector API method called on a vector whose class C2 cannot prove (a
     * parameter of a method compiled on its own, an accumulator carried around a loop: its type is the declared
     * FloatVector) is devirtualized only from the type profile of the JDK's shared FloatVector method; where that
     * profile was empty or mixed when C2 compiled the caller, the call stayed virtual, every vector around it was
     * boxed and the Vector API ran its Java fallback. Called on {@code exact(v)}, the target is known from the class
     * alone. This is itself a call C2 may leave out of line where the caller's profile is stale ("low call site
     * frequency"), so it serves inside loops, once a vector; after a loop, kernels name the class with a constant
     * receiver instead ({@code ZERO.add(acc)} in VectorReductions), and inside one they write {@code load.op(acc)}
     * where op commutes. UnprofiledStepsTest runs training steps with {@code -XX:-UseTypeProfile}, where every call
     * that still depends on a profile boxes. Only for values whose class C2 proves in an ordinary compile (a load, an
     * argument that arrives boxed anyway): on a vector it cannot prove, the cast's class check materializes the box
     * (tanh's converted halves, cast this way, allocated 3 MB a 64 K-element call on an Intel Xeon; not kept).
     */
    static FloatVector exact(Vector<Float> v) {
        return VECTOR_CLASS.cast(v);
    }

    /** {@link #exact} for int vectors of SPECIES' shape (bit patterns of its lanes). */
    static IntVector exactInts(Vector<Integer> v) {
        return INT_CLASS.cast(v);
    }

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

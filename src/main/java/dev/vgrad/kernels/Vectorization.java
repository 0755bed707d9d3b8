package dev.vgrad.kernels;

/**
 * The one switch between vgrad's two implementations of every kernel: the Vector API path and the
 * plain scalar reference path.
 *
 * <p>The vector path is used when the {@code jdk.incubator.vector} module is present in the boot layer
 * (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the system property
 * {@code vgrad.scalar} is not {@code true}. Setting {@code -Dvgrad.scalar=true} runs the whole library on
 * the scalar reference kernels: for testing one path against the other, and for machines without C2.
 */
public final class Vectorization {
    /** Whether kernels take the Vector API path. Read once: C2 folds the branch away. */
    public static final boolean ENABLED = decide();

    private Vectorization() {}

    private static boolean decide() {
        if (Boolean.getBoolean("vgrad.scalar")) {
            return false;
        }
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            System.err.println("vgrad: jdk.incubator.vector is not in the boot layer; running the scalar "
                    + "kernels. Start the JVM with --add-modules jdk.incubator.vector for the vector path.");
        }
        return present;
    }
}

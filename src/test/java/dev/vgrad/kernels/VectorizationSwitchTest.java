package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The suite runs on the vector path, again with -Dvgrad.scalar=true, and again in a JVM started without the
 * jdk.incubator.vector module; each run must be on the path it claims.
 */
class VectorizationSwitchTest {
    @Test
    void pathFollowsTheSystemPropertyAndTheModule() {
        boolean withoutModule = Boolean.getBoolean("vgrad.test.withoutVectorModule");
        assertEquals(!withoutModule, ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the run's JVM options and the boot layer disagree about jdk.incubator.vector");
        assertEquals(!Boolean.getBoolean("vgrad.scalar") && !withoutModule, Vectorization.ENABLED);
    }
}

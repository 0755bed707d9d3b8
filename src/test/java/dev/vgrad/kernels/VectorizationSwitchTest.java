package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The suite runs twice: once on the vector path, once with -Dvgrad.scalar=true; each run must be on the path it claims. */
class VectorizationSwitchTest {
    @Test
    void pathFollowsTheSystemProperty() {
        assertEquals(!Boolean.getBoolean("vgrad.scalar"), Vectorization.ENABLED);
    }
}

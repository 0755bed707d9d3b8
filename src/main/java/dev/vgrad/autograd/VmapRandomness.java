package dev.vgrad.autograd;

import dev.vgrad.Generator;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What a random draw inside one {@link Vmap} call does, by PyTorch's randomness flag: "error" refuses it, "same" gives
 * every slice the draws of the first (each generator put back, before each later slice, where it stood before its first
 * draw in the call, so that it ends as one slice's draws leave it, as PyTorch's one unbatched draw does), "different"
 * lets each slice draw on. The enclosing vmap's watch, if any, is told too: an outer "error" refuses a draw an inner
 * "different" allows, as PyTorch's levels do.
 */
final class VmapRandomness implements Generator.DrawWatch {
    private final String mode;
    private final Generator.DrawWatch enclosing;
    private final Map<Generator, Generator.State> before = new IdentityHashMap<>();

    private VmapRandomness(String mode, Generator.DrawWatch enclosing) {
        this.mode = mode;
        this.enclosing = enclosing;
    }

    /** Checks PyTorch's three names. */
    static String checkMode(String mode) {
        if (!"error".equals(mode) && !"same".equals(mode) && !"different".equals(mode)) {
            throw new IllegalArgumentException("Only allowed values for randomness are 'error', 'different', or "
                    + "'same'. Got " + mode);
        }
        return mode;
    }

    /** Watches the calling thread's draws in {@code mode} until {@link #close}. */
    static VmapRandomness open(String mode) {
        VmapRandomness watch = new VmapRandomness(mode, null);
        Generator.DrawWatch enclosing = Generator.watchDraws(watch);
        if (enclosing == null) {
            return watch;
        }
        VmapRandomness nested = new VmapRandomness(mode, enclosing);
        Generator.watchDraws(nested);
        return nested;
    }

    @Override
    public void beforeDraw(Generator g) {
        if ("error".equals(mode)) {
            throw new IllegalStateException("vmap: called random operation while in randomness error mode. Please "
                    + "either use the 'same' or 'different' randomness flags on vmap or perform the randomness "
                    + "operation out of vmap");
        }
        if (enclosing != null) {
            enclosing.beforeDraw(g);
        }
        before.computeIfAbsent(g, Generator::getState);   // once per generator: a state is 624 ints
    }

    /** Before a slice after the first: in "same" mode, every generator drawn from goes back to where it started. */
    void nextSlice() {
        if ("same".equals(mode)) {
            rewind();
        }
    }

    /** Every generator drawn from in this call back where it started, whatever the mode. */
    void rewind() {
        before.forEach(Generator::setState);
    }

    /** Puts the enclosing watch back. */
    void close() {
        Generator.watchDraws(enclosing);
    }
}

package dev.vgrad.bench;

import java.util.Locale;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Labels each JMH iteration with where the host had put the VM's CPUs: with the system property
 * {@code vgrad.bench.placement} set to true, the core-to-core round trip ({@link CoreLatency}, five 20 ms windows) is
 * probed before and after every iteration, outside the measured time, and printed on the iteration's line as
 * {@code [placement 98 / 102 ns]}. On the 2-core VMs this project runs on the placement changes every few seconds
 * (two cores sharing an L3, two that do not, one core's two hyperthreads), within a run of a two-thread benchmark;
 * {@code scripts/steps_sitting.py --by-iteration} sorts a run's iterations by it. Off by default: a benchmark that takes
 * this state measures the same either way.
 */
@State(Scope.Benchmark)
public class Placement {
    private static final boolean ON = Boolean.getBoolean("vgrad.bench.placement");
    private double before;

    /** Probes the round trip before the iteration, when asked. */
    @Setup(Level.Iteration)
    public void probeBefore() {
        if (ON) {
            before = CoreLatency.roundTrip();
        }
    }

    /** Probes it again after the iteration and prints both, when asked. */
    @TearDown(Level.Iteration)
    public void probeAfter() {
        if (ON) {
            System.out.printf(Locale.ROOT, "[placement %.0f / %.0f ns] ", before, CoreLatency.roundTrip());
        }
    }
}

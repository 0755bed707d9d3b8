package dev.vgrad.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./vgrad bench}: a quick suite of the JMH benchmarks (short iterations, one fork; under two minutes) that
 * prints one table, GFLOP/s for SGEMM, GB/s for memory-bound kernels, microseconds for autograd overhead and
 * bytes per training step, each beside EJML or a scalar Java loop, and writes the same as JSON. For publishable
 * figures run the benchmarks with their own (longer) settings: {@code ./vgrad bench MatmulBench}.
 */
public final class Harness {
    private Harness() {}

    /** Runs the quick suite; args[0], if given, is the JSON file to write (default target/bench/quick.json). */
    public static void main(String[] args) throws RunnerException, IOException {
        Path json = Path.of(args.length > 0 ? args[0] : "target/bench/quick.json");
        Map<String, Double> us = new LinkedHashMap<>();
        Map<String, Double> bytes = new LinkedHashMap<>();
        double before = CoreLatency.roundTrip();
        run(quick().include("MatmulBench\\.(vgrad|ejml|scalarLoop)$").param("n", "64", "256"), us, bytes);
        run(quick().include("ElementwiseBench|ReduceBench\\.(sum|dot)"), us, bytes);
        run(quick().include("OverheadBench"), us, bytes);
        // The step gets seconds of warm-up where the kernels get 0.8 s: after 0.8 s C2 had not yet compiled every
        // kernel the step calls, and the uncompiled Vector API calls box their vectors, so the quick suite printed the
        // MLP step at 3-39 ms and 5-56 MB a step where warm it takes ~0.3 ms and 1.5 KB (Zen 4, 2026-12-04).
        run(quick().warmupIterations(4).warmupTime(TimeValue.seconds(1)).include("TrainStepBench\\.stepArena")
                .param("batch", "64", "512").addProfiler(GCProfiler.class), us, bytes);

        List<String[]> rows = new ArrayList<>();
        for (String n : new String[] {"64", "256"}) {
            double flop = 2.0 * Math.pow(Integer.parseInt(n), 3);
            double v = gflops(flop, get(us, "MatmulBench.vgrad n=" + n));
            double e = gflops(flop, get(us, "MatmulBench.ejml n=" + n));
            double s = gflops(flop, get(us, "MatmulBench.scalarLoop n=" + n));
            rows.add(row("SGEMM " + n + "^3", fmt(v) + " GFLOP/s", ratio(v, e) + " vs EJML", ratio(v, s) + " vs scalar Java"));
        }
        double mb = 1 << 20;
        rows.add(rate("add, 1M floats", 12 * mb, get(us, "ElementwiseBench.addVgrad"), get(us, "ElementwiseBench.addScalarLoop")));
        rows.add(rate("sum, 1M floats", 4 * mb, get(us, "ReduceBench.sumVgrad"), get(us, "ReduceBench.sumScalarLoop")));
        rows.add(rate("dot, 1M floats", 8 * mb, get(us, "ReduceBench.dotVgrad"), get(us, "ReduceBench.dotScalarLoop")));
        rows.add(row("one-element a.add(b)", fmt(get(us, "OverheadBench.addOneElement")) + " us", "", ""));
        rows.add(row("one-element (a*b).sum().backward()", fmt(get(us, "OverheadBench.mulSumBackwardOneElement")) + " us",
                "", ""));
        rows.add(row("thermometer fit, 5000 epochs", fmt(get(us, "OverheadBench.thermometer5000Epochs") / 1000) + " ms",
                "", ""));
        for (String b : new String[] {"64", "512"}) {
            String key = "TrainStepBench.stepArena batch=" + b;
            rows.add(row("MLP training step, batch " + b, fmt(get(us, key)) + " us",
                    fmt(get(bytes, key)) + " bytes/step", ""));
        }
        double after = CoreLatency.roundTrip();
        // Two-thread figures depend on where the host put the CPUs (see CoreLatency): print it beside them.
        rows.add(row("core-to-core round trip", fmt(before) + " ns before, " + fmt(after) + " ns after", "", ""));
        print(rows);
        write(json, us, bytes, before, after);
        System.out.println("\nwrote " + json);
    }

    /** The result whose name starts with {@code prefix} (parameters follow the name). */
    private static double get(Map<String, Double> results, String prefix) {
        for (var e : results.entrySet()) {
            if (e.getKey().equals(prefix) || e.getKey().startsWith(prefix + " ")) {
                return e.getValue();
            }
        }
        throw new IllegalStateException("no benchmark result for " + prefix + " among " + results.keySet());
    }

    private static ChainedOptionsBuilder quick() {
        return new OptionsBuilder().warmupIterations(2).warmupTime(TimeValue.milliseconds(400))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(400)).forks(1)
                .shouldDoGC(true).verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT);
    }

    private static void run(ChainedOptionsBuilder options, Map<String, Double> us, Map<String, Double> bytes)
            throws RunnerException {
        Collection<RunResult> results = new Runner(options.build()).run();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replace("dev.vgrad.bench.", "");
            StringBuilder key = new StringBuilder(name);
            for (String p : r.getParams().getParamsKeys()) {
                key.append(' ').append(p).append('=').append(r.getParams().getParam(p));
            }
            us.put(key.toString(), r.getPrimaryResult().getScore());
            Result alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            if (alloc != null) {
                bytes.put(key.toString(), alloc.getScore());
            }
        }
    }

    private static double gflops(double flop, double micros) {
        return flop / (micros * 1e3);
    }

    private static String[] rate(String what, double bytes, double vgrad, double scalar) {
        double v = bytes / (vgrad * 1e3), s = bytes / (scalar * 1e3);
        return row(what, fmt(v) + " GB/s", ratio(v, s) + " vs scalar Java", "");
    }

    private static String[] row(String... cells) {
        return cells;
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.1fx", a / b);
    }

    private static void print(List<String[]> rows) {
        int[] w = new int[4];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        System.out.println();
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(String.format("%-" + (w[i] + 3) + "s", r[i]));
            }
            System.out.println(sb.toString().stripTrailing());
        }
    }

    /** JSON has no NaN: an unmeasured figure is null. */
    private static String jsonNumber(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static void write(Path json, Map<String, Double> us, Map<String, Double> bytes, double roundTripBefore,
                              double roundTripAfter) throws IOException {
        StringBuilder sb = new StringBuilder("{\n  \"microseconds_per_op\": {");
        int k = 0;
        for (var e : us.entrySet()) {
            sb.append(k++ > 0 ? "," : "").append("\n    \"").append(e.getKey()).append("\": ")
                    .append(String.format(Locale.ROOT, "%.4f", e.getValue()));
        }
        sb.append("\n  },\n  \"bytes_per_op\": {");
        k = 0;
        for (var e : bytes.entrySet()) {
            sb.append(k++ > 0 ? "," : "").append("\n    \"").append(e.getKey()).append("\": ")
                    .append(String.format(Locale.ROOT, "%.1f", e.getValue()));
        }
        sb.append("\n  },\n  \"core_round_trip_ns\": {\"before\": ").append(jsonNumber(roundTripBefore))
                .append(", \"after\": ").append(jsonNumber(roundTripAfter)).append("}\n}\n");
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, sb.toString());
    }
}

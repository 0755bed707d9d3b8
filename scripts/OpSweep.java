import dev.vgrad.Tensor;
import dev.vgrad.nn.Functional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everyday ops on 1024 x 1024 (or, with --backward, forward and backward on 512 x 1024) one at a time, each the best
 * of five timed loops after a warm-up: the vgrad half of scripts/op_sweep.py's comparison, which runs the same ops
 * on PyTorch. A source-file program (no build step beyond the classes):
 *
 *     java --add-modules jdk.incubator.vector -Xms2g -Xmn1g -Dvgrad.threads=1 -cp target/classes \
 *         scripts/OpSweep.java [--backward]
 *
 * Prints one line per op: its name and microseconds per call.
 */
public class OpSweep {
    static double time(Runnable f, long warmNanos) {
        // Warm for at least warmNanos and until a 0.1 s round is no longer 10 % faster than the best before it: on a
        // Zen 5 (2026-12-07) C2 took seconds to compile some kernels, and 0.4 s alone timed softmax(1) interpreted.
        long start = System.nanoTime();
        double bestRound = Double.MAX_VALUE;
        while (true) {
            long t0 = System.nanoTime();
            int n = 0;
            while (System.nanoTime() - t0 < 100_000_000L || n < 3) {
                f.run();
                n++;
            }
            double perCall = (System.nanoTime() - t0) / (double) n;
            long warmed = System.nanoTime() - start;
            if (warmed >= 10_000_000_000L || (warmed >= warmNanos && perCall > 0.9 * bestRound)) {
                break;
            }
            bestRound = Math.min(bestRound, perCall);
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            long guess = best == Long.MAX_VALUE ? 5_000_000 : best;
            int reps = (int) Math.max(1, Math.min(50, 200_000_000L / Math.max(1, guess)));
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                f.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / reps);
        }
        return best / 1e3;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--backward")) {
            backward();
        } else {
            forward();
        }
    }

    static void forward() {
        dev.vgrad.Generator g = new dev.vgrad.Generator(1);
        Tensor a = Tensor.randn(g, 1024, 1024), b = Tensor.randn(g, 1024, 1024);
        Tensor mask = a.gt(b);
        Tensor t3 = Tensor.randn(g, 64, 128, 128);
        Tensor idx = Tensor.randint(g, 0, 1024, 1024, 16);
        Tensor w = Tensor.randn(g, 1024), bias = Tensor.randn(g, 1024);
        Tensor emb = Tensor.randn(g, 10000, 128), tok = Tensor.randint(g, 0, 10000, 64, 64);
        Tensor small = Tensor.randn(g, 64, 1024);
        LinkedHashMap<String, Supplier<Object>> ops = new LinkedHashMap<>();
        ops.put("sum(0)", () -> a.sum(0, false));
        ops.put("sum(1)", () -> a.sum(1, false));
        ops.put("mean(1)", () -> a.mean(1, false));
        ops.put("amax(0)", () -> a.amax(0, false));
        ops.put("max(1)", () -> a.max(1, false));
        ops.put("argmax(1)", () -> a.argmax(1, false));
        ops.put("var(1)", () -> a.var(1, true, false));
        ops.put("logsumexp(1)", () -> a.logsumexp(1, false));
        ops.put("softmax(1)", () -> a.softmax(1));
        ops.put("softmax(0)", () -> a.softmax(0));
        ops.put("logSoftmax(1)", () -> a.logSoftmax(1));
        ops.put("cumsum(1)", () -> a.cumsum(1));
        ops.put("cumsum(0)", () -> a.cumsum(0));
        ops.put("sort(1)", () -> a.sort(1, false));
        ops.put("where", () -> Tensor.where(mask, a, b));
        ops.put("maskedFill", () -> a.maskedFill(mask, 0f));
        ops.put("clamp", () -> a.clamp(-0.5f, 0.5f));
        ops.put("sigmoid", () -> a.sigmoid());
        ops.put("tanh", () -> a.tanh());
        ops.put("gelu", () -> Functional.gelu(a));
        ops.put("erf", () -> a.erf());
        ops.put("pow(2)", () -> a.pow(2f));
        ops.put("abs", () -> a.abs());
        ops.put("sign", () -> a.sign());
        ops.put("floor", () -> a.floor());
        ops.put("layerNorm", () -> Tensor.layerNorm(a, w, bias, 1e-5f));
        ops.put("t().contiguous()", () -> a.t().contiguous());
        ops.put("permute(0,2,1).contig", () -> t3.permute(0, 2, 1).contiguous());
        ops.put("cat(0)", () -> Tensor.cat(List.of(a, b), 0));
        ops.put("cat(1)", () -> Tensor.cat(List.of(a, b), 1));
        ops.put("stack(0)", () -> Tensor.stack(List.of(a, b), 0));
        ops.put("gather(1)", () -> a.gather(1, idx));
        ops.put("indexSelect(0)", () -> emb.indexSelect(0, tok.reshape(-1)));
        ops.put("embedding", () -> Functional.embedding(tok, emb));
        ops.put("flip(1)", () -> a.flip(1));
        ops.put("roll(1)", () -> a.roll(7, 1));
        ops.put("repeat", () -> small.repeat(4, 1));
        ops.put("tril", () -> a.tril(0));
        ops.put("norm", () -> a.norm());
        ops.put("prod(1)", () -> a.prod(1, false));
        ops.put("a+bias", () -> a.add(bias));
        ops.put("a*col", () -> a.mul(w.reshape(1024, 1)));
        ops.put("nonzero", () -> mask.nonzero());
        ops.put("maskedSelect", () -> a.maskedSelect(mask));
        ops.put("diff(1)", () -> a.diff(1, 1));
        ops.put("nanToNum", () -> a.nanToNum());
        ops.put("argsort(1)", () -> a.argsort(1, false));
        for (var e : ops.entrySet()) {
            Supplier<Object> f = e.getValue();
            System.out.printf("%-24s %10.1f us%n", e.getKey(), time(f::get, 400_000_000L));
        }
    }

    static void backward() {
        dev.vgrad.Generator g = new dev.vgrad.Generator(1);
        Tensor x = Tensor.randn(g, 512, 1024).requiresGrad_(true);
        Tensor y2 = Tensor.randn(g, 512, 1024);
        Tensor mask = Tensor.randn(g, 512, 1024).gt(0f);
        Tensor w = Tensor.randn(g, 1024).requiresGrad_(true), b = Tensor.randn(g, 1024).requiresGrad_(true);
        Tensor idx = Tensor.randint(g, 0, 1024, 512, 16);
        Tensor tgt = Tensor.randint(g, 0, 1024, 512);
        Tensor tok = Tensor.randint(g, 0, 512, 4096);
        Tensor up = Tensor.randn(g, 512, 1024);
        LinkedHashMap<String, Function<Tensor, Tensor>> ops = new LinkedHashMap<>();
        ops.put("relu", t -> t.relu());
        ops.put("gelu", t -> Functional.gelu(t));
        ops.put("sigmoid", t -> t.sigmoid());
        ops.put("tanh", t -> t.tanh());
        ops.put("softmax1", t -> t.softmax(1));
        ops.put("logSoftmax1", t -> t.logSoftmax(1));
        ops.put("softmax0", t -> t.softmax(0));
        ops.put("layerNorm", t -> Tensor.layerNorm(t, w, b, 1e-5f));
        ops.put("mean1", t -> t.mean(1, true));
        ops.put("sum0", t -> t.sum(0, true));
        ops.put("max1", t -> t.max(1, true));
        ops.put("amax0", t -> t.amax(0, true));
        ops.put("where", t -> Tensor.where(mask, t, y2));
        ops.put("maskedFill", t -> t.maskedFill(mask, 0f));
        ops.put("gather1", t -> t.gather(1, idx));
        ops.put("indexSelect0", t -> t.indexSelect(0, tok));
        ops.put("catSelf1", t -> Tensor.cat(List.of(t, t), 1));
        ops.put("tContig", t -> t.t().contiguous());
        ops.put("mulBias", t -> t.mul(w));
        ops.put("div", t -> t.div(y2));
        ops.put("pow2", t -> t.pow(2f));
        ops.put("exp", t -> t.exp());
        ops.put("clamp", t -> t.clamp(-0.5f, 0.5f));
        ops.put("abs", t -> t.abs());
        ops.put("var1", t -> t.var(1, true, true));
        ops.put("narrow", t -> t.narrow(1, 100, 500));
        ops.put("crossEntropy", t -> Functional.crossEntropy(t, tgt));
        ops.put("mse", t -> Functional.mseLoss(t, y2));
        ops.put("cumsum1", t -> t.cumsum(1));
        ops.put("logsumexp1", t -> t.logsumexp(1, true));
        for (var e : ops.entrySet()) {
            Function<Tensor, Tensor> f = e.getValue();
            double us = time(() -> {
                Tensor out = f.apply(x);
                if (out.numel() == 1) {
                    out.backward();
                } else {
                    out.backward(Tensor.ones(out.shape()));
                }
                x.grad().zero_();
            }, 1_000_000_000L);
            System.out.printf("%-24s %10.1f us%n", e.getKey(), us);
        }
    }
}

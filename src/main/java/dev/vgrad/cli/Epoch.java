package dev.vgrad.cli;

import dev.vgrad.Tensor;
import dev.vgrad.data.DataLoader;
import dev.vgrad.memory.Arena;
import dev.vgrad.optim.Optimizer;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;

/** One training pass over a loader, as every trainer runs it: each step inside an arena, with the progress bar. */
final class Epoch {
    /** The mean loss per target (each batch weighted by its target count), how many targets, and the seconds taken. */
    record Result(double meanLoss, long seen, double seconds) {
        double perSecond() {
            return seen / seconds;
        }
    }

    private Epoch() {}

    /**
     * Steps {@code opt} on {@code lossOf(batch)} for every batch. Every intermediate of a step, the DataLoader's batch
     * included, comes from the arena and goes back to it at the step's end: after the first step, training allocates
     * no float buffers. {@code unit} names what the bar counts per second ("ex", "chars").
     */
    static Result train(Train options, int epoch, DataLoader loader, Function<Tensor[], Tensor> lossOf, Optimizer opt,
                        String unit) {
        long start = System.nanoTime();
        double lossSum = 0;
        long seen = 0;
        try (Arena arena = Arena.open(); ProgressBar bar = options.progressBar("epoch " + epoch, loader.size())) {
            for (Tensor[] batch : loader) {
                Tensor loss = lossOf.apply(batch);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                long n = batch[1].numel();
                lossSum += loss.item() * n;
                seen += n;
                arena.reset();
                if (bar != null) {
                    bar.step();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    bar.setExtraMessage(String.format(" loss %.4f  %,.0f %s/s", lossSum / seen, seen / seconds, unit));
                }
            }
        }
        return new Result(lossSum / seen, seen, (System.nanoTime() - start) / 1e9);
    }
}

package dev.vgrad;

import com.sun.management.ThreadMXBean;
import dev.vgrad.cli.CharTransformer;
import dev.vgrad.cli.Train;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Linear;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.Sequential;
import dev.vgrad.nn.Tanh;
import dev.vgrad.nn.TransformerEncoderLayer;
import dev.vgrad.optim.Adam;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Training steps of a small MLP, the trainer's CNN, a tanh network, an encoder layer and a small character
 * transformer (all of them, or those named after the rounds), in rounds of {@link #ROUND} steps (the rounds asked
 * for, then on while the JIT is still compiling); prints each model's bytes allocated a step, round by round. Run
 * by {@link UnprofiledStepsTest} in JVMs where C2 has no type profiles or inlines none of vgrad's methods: there a
 * kernel that relies on either boxes its vectors and the step allocates tens of kilobytes to megabytes.
 */
final class UnprofiledStepsProgram {
    static final int ROUND = 50;
    /** Rounds in a row without JIT compilation before the measuring may stop. */
    private static final int QUIET = 5;
    /** The most rounds, as a multiple of those asked for, spent waiting for the JIT to go quiet. */
    private static final int MOST_ROUNDS_ASKED = 4;

    private UnprofiledStepsProgram() {}

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        java.util.Set<String> only = java.util.Set.of(java.util.Arrays.copyOfRange(args, 1, args.length));
        Generator g = new Generator(3);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Module mlp = Train.model("mlp", g);
        Tensor images = Tensor.randn(g, 16, 784), digits = Tensor.randint(g, 0, 10, 16);
        measure("mlp", only, rounds, step(mlp, () -> ce.forward(mlp.forward(images), digits)));
        Module cnn = Train.model("cnn", g);
        Tensor few = Tensor.randn(g, 4, 784), fewDigits = Tensor.randint(g, 0, 10, 4);
        measure("cnn", only, rounds, step(cnn, () -> ce.forward(cnn.forward(few), fewDigits)));
        // tanh's kernel: once its double-precision half was a method of its own, which C2 could leave out of line
        Module tanhNet = new Sequential(new Linear(784, 64, g), new Tanh(), new Linear(64, 10, g));
        measure("tanh", only, rounds, step(tanhNet, () -> ce.forward(tanhNet.forward(images), digits)));
        // nn's encoder layer: layer norm's dot products, inlined into it past C2's node-count cutoff, once called
        // their lane sum out of line and boxed every row
        TransformerEncoderLayer encoder = new TransformerEncoderLayer(32, 4, 64, 0f, g);
        Tensor tokens = Tensor.randn(g, 8, 4, 32);
        measure("encoder", only, rounds, step(encoder, () -> encoder.forward(tokens).pow(2).mean()));
        CharTransformer transformer = new CharTransformer(20, 16, 32, 2, 1, g);
        Tensor ids = Tensor.randint(g, 0, 20, 4, 16), next = Tensor.randint(g, 0, 20, 64);
        measure("transformer", only, rounds, step(transformer,
                () -> ce.forward(transformer.forward(ids).reshape(-1, 20), next)));
    }

    /** One training step of model's parameters on the loss: backward, an Adam step. */
    private static Runnable step(Module model, Supplier<Tensor> loss) {
        Adam opt = new Adam(model.parameters(), 1e-3f);
        return () -> {
            Tensor l = loss.get();
            opt.zeroGrad();
            l.backward();
            opt.step();
            l.item();
        };
    }

    private static void measure(String name, java.util.Set<String> only, int rounds, Runnable step) {
        if (!only.isEmpty() && !only.contains(name)) {
            return;
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringBuilder line = new StringBuilder(name);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        try (Arena arena = Arena.open()) {
            // Past the rounds asked for, on until QUIET rounds in a row found the JIT idle: on two busy cores C2's
            // queue once held the transformer step's last kernels (running their allocating fallbacks, 28-30 KB a
            // step) until round 55-70 of every run, so the last rounds measured warm-up, not what C2 made of them.
            int quiet = 0;
            for (int r = 0; r < rounds || (quiet < QUIET && r < rounds * MOST_ROUNDS_ASKED); r++) {
                long compiling = jit.getTotalCompilationTime();
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < ROUND; i++) {
                    step.run();
                    arena.reset();
                }
                line.append(' ').append((threads.getCurrentThreadAllocatedBytes() - before) / ROUND);
                quiet = jit.getTotalCompilationTime() == compiling ? quiet + 1 : 0;
            }
        }
        System.out.println(line);
    }
}

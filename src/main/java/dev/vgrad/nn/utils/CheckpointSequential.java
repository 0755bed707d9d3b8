package dev.vgrad.nn.utils;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.Checkpoint;
import dev.vgrad.nn.Module;
import java.util.List;

/**
 * {@code torch.utils.checkpoint.checkpoint_sequential}: modules run in turn, split into segments whose activations
 * are recomputed in backward ({@link Checkpoint}); the last segment runs as usual, as PyTorch runs it.
 */
public final class CheckpointSequential {
    private CheckpointSequential() {}

    /**
     * Runs {@code modules} on {@code input} in {@code segments} segments of {@code modules.size() / segments} modules
     * (the last takes the rest), each but the last checkpointed; generators the modules draw from other than the
     * default one are named in {@code generators}. Each module runs through its hooked {@link Module#call}.
     */
    public static Tensor checkpointSequential(List<? extends Module> modules, int segments, Tensor input,
                                              List<Generator> generators) {
        if (segments < 1 || segments > modules.size()) {
            throw new IllegalArgumentException("checkpoint_sequential: segments must be between 1 and the number of "
                    + "modules (" + modules.size() + "), got " + segments);
        }
        int size = modules.size() / segments;
        int next = 0;
        for (int s = 0; s < segments - 1; s++, next += size) {
            List<? extends Module> segment = modules.subList(next, next + size);
            input = Checkpoint.checkpoint(in -> run(segment, in[0]), generators, input);
        }
        return run(modules.subList(next, modules.size()), input);
    }

    /** {@link #checkpointSequential(List, int, Tensor, List)} for modules that draw only from the default generator. */
    public static Tensor checkpointSequential(List<? extends Module> modules, int segments, Tensor input) {
        return checkpointSequential(modules, segments, input, List.of());
    }

    private static Tensor run(List<? extends Module> segment, Tensor x) {
        for (Module m : segment) {
            x = m.call(x);
        }
        return x;
    }
}

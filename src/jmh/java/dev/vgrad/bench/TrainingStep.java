package dev.vgrad.bench;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Adam;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the training-step benchmarks share: a model trained by Adam on one fixed batch with cross entropy, the arena
 * the step runs in, and the step itself (forward, loss, backward, optimizer step).
 */
abstract class TrainingStep {
    Sequential model;
    Adam opt;
    final CrossEntropyLoss criterion = new CrossEntropyLoss();
    Tensor x, y;
    Arena arena;
    /** Restores run in {@link #start}, so that the copy kernel is compiled before any iteration is measured. */
    private static final int RESTORE_WARM_UP = 2000;
    /** The model's state as {@link #start} found it (copies), restored before every iteration. */
    private Map<String, Tensor> initial;

    /** Takes the model and batch, then opens the arena last, on the benchmark thread: they live on the heap. */
    void start(Sequential model, Tensor x, Tensor y) {
        this.model = model;
        this.opt = new Adam(model.parameters(), 1e-3f);
        this.x = x;
        this.y = y;
        initial = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> initial.put(name, t.detach().clone()));
        // The restore below runs once an iteration: too rarely for C2 to compile the copy kernel on its own, and the
        // Vector API's interpreted fallbacks allocate per vector (658 KB a restore on an Intel Xeon, which JMH's
        // gc.alloc.rate.norm spread over the iteration's steps once no step ran that kernel). Warmed here, it is
        // compiled before the first measured iteration.
        for (int i = 0; i < RESTORE_WARM_UP; i++) {
            restart();
        }
        arena = Arena.open();
    }

    /**
     * Every measured iteration starts from the initial weights (copied back in place; Adam keeps its state, so
     * nothing is allocated), so the step measured is a step of early training, as PyTorch's twin
     * (scripts/torch_bench.py, ~3 000 steps) measures it. Trained for long on its one fixed batch, the loss reaches 0,
     * the gradients vanish and Adam's moment estimates decay through the subnormal floats, each operation on which
     * takes a microcode assist on Intel cores: on an Intel Xeon (2026-12-03) the MLP step at batch 64 drifted from 400
     * to 1 300 us over 20 s of JMH iterations without this.
     */
    @Setup(Level.Iteration)
    public void restart() {
        try (var off = GradMode.noGrad(); var heap = Arena.outside()) {
            model.stateDict().forEach((name, t) -> t.copy_(initial.get(name)));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    float step() {
        Tensor loss = criterion.forward(model.forward(x), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
        return loss.item();
    }

    /** One step whose intermediates go back to the arena. */
    float stepInArena() {
        float loss = step();
        arena.reset();
        return loss;
    }
}

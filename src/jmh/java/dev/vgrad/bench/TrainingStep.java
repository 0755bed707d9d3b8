package dev.vgrad.bench;

import dev.vgrad.Tensor;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Adam;
import org.openjdk.jmh.annotations.Level;
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

    /** Takes the model and batch, then opens the arena last, on the benchmark thread: they live on the heap. */
    void start(Sequential model, Tensor x, Tensor y) {
        this.model = model;
        this.opt = new Adam(model.parameters(), 1e-3f);
        this.x = x;
        this.y = y;
        arena = Arena.open();
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

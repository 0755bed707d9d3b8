package dev.vgrad.cli;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.data.DataLoader;
import dev.vgrad.data.TensorDataset;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Optimizer;

/**
 * Training steps of a throwaway model of the trainer's shape, on random images, run on a thread of their own while
 * the data loads. Loading Fashion-MNIST keeps one core busy for half a second or more (decompressing); meanwhile the
 * step's code runs here, so the JIT profiles and compiles it before the first real step instead of during epoch 1.
 * Nothing of the run is shared: its own model, optimizer, generator and arena, so the trained model's bits are the
 * same with or without it. {@link #close} stops it after the step in progress.
 */
final class WarmUp implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stop;
    private volatile int steps;

    private WarmUp(Train options, String modelName, int batchSize) {
        thread = new Thread(() -> run(options, modelName, batchSize), "vgrad-warm-up");
        thread.setDaemon(true);
    }

    /** Starts warming up the step of {@code modelName} at {@code batchSize}. */
    static WarmUp start(Train options, String modelName, int batchSize) {
        WarmUp w = new WarmUp(options, modelName, batchSize);
        w.thread.start();
        return w;
    }

    private void run(Train options, String modelName, int batchSize) {
        Generator g = new Generator(0);
        Sequential model = Train.model(modelName, g);
        Optimizer opt = options.optimizer(model.parameters());
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        TensorDataset train = new TensorDataset(Tensor.rand(g, 4 * batchSize, 784),
                Tensor.randint(g, 0, 10, 4 * batchSize));
        TensorDataset test = new TensorDataset(Tensor.rand(g, 1000, 784), Tensor.randint(g, 0, 10, 1000));
        while (!stop) {
            model.train();
            try (Arena arena = Arena.open()) {
                for (Tensor[] batch : new DataLoader(train, batchSize).shuffle(true, g)) {
                    Tensor loss = criterion.forward(model.forward(batch[0]), batch[1]);
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                    loss.item();
                    arena.reset();
                    steps++;  // only this thread writes it
                    if (stop) {
                        return;
                    }
                }
            }
            Train.accuracy(model, test);  // the evaluation pass too: its first run made C2 recompile the forward
        }
    }

    /** Training steps taken so far. */
    int steps() {
        return steps;
    }

    /** Whether its thread is still running (false once closed). */
    boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
    }
}

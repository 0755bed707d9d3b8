package dev.vgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.kernels.Parallel;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trainer's warm-up: it takes steps of its own while running, changes no bit of a training run beside it (which
 * then often finds the kernels' thread pool busy and runs them on its own thread), and stops when closed.
 */
class WarmUpTest {
    @Test
    void trainingBesideAWarmUpGivesTheSameBitsAndTheWarmUpStopsWhenClosed() throws Exception {
        int before = Parallel.threads();
        Parallel.setThreads(2);
        try {
            Train options = new Train();
            new picocli.CommandLine(options).parseArgs();  // the defaults: adam, batch 64
            List<float[]> alone = train(options);
            WarmUp warmUp = WarmUp.start(options, "mlp", 64);
            List<float[]> beside;
            try {
                while (warmUp.steps() < 3) {
                    Thread.sleep(10);
                }
                beside = train(options);
            } finally {
                warmUp.close();
            }
            assertFalse(warmUp.running(), "closed means stopped");
            for (int i = 0; i < alone.size(); i++) {
                assertArrayEquals(alone.get(i), beside.get(i), "parameter " + i);
            }
            int taken = warmUp.steps();
            Thread.sleep(50);
            assertTrue(taken >= 3 && warmUp.steps() == taken, "no step after close: " + taken + ", " + warmUp.steps());
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Twenty steps of the trainer's MLP from a fixed seed on a fixed batch; the parameters after them. */
    private static List<float[]> train(Train options) {
        Generator g = new Generator(3);
        Sequential model = Train.model("mlp", g);
        Optimizer opt = options.optimizer(model.parameters());
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Tensor x = Tensor.randn(g, 512, 784), y = Tensor.randint(g, 0, 10, 512);
        try (Arena arena = Arena.open()) {
            for (int step = 0; step < 20; step++) {
                Tensor loss = criterion.forward(model.forward(x), y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
                arena.reset();
            }
        }
        return model.parameters().stream().map(Tensor::toArray).toList();
    }
}

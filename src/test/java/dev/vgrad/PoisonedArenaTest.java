package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.cli.CharTransformer;
import dev.vgrad.cli.Train;
import dev.vgrad.memory.Arena;
import dev.vgrad.nn.AdaptiveAvgPool2d;
import dev.vgrad.nn.AvgPool2d;
import dev.vgrad.nn.BatchNorm2d;
import dev.vgrad.nn.Conv1d;
import dev.vgrad.nn.Conv2d;
import dev.vgrad.nn.Functional;
import dev.vgrad.nn.LayerNorm;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.MultiheadAttention;
import dev.vgrad.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Training steps in an arena that fills every buffer it takes back with NaN ({@link Arena#openPoisoned}): a kernel
 * that reads floats of a buffer it has not written in this step (an ordinary arena's buffers hold an earlier step's,
 * a fresh one's zeros) turns the step's numbers into NaN. Three steps of Adam each for the trainers' MLP, CNN and
 * character transformer and for a mix of the other modules and losses: losses, parameters and running statistics are
 * the bits of the same steps on the heap. The switches: openPoisoned, the system property, and reopen.
 */
class PoisonedArenaTest {
    /** The system property that makes every {@link Arena#open()} poison. */
    private static final String POISON = "vgrad.arena.poison";

    /** A model's modules (made before any arena) and its loss for one step, drawn from the step's generator. */
    private record Program(List<Module> modules, Function<Generator, Tensor> loss) {}

    private static Program mlp(Generator g) {
        Module model = Train.model("mlp", g);
        return new Program(List.of(model), step -> Functional.crossEntropy(model.forward(Tensor.randn(step, 8, 784)),
                Tensor.randint(step, 0, 10, 8)));
    }

    private static Program cnn(Generator g) {
        Module model = Train.model("cnn", g);
        return new Program(List.of(model), step -> Functional.crossEntropy(model.forward(Tensor.randn(step, 4, 784)),
                Tensor.randint(step, 0, 10, 4)));
    }

    /** Whole windows of 16 characters and short ones of 11 (bands cut short), as the text trainer's last batch. */
    private static Program charTransformer(Generator g) {
        CharTransformer model = new CharTransformer(30, 16, 32, 4, 2, g);
        return new Program(List.of(model), step -> {
            Tensor whole = Functional.crossEntropy(model.forward(Tensor.randint(step, 0, 30, 3, 16)).reshape(-1, 30),
                    Tensor.randint(step, 0, 30, 48));
            Tensor shorter = Functional.crossEntropy(model.forward(Tensor.randint(step, 0, 30, 2, 11)).reshape(-1, 30),
                    Tensor.randint(step, 0, 30, 22));
            return whole.add(shorter);
        });
    }

    /**
     * Grouped, strided and dilated convolutions, batch norm in training, pools, gelu, silu, layer norm, attention with
     * a causal mask and with fewer queries than keys, and three losses (label smoothing and an ignored index).
     */
    private static Program mix(Generator g) {
        Conv1d conv1 = new Conv1d(4, 6, 3, 2, 1, 2, 2, true, g);
        Conv2d conv2 = new Conv2d(4, 6, 3, 2, 1, 2, 2, true, g);
        BatchNorm2d norm = new BatchNorm2d(6);
        AvgPool2d avg = new AvgPool2d(2, 1, 1, true, false);
        AdaptiveAvgPool2d adaptive = new AdaptiveAvgPool2d(3, 2);
        LayerNorm layerNorm = new LayerNorm(36);
        MultiheadAttention attention = new MultiheadAttention(8, 2, g);
        Tensor q = Tensor.randn(g, 2, 5, 4).requiresGrad_(), k = Tensor.randn(g, 2, 9, 4).requiresGrad_();
        Tensor v = Tensor.randn(g, 2, 9, 3).requiresGrad_();
        Module extras = new Module() {
            {
                registerParameter("q", q);
                registerParameter("k", k);
                registerParameter("v", v);
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        };
        Tensor causal = Tensor.zeros(7, 7).maskedFill(Tensor.ones(7, 7).triu(1), Float.NEGATIVE_INFINITY);
        return new Program(List.of(conv1, conv2, norm, layerNorm, attention, extras), step -> {
            Tensor sequence = Functional.silu(conv1.forward(Tensor.randn(step, 3, 4, 17)));
            Tensor maps = adaptive.forward(avg.forward(Functional.gelu(norm.forward(conv2.forward(
                    Tensor.randn(step, 2, 4, 9, 11))), "tanh")));
            Tensor rows = layerNorm.forward(maps.flatten(1));
            Tensor smooth = Functional.smoothL1Loss(rows, Tensor.randn(step, 2, 36));
            Tensor logits = sequence.flatten(1);
            Tensor labels = Tensor.randint(step, 0, logits.size(1), 3);
            labels = labels.maskedFill(Tensor.arange(3).eq(1f), -100f);
            Tensor classes = Functional.crossEntropy(logits, labels, "mean", -100, 0.1f);
            Tensor kl = Functional.klDiv(logits.logSoftmax(1), Tensor.randn(step, logits.shape()).softmax(1),
                    "batchmean");
            Tensor x = Tensor.randn(step, 7, 3, 8);
            Tensor attended = attention.forward(x, x, x, causal).pow(2).mean();
            Tensor shortQueries = Functional.scaledDotProductAttention(q, k, v, null, true).pow(2).sum();
            return smooth.add(classes).add(kl).add(attended).add(shortQueries);
        });
    }

    /** Losses of three steps, then every parameter and buffer. */
    private static List<float[]> train(Function<Generator, Program> build, boolean poisoned) {
        Program program = build.apply(new Generator(41));
        List<Tensor> parameters = new ArrayList<>();
        for (Module m : program.modules()) {
            parameters.addAll(m.parameters());
        }
        Adam adam = new Adam(parameters, 1e-2f);
        Generator data = new Generator(42);
        List<float[]> out = new ArrayList<>();
        Arena arena = poisoned ? Arena.openPoisoned() : null;
        try {
            for (int step = 0; step < 3; step++) {
                Tensor loss = program.loss().apply(data);
                adam.zeroGrad();
                loss.backward();
                adam.step();
                out.add(new float[] {loss.item()});
                if (arena != null) {
                    arena.reset();
                }
            }
        } finally {
            if (arena != null) {
                arena.close();
            }
        }
        for (Module m : program.modules()) {
            for (Tensor t : m.stateDict().values()) {
                out.add(t.toArray());
            }
        }
        return out;
    }

    private static void assertSameAsOnTheHeap(Function<Generator, Program> build) {
        List<float[]> heap = train(build, false), poisoned = train(build, true);
        assertEquals(heap.size(), poisoned.size());
        for (int i = 0; i < heap.size(); i++) {
            for (float f : heap.get(i)) {
                assertTrue(Float.isFinite(f), "the heap's result " + i + " is finite");
            }
            assertArrayEquals(heap.get(i), poisoned.get(i), 0f, i < 3 ? "loss of step " + i : "state " + (i - 3));
        }
    }

    @Test
    void mlpSteps() {
        assertSameAsOnTheHeap(PoisonedArenaTest::mlp);
    }

    @Test
    void cnnSteps() {
        assertSameAsOnTheHeap(PoisonedArenaTest::cnn);
    }

    @Test
    void characterTransformerSteps() {
        assertSameAsOnTheHeap(PoisonedArenaTest::charTransformer);
    }

    @Test
    void otherModulesAndLosses() {
        assertSameAsOnTheHeap(PoisonedArenaTest::mix);
    }

    /**
     * The poison itself: a buffer taken back reads NaN when lent again, where an ordinary arena's keeps its floats;
     * the system property vgrad.arena.poison makes open() poison. The property is set for each case and restored
     * afterwards, so the suite can also run with it on from the start.
     */
    @Test
    void buffersTakenBackReadNaN() {
        String started = System.getProperty(POISON);
        try {
            for (int kind = 0; kind < 3; kind++) {
                boolean poisoned = kind > 0;
                System.setProperty(POISON, Boolean.toString(kind == 2));
                try (Arena arena = kind == 1 ? Arena.openPoisoned() : Arena.open()) {
                    Tensor.full(3f, 5);
                    arena.reset();
                    float[] again = Tensor.empty(new int[] {5}).toArray();
                    for (float f : again) {
                        assertEquals(poisoned ? Float.NaN : 3f, f, 0f);
                    }
                }
            }
        } finally {
            restore(started);
        }
    }

    /** An arena reopened from a poisoned one (a Spark task's next step) poisons too; one from an ordinary one does not. */
    @Test
    void aReopenedArenaPoisonsAsItsPredecessorDid() {
        String started = System.getProperty(POISON);
        System.setProperty(POISON, "false");
        try {
            for (boolean poisoned : new boolean[] {false, true}) {
                Arena first = poisoned ? Arena.openPoisoned() : Arena.open();
                Tensor.full(3f, 5);
                first.close();
                try (Arena next = Arena.reopen(first)) {
                    Tensor.full(4f, 5);
                    next.reset();
                    assertEquals(poisoned ? Float.NaN : 4f, Tensor.empty(new int[] {5}).toArray()[0], 0f);
                }
            }
        } finally {
            restore(started);
        }
    }

    /** The property as the JVM had it before a test changed it. */
    private static void restore(String started) {
        if (started == null) {
            System.clearProperty(POISON);
        } else {
            System.setProperty(POISON, started);
        }
    }
}

package dev.vgrad.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.cli.Train;
import dev.vgrad.data.DataLoader;
import dev.vgrad.data.FashionMnistSubset;
import dev.vgrad.data.TensorDataset;
import dev.vgrad.io.Safetensors;
import dev.vgrad.nn.CrossEntropyLoss;
import dev.vgrad.nn.Sequential;
import dev.vgrad.optim.Adam;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./vgrad train --spark}: its arguments, and one epoch against the same epoch run in one process. */
class SparkTrainTest {
    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> SparkTrain.parse(new String[] {"--epochs", "2"}));
        assertTrue(e.getMessage().contains("--spark MASTER is required"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkTrain.parse(new String[] {"--spark", "local[2]", "--epochs", "0"}));
        assertTrue(e.getMessage().contains("--epochs must be a positive whole number, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkTrain.parse(new String[] {"--spark=local[2]", "--lr", "nan"}));
        assertTrue(e.getMessage().contains("--lr must be a finite number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkTrain.parse(new String[] {"--spark", "local[2]", "--model", "rnn"}));
        assertTrue(e.getMessage().contains("--model must be mlp or cnn, got rnn"), e.getMessage());
    }

    @Test
    void oneEpochOnTwoWorkersPrintsWhatOneProcessComputes(@TempDir Path out) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SparkTrain.run(SparkTrain.parse(new String[] {"--spark", "local[2]", "--embedded", "--epochs", "1",
                    "--out", out.toString()}));
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);

        String want = singleProcessEpochLine();
        assertTrue(printed.contains(want), "expected a line starting '" + want + "' in:\n" + printed);

        Path checkpoint = out.resolve("model.safetensors");
        assertTrue(Files.isRegularFile(checkpoint), printed);
        Map<String, Tensor> saved = Safetensors.load(checkpoint);
        assertEquals(Train.model("mlp", new Generator(42)).stateDict().keySet(), saved.keySet());
    }

    /**
     * What {@code ./vgrad train} prints for epoch 1 on the embedded subset (seed 42, Adam 1e-3, batches of 64),
     * computed here in this process (weights and order each from a Generator(42)): the line a data-parallel run
     * must print too.
     */
    static String singleProcessEpochLine() throws java.io.IOException {
        TensorDataset train = FashionMnistSubset.load(true), test = FashionMnistSubset.load(false);
        Sequential model = Train.model("mlp", new Generator(42));
        Adam opt = new Adam(model.parameters(), 1e-3f);
        CrossEntropyLoss mean = new CrossEntropyLoss();
        double lossSum = 0;
        long seen = 0;
        for (Tensor[] batch : new DataLoader(train, 64).shuffle(true, new Generator(42))) {
            Tensor loss = mean.forward(model.forward(batch[0]), batch[1]);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            lossSum += loss.item() * batch[1].numel();
            seen += batch[1].numel();
        }
        return String.format("epoch  1  train loss %.4f  test accuracy %.2f%%", lossSum / seen,
                100.0 * Train.accuracy(model, test));
    }
}

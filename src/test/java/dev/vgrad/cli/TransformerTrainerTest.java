package dev.vgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.io.Safetensors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The character transformer: causality, its state dict's names (the twin's), sampling, and the trainer end to end. */
class TransformerTrainerTest {
    @TempDir
    Path out;

    @Test
    void aPositionSeesNoLaterCharacter() {
        CharTransformer model = new CharTransformer(7, 8, 16, 2, 2, new Generator(3));
        Tensor ids = Tensor.of(new float[] {1, 4, 2, 6, 0, 3}, 1, 6);
        Tensor changed = Tensor.of(new float[] {1, 4, 2, 6, 5, 5}, 1, 6);   // positions 4 and 5 differ
        try (var off = GradMode.noGrad()) {
            Tensor a = model.forward(ids), b = model.forward(changed);
            assertArrayEquals(new int[] {1, 6, 7}, a.shape());
            assertArrayEquals(a.narrow(1, 0, 4).toArray(), b.narrow(1, 0, 4).toArray(), 0f);
            assertNotEquals(a.select(1, 5).toArray()[0], b.select(1, 5).toArray()[0]);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> model.forward(Tensor.zeros(1, 9)));
        assertTrue(e.getMessage().contains("0 < T <= 8") && e.getMessage().contains("[1, 9]"), e.getMessage());
    }

    @Test
    void stateDictNamesAreThoseTheTorchTwinLoads() {
        CharTransformer model = new CharTransformer(5, 4, 8, 2, 1, new Generator(1));
        List<String> names = List.copyOf(model.stateDict().keySet());
        assertEquals(List.of("tokens.weight", "positions.weight", "layers.0.self_attn.in_proj_weight",
                "layers.0.self_attn.in_proj_bias", "layers.0.self_attn.out_proj.weight",
                "layers.0.self_attn.out_proj.bias", "layers.0.linear1.weight", "layers.0.linear1.bias",
                "layers.0.linear2.weight", "layers.0.linear2.bias", "layers.0.norm1.weight", "layers.0.norm1.bias",
                "layers.0.norm2.weight", "layers.0.norm2.bias", "head.weight", "head.bias"), names);
    }


    @Test
    void trainsOnAPrefixOfGenesisAndWritesItsFiles() throws Exception {
        Train trainer = new Train();
        trainer.textLimit = 12_000;   // about 150 training windows: 3 steps an epoch at batch 64
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        int status;
        try {
            status = new picocli.CommandLine(trainer).execute("--model", "transformer", "--epochs", "3", "--lr", "3e-3",
                    "--no-progress", "--out", out.toString());
        } finally {
            System.setOut(old);
        }
        String run = buf.toString();
        assertEquals(0, status, run);
        assertTrue(run.contains("epoch  3") && run.contains("validation loss") && run.contains("And God said"), run);
        double first = Double.parseDouble(run.replaceAll("(?s).*epoch  1  train loss ([0-9.]+).*", "$1"));
        double third = Double.parseDouble(run.replaceAll("(?s).*epoch  3  train loss ([0-9.]+).*", "$1"));
        assertTrue(third < first, run);
        Map<String, Tensor> initial = Safetensors.load(out.resolve("transformer-initial.safetensors"));
        Map<String, Tensor> trained = Safetensors.load(out.resolve("transformer.safetensors"));
        assertEquals(28, trained.size());   // 2 embeddings, 2 layers of 12, and the head's weight and bias
        assertEquals(initial.keySet(), trained.keySet());
        assertNotEquals(initial.get("head.weight").toArray()[0], trained.get("head.weight").toArray()[0]);
        assertTrue(out.resolve("transformer-curves.png").toFile().length() > 1000);
    }
}

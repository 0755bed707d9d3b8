package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.TorchFixturesTestAccess;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.memory.Arena;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Modules built from a seed, run forward and backward as PyTorch 1.13 ran them (scripts/torch_ops_fixtures.py,
 * {@code module_programs}): the output, the input's gradient, every parameter's gradient and the buffers afterwards,
 * in train and eval mode, with and without attention and key padding masks, sequence- and batch-first, post- and
 * pre-norm.
 */
class ModuleProgramsTest {
    @TestFactory
    Stream<DynamicTest> modulesRunAsPyTorchsDo() throws IOException {
        List<List<String>> blocks = ModuleStatesTest.blocks("moduleprogram ", "endmoduleprogram");
        assertTrue(blocks.size() >= 50, "expected the module programs, found " + blocks.size());
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.get(0), () -> replay(b)));
    }

    /**
     * The same programs inside an arena that fills the buffers it takes back with NaN ({@link Arena#openPoisoned}):
     * each program runs once, the arena is reset, and the second run's buffers are the first's, NaN throughout. A
     * kernel that reads floats it has not written fails the fixtures' comparison.
     */
    @TestFactory
    Stream<DynamicTest> modulesRunAsPyTorchsDoOnPoisonedBuffers() throws IOException {
        List<List<String>> blocks = ModuleStatesTest.blocks("moduleprogram ", "endmoduleprogram");
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.get(0), () -> {
            try (Arena arena = Arena.openPoisoned()) {
                replay(b);
                arena.reset();
                replay(b);
            }
        }));
    }

    private static void replay(List<String> block) {
        String[] head = block.get(0).split(" ");
        int seedAt = Arrays.asList(head).indexOf("seed");
        Module m = ModuleStatesTest.build(Arrays.copyOfRange(head, 1, seedAt), new Generator(Long.parseLong(head[seedAt + 1])));
        String spec = head[1];
        boolean weights = head[head.length - 1].equals("weights");
        Map<String, Tensor> inputs = new HashMap<>();
        Tensor out = null;
        for (String line : block.subList(1, block.size() - 1)) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "input" -> {
                    Tensor t = Tensor.of(ModuleStatesTest.floats(f, 3), ModuleStatesTest.shape(f[2]));
                    if (f[1].equals("x") && !spec.startsWith("embedding")) {
                        t.requiresGrad_();
                    }
                    inputs.put(f[1], t);
                }
                case "mode" -> m.train(f[1].equals("train"));
                case "run" -> {
                    try (var off = GradMode.noGrad()) {
                        forward(m, inputs, weights);
                    }
                }
                case "output" -> {
                    out = forward(m, inputs, weights);
                    assertArrayEquals(ModuleStatesTest.shape(f[1]), out.shape(), "output shape");
                    TorchFixturesTestAccess.assertClose("output", ModuleStatesTest.floats(f, 2), out.toArray());
                }
                case "backward" -> out.backward(Tensor.of(ModuleStatesTest.floats(f, 2), ModuleStatesTest.shape(f[1])));
                case "inputgrad" -> TorchFixturesTestAccess.assertClose("the input's gradient", ModuleStatesTest.floats(f, 2),
                        inputs.get("x").grad().toArray());
                case "paramgrad" -> {
                    Tensor p = m.namedParameters().get(f[1]);
                    assertNotNull(p, "vgrad has no parameter " + f[1] + " (has " + m.namedParameters().keySet() + ")");
                    assertNotNull(p.grad(), f[1] + " has no gradient");
                    TorchFixturesTestAccess.assertClose("the gradient of " + f[1], ModuleStatesTest.floats(f, 2),
                            p.grad().toArray());
                }
                case "buffer" -> {
                    Tensor b = m.stateDict().get(f[1]);
                    assertNotNull(b, "vgrad has no state entry " + f[1] + " (has " + m.stateDict().keySet() + ")");
                    TorchFixturesTestAccess.assertClose(f[1] + " afterwards", ModuleStatesTest.floats(f, 2), b.toArray());
                }
                default -> throw new IllegalArgumentException("unknown fixture line " + f[0]);
            }
        }
        assertEquals("endmoduleprogram", block.get(block.size() - 1));
    }

    /** The module's output; with {@code weights}, attention's output and its averaged weights, flat, one after other. */
    private static Tensor forward(Module m, Map<String, Tensor> inputs, boolean weights) {
        Tensor x = inputs.get("x"), mask = inputs.get("mask"), key = inputs.get("key"), padding = inputs.get("kpm");
        if (weights) {
            List<Tensor> both = ((MultiheadAttention) m).forwardWithWeights(x, x, x, padding, mask);
            return Tensor.cat(List.of(both.get(0).reshape(-1), both.get(1).reshape(-1)), 0);
        }
        if (m instanceof LSTM lstm) {   // the output, then h_n and c_n, flat
            List<Tensor> r = lstm.forward(x, inputs.get("h0"), inputs.get("c0"));
            return Tensor.cat(List.of(r.get(0).reshape(-1), r.get(1).reshape(-1), r.get(2).reshape(-1)), 0);
        }
        if (m instanceof GRU gru) {   // the output, then h_n, flat
            List<Tensor> r = gru.forward(x, inputs.get("h0"));
            return Tensor.cat(List.of(r.get(0).reshape(-1), r.get(1).reshape(-1)), 0);
        }
        if (m instanceof RNN rnn) {   // the output, then h_n, flat
            List<Tensor> r = rnn.forward(x, inputs.get("h0"));
            return Tensor.cat(List.of(r.get(0).reshape(-1), r.get(1).reshape(-1)), 0);
        }
        if (m instanceof LSTMCell cell) {   // h', then c', flat
            List<Tensor> r = cell.forward(x, inputs.get("h0"), inputs.get("c0"));
            return Tensor.cat(List.of(r.get(0).reshape(-1), r.get(1).reshape(-1)), 0);
        }
        if (m instanceof GRUCell cell) {
            return cell.forward(x, inputs.get("h0"));
        }
        if (m instanceof RNNCell cell) {
            return cell.forward(x, inputs.get("h0"));
        }
        if (m instanceof MultiheadAttention mha) {
            return key != null ? mha.forward(x, key, key, padding, mask) : mha.forward(x, x, x, padding, mask);
        }
        if (m instanceof Transformer transformer) {   // the fixture's memory is the source
            return transformer.forward(inputs.get("memory"), x, null, mask, null, null, padding, null);
        }
        if (m instanceof TransformerDecoderLayer layer) {
            return layer.forward(x, inputs.get("memory"), mask, null, padding, null);
        }
        if (m instanceof TransformerDecoder decoder) {
            return decoder.forward(x, inputs.get("memory"), mask, null, padding, null);
        }
        if (m instanceof TransformerEncoderLayer layer) {
            return layer.forward(x, mask, padding);
        }
        if (m instanceof TransformerEncoder encoder) {
            return encoder.forward(x, mask, padding);
        }
        return m.forward(x);
    }
}

package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.TorchFixturesTestAccess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Modules built from a seed hold PyTorch's initial values for the same seed, with state_dict names, order and
 * shapes as PyTorch's (buffers included); a seeded LeNet gives torch's output (scripts/torch_ops_fixtures.py).
 */
class ModuleStatesTest {
    @TestFactory
    Stream<DynamicTest> modulesStartFromTorchsValues() throws IOException {
        List<List<String>> blocks = blocks("module ", "endmodule");
        assertTrue(blocks.size() >= 20, "expected the module fixtures, found " + blocks.size());
        return blocks.stream().map(b -> DynamicTest.dynamicTest(b.get(0), () -> check(b)));
    }

    /** The blocks of torch_ops.txt from a line starting with {@code first} to the line {@code last}, both kept. */
    static List<List<String>> blocks(String first, String last) throws IOException {
        var in = TorchFixturesTestAccess.open("/fixtures/torch_ops.txt");
        assertNotNull(in, "missing fixture /fixtures/torch_ops.txt");
        List<List<String>> blocks = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> current = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(first)) {
                    current = new ArrayList<>();
                    blocks.add(current);
                }
                if (current != null) {
                    current.add(line);
                    if (line.equals(last)) {
                        current = null;
                    }
                }
            }
        }
        return blocks;
    }

    private static void check(List<String> block) {
        String[] head = block.get(0).split(" ");
        Generator g = new Generator(Long.parseLong(head[head.length - 1]));
        Module m = build(Arrays.copyOfRange(head, 1, head.length - 2), g);
        Map<String, Tensor> state = m.stateDict();
        List<String> names = new ArrayList<>();
        Tensor input = null;
        for (String line : block.subList(1, block.size())) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "state" -> {
                    names.add(f[1]);
                    Tensor t = state.get(f[1]);
                    assertNotNull(t, "vgrad has no state entry " + f[1] + " (has " + state.keySet() + ")");
                    assertArrayEquals(shape(f[2]), t.shape(), f[1]);
                    float[] want = floats(f, 3), got = t.toArray();
                    // Embedding's normal_ included: Box-Muller with avx_mathfun's log and sincos, as torch's AVX2 kernel.
                    assertArrayEquals(want, got, 0f, f[1] + ": the initial values, bit for bit");
                }
                case "forward" -> input = Tensor.of(floats(f, 2), shape(f[1]));
                case "output" -> {
                    Tensor y = m.forward(input);
                    assertArrayEquals(shape(f[1]), y.shape());
                    float[] want = floats(f, 2), got = y.toArray();
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 1e-4f * (1 + Math.abs(want[i])), "output " + i);
                    }
                }
                default -> { }
            }
        }
        assertEquals(names, new ArrayList<>(state.keySet()), "state_dict names and order");
    }

    /** The module a fixture's spec names ({@code conv2d in out kernel stride padding}, ...), drawn from g. */
    static Module build(String[] spec, Generator g) {
        switch (spec[0]) {   // the specs with words and floats among their arguments
            case "encoderx" -> {   // d_model nhead dim_feedforward activation layer_norm_eps batch_first norm_first
                return new TransformerEncoderLayer(Integer.parseInt(spec[1]), Integer.parseInt(spec[2]),
                        Integer.parseInt(spec[3]), 0f, spec[4], Float.parseFloat(spec[5]), spec[6].equals("1"),
                        spec[7].equals("1"), g);
            }
            case "decoderx" -> {   // d_model nhead dim_feedforward activation layer_norm_eps batch_first norm_first
                return new TransformerDecoderLayer(Integer.parseInt(spec[1]), Integer.parseInt(spec[2]),
                        Integer.parseInt(spec[3]), 0f, spec[4], Float.parseFloat(spec[5]), spec[6].equals("1"),
                        spec[7].equals("1"), g);
            }
            case "batchnorm1dx", "batchnorm2dx" -> {   // num_features eps momentum affine track_running_stats
                int features = Integer.parseInt(spec[1]);
                float eps = Float.parseFloat(spec[2]), momentum = Float.parseFloat(spec[3]);
                boolean affine = spec[4].equals("1"), track = spec[5].equals("1");
                return spec[0].equals("batchnorm1dx") ? new BatchNorm1d(features, eps, momentum, affine, track)
                        : new BatchNorm2d(features, eps, momentum, affine, track);
            }
            case "transformerx" -> {   // d_model nhead encoder_layers decoder_layers dim_feedforward activation eps
                return new Transformer(Integer.parseInt(spec[1]), Integer.parseInt(spec[2]), Integer.parseInt(spec[3]),
                        Integer.parseInt(spec[4]), Integer.parseInt(spec[5]), 0f, spec[6], Float.parseFloat(spec[7]),
                        spec[8].equals("1"), spec[9].equals("1"), g);   // ... batch_first norm_first
            }
            case "embeddingbag" -> {   // num dim mode padding_idx (-1: none)
                int pad = Integer.parseInt(spec[4]);
                return new EmbeddingBag(Integer.parseInt(spec[1]), Integer.parseInt(spec[2]), spec[3], false,
                        pad == -1 ? null : pad, g);
            }
            case "constantpad3d" -> {   // six pads, then the value
                int[] pads = Arrays.stream(spec, 1, 7).mapToInt(Integer::parseInt).toArray();
                return new ConstantPad3d(pads, Float.parseFloat(spec[7]));
            }
            case "localresponsenorm" -> {   // size alpha beta k
                return new LocalResponseNorm(Integer.parseInt(spec[1]), Float.parseFloat(spec[2]),
                        Float.parseFloat(spec[3]), Float.parseFloat(spec[4]));
            }
            case "layernormx" -> {   // normalized_shape... eps elementwise_affine
                int[] dims = Arrays.stream(spec, 1, spec.length - 2).mapToInt(Integer::parseInt).toArray();
                return new LayerNorm(dims, Float.parseFloat(spec[spec.length - 2]), spec[spec.length - 1].equals("1"));
            }
            default -> { }
        }
        int[] a = Arrays.stream(spec).skip(1).mapToInt(Integer::parseInt).toArray();
        return switch (spec[0]) {
            case "conv2d" -> new Conv2d(a[0], a[1], a[2], a[3], a[4], g);
            case "conv1d" -> new Conv1d(a[0], a[1], a[2], a[3], a[4], g);
            case "decoder" -> new TransformerDecoderLayer(a[0], a[1], a[2], 0f, g);
            // d_model nhead dim_feedforward num_layers final_norm
            case "tdecoder" -> new TransformerDecoder(new TransformerDecoderLayer(a[0], a[1], a[2], 0f, g), a[3],
                    a[4] == 1 ? new LayerNorm(a[0]) : null);
            // input_size hidden_size num_layers bias batch_first bidirectional
            case "lstm" -> new LSTM(a[0], a[1], a[2], a[3] == 1, a[4] == 1, 0f, a[5] == 1, g);
            case "gru" -> new GRU(a[0], a[1], a[2], a[3] == 1, a[4] == 1, 0f, a[5] == 1, g);
            // ... and relu (1) or tanh (0)
            case "rnn" -> new RNN(a[0], a[1], a[2], a[6] == 1 ? "relu" : "tanh", a[3] == 1, a[4] == 1, 0f, a[5] == 1, g);
            // input_size hidden_size bias (relu)
            case "rnncell" -> new RNNCell(a[0], a[1], a[2] == 1, a[3] == 1 ? "relu" : "tanh", g);
            case "lstmcell" -> new LSTMCell(a[0], a[1], a[2] == 1, g);
            case "grucell" -> new GRUCell(a[0], a[1], a[2] == 1, g);
            // d_model nhead encoder_layers decoder_layers dim_feedforward
            case "transformer" -> new Transformer(a[0], a[1], a[2], a[3], a[4], 0f, "relu", 1e-5f, false, false, g);
            // in out kernel stride padding (dilation groups bias)
            case "conv3d" -> new Conv3d(a[0], a[1], a[2], a[3], a[4], g);
            case "conv3dx" -> new Conv3d(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] == 1, g);
            // kernel stride padding
            case "maxpool3d" -> new MaxPool3d(a[0], a[1], a[2]);
            case "avgpool3d" -> new AvgPool3d(a[0], a[1], a[2]);
            case "batchnorm3d" -> new BatchNorm3d(a[0]);
            case "adaptiveavgpool3d" -> new AdaptiveAvgPool3d(a[0], a[1], a[2]);
            case "adaptivemaxpool3d" -> new AdaptiveMaxPool3d(a[0], a[1], a[2]);
            case "instancenorm3d" -> new InstanceNorm3d(a[0]);
            case "reflectionpad3d" -> new ReflectionPad3d(a);
            case "replicationpad3d" -> new ReplicationPad3d(a);
            case "softmax2d" -> new Softmax2d();
            case "channelshuffle" -> new ChannelShuffle(a[0]);
            // norm_type kernel_size stride
            case "lppool2d" -> new LPPool2d(a[0], a[1], a[2]);
            case "lppool1d" -> new LPPool1d(a[0], a[1], a[2]);
            case "upsamplingnearest2d" -> new UpsamplingNearest2d(a[0]);
            case "upsamplingbilinear2d" -> new UpsamplingBilinear2d(a[0]);
            // in1 in2 out bias
            case "bilinear" -> new Bilinear(a[0], a[1], a[2], a[3] == 1, g);
            // in out kernel stride padding output_padding groups bias dilation
            case "convtranspose2d" -> new ConvTranspose2d(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] == 1, a[8], g);
            case "convtranspose3d" -> new ConvTranspose3d(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] == 1, a[8], g);
            case "convtranspose1d" -> new ConvTranspose1d(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] == 1, a[8], g);
            case "embedding" -> new Embedding(a[0], a[1], g);
            case "batchnorm1d" -> new BatchNorm1d(a[0]);
            case "batchnorm2d" -> new BatchNorm2d(a[0]);
            case "layernorm" -> new LayerNorm(a);
            case "maxpool2d" -> new MaxPool2d(a[0], a[1], a[2]);
            case "avgpool2d" -> new AvgPool2d(a[0], a[1], a[2]);
            case "adaptiveavgpool2d" -> new AdaptiveAvgPool2d(a);
            case "gelu" -> new GELU();
            case "elu" -> new ELU();
            case "groupnorm" -> new GroupNorm(a[0], a[1]);
            case "selu" -> new SELU();
            case "hardtanh" -> new Hardtanh();
            case "relu6" -> new ReLU6();
            case "hardsigmoid" -> new Hardsigmoid();
            case "hardswish" -> new Hardswish();
            case "logsigmoid" -> new LogSigmoid();
            case "mish" -> new Mish();
            case "silu" -> new SiLU();
            case "leakyrelu" -> new LeakyReLU();
            case "softplus" -> new Softplus();
            case "logsoftmax" -> new LogSoftmax(a[0]);
            case "softmax" -> new Softmax(a[0]);
            case "identity" -> new Identity();
            case "flatten" -> new Flatten(a[0], a[1]);
            case "mha" -> new MultiheadAttention(a[0], a[1], g);
            case "mhabf" -> new MultiheadAttention(a[0], a[1], true, g);
            case "conv2dx" -> new Conv2d(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] == 1, g);
            case "conv1dx" -> new Conv1d(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7] == 1, g);
            case "embeddingp" -> new Embedding(a[0], a[1], a[2], g);
            case "encoder" -> new TransformerEncoderLayer(a[0], a[1], a[2], 0f, g);
            case "tencoder" -> new TransformerEncoder(new TransformerEncoderLayer(a[0], a[1], a[2], 0f, g), a[3],
                    a[4] == 1 ? new LayerNorm(a[0]) : null);
            case "lenet" -> new Sequential(new Conv2d(1, 6, 5, 1, 2, g), new ReLU(), new MaxPool2d(2),
                    new Conv2d(6, 16, 5, g), new ReLU(), new AvgPool2d(2), new Flatten(), new Linear(16 * 5 * 5, 10, g));
            default -> throw new IllegalArgumentException("unknown module " + spec[0]);
        };
    }

    static int[] shape(String s) {
        return s.equals("-") ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    static float[] floats(String[] f, int from) {
        float[] r = new float[f.length - from];
        for (int k = 0; k < r.length; k++) {
            r[k] = switch (f[from + k]) {
                case "nan" -> Float.NaN;
                case "inf" -> Float.POSITIVE_INFINITY;
                case "-inf" -> Float.NEGATIVE_INFINITY;
                default -> (float) Double.parseDouble(f[from + k]);
            };
        }
        return r;
    }
}

package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModulesTest {
    static Sequential seed004Mlp(Generator g) {
        return new Sequential(new Linear(784, 128, g), new ReLU(), new Linear(128, 64, g), new ReLU(),
                new Linear(64, 10, g));
    }

    @Test
    void linearDrawsTheValuesOfSeededTorch() throws IOException {
        var in = getClass().getResourceAsStream("/fixtures/torch_nn.txt");
        int checked = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("linear ")) {
                    continue;
                }
                String[] f = line.split(" ");
                long seed = Long.parseLong(f[1]);
                int fin = Integer.parseInt(f[2]), fout = Integer.parseInt(f[3]);
                float[] w = floats(r.readLine()), b = floats(r.readLine());
                Linear layer = new Linear(fin, fout, new Generator(seed));
                assertArrayEquals(new int[] {fout, fin}, layer.weight.shape());
                assertArrayEquals(w, layer.weight.toArray(), 0f, "weight of Linear(" + fin + ", " + fout + ") seed " + seed);
                assertArrayEquals(b, layer.bias.toArray(), 0f, "bias");
                checked++;
            }
        }
        assertEquals(4, checked);
    }

    private static float[] floats(String line) {
        String[] f = line.split(" ");
        float[] v = new float[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            v[i - 1] = (float) Double.parseDouble(f[i]);
        }
        return v;
    }

    @Test
    void sequentialPrintsAndNamesLikePyTorch() {
        Sequential model = seed004Mlp(new Generator(0));
        assertEquals("""
                Sequential(
                  (0): Linear(in_features=784, out_features=128, bias=True)
                  (1): ReLU()
                  (2): Linear(in_features=128, out_features=64, bias=True)
                  (3): ReLU()
                  (4): Linear(in_features=64, out_features=10, bias=True)
                )""", model.toString());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"),
                List.copyOf(model.namedParameters().keySet()));
        assertEquals(6, model.parameters().size());
        assertTrue(model.parameters().stream().allMatch(p -> p.requiresGrad() && p.isLeaf()));
    }

    @Test
    void layerNormPrintsItsEpsAndAffineFlagAsPyTorchDoes() {
        assertEquals("LayerNorm((5,), eps=1e-05, elementwise_affine=True)", new LayerNorm(5).toString());
        LayerNorm plain = new LayerNorm(new int[] {2, 3}, 1e-6f, false);
        assertEquals("LayerNorm((2, 3), eps=1e-06, elementwise_affine=False)", plain.toString());
        assertEquals(0, plain.parameters().size());
        assertEquals("LayerNorm((4,), eps=0.001, elementwise_affine=True)",
                new LayerNorm(new int[] {4}, 1e-3f, true).toString());
    }

    @Test
    void moduleOptionsPrintAsPyTorchPrintsThem() {
        Generator g = new Generator(0);
        Conv2d conv = new Conv2d(4, 6, 3, 1, 2, 2, 2, false, g);
        assertEquals("Conv2d(4, 6, kernel_size=(3, 3), stride=(1, 1), padding=(2, 2), dilation=(2, 2), groups=2, "
                + "bias=False)", conv.toString());
        assertEquals(List.of("weight"), List.copyOf(conv.stateDict().keySet()));
        assertEquals("Conv1d(4, 2, kernel_size=(3,), stride=(1,), padding=(1,), dilation=(2,), groups=2)",
                new Conv1d(4, 2, 3, 1, 1, 2, 2, true, g).toString());
        assertEquals("Embedding(7, 3, padding_idx=6)", new Embedding(7, 3, -1, g).toString());
        assertEquals("Embedding(4, 3, padding_idx=1, max_norm=1.0, norm_type=1.0, scale_grad_by_freq=True)",
                new Embedding(4, 3, 1, 1f, 1f, true, g).toString());
        assertEquals("Embedding(4, 3, max_norm=0.5)", new Embedding(4, 3, null, 0.5f, 2f, false, g).toString());
        assertEquals("BatchNorm1d(4, eps=0.001, momentum=0.3, affine=False, track_running_stats=True)",
                new BatchNorm1d(4, 1e-3f, 0.3f, false, true).toString());
        assertEquals("BatchNorm2d(3, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
                new BatchNorm2d(3).toString());
        assertEquals("LeakyReLU(negative_slope=0.01)", new LeakyReLU().toString());
        assertEquals("Softplus(beta=1, threshold=20)", new Softplus().toString());
        assertEquals("Softplus(beta=0.5, threshold=5)", new Softplus(0.5f, 5f).toString());
        assertEquals("LogSoftmax(dim=1)", new LogSoftmax(1).toString());
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0f, g);
        layer.namedParameters().get("linear1.bias").requiresGrad_(false);
        TransformerEncoder encoder = new TransformerEncoder(layer, 2);
        Map<String, Tensor> state = encoder.stateDict();
        for (String name : layer.stateDict().keySet()) {   // each layer starts from the template's values, in copies
            assertArrayEquals(layer.stateDict().get(name).toArray(), state.get("layers.0." + name).toArray(), name);
            assertArrayEquals(layer.stateDict().get(name).toArray(), state.get("layers.1." + name).toArray(), name);
        }
        Tensor first = encoder.namedParameters().get("layers.0.linear2.weight");
        assertNotSame(first, encoder.namedParameters().get("layers.1.linear2.weight"));
        assertNotSame(first, layer.namedParameters().get("linear2.weight"));
        assertFalse(encoder.namedParameters().get("layers.1.linear1.bias").requiresGrad(), "frozen stays frozen");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(4, 6, 3, 1, 0, 1, 4, true, g));
        assertEquals("out_channels must be divisible by groups (out_channels=6, groups=4)", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Embedding(7, 3, 7, g));
        assertTrue(e.getMessage().startsWith("Padding_idx must be within num_embeddings"), e.getMessage());
    }

    @Test
    void modulesBuffersFreezingApplyAndNonStrictLoadingAsInPyTorch() {
        Generator g = new Generator(0);
        Sequential model = new Sequential(new Conv2d(1, 2, 3, g), new BatchNorm2d(2), new Sequential(new ReLU(),
                new Linear(4, 3, g)));
        assertEquals(List.of("", "0", "1", "2", "2.0", "2.1"), List.copyOf(model.namedModules().keySet()));
        assertEquals(List.of("1.running_mean", "1.running_var", "1.num_batches_tracked"),
                List.copyOf(model.namedBuffers().keySet()));
        assertEquals(3, model.children().size());
        model.namedChildren().get("0").requiresGrad_(false);
        assertEquals(List.of(false, false, true, true, true, true),
                model.parameters().stream().map(Tensor::requiresGrad).toList());
        List<String> visited = new java.util.ArrayList<>();
        model.apply(m -> visited.add(m.getClass().getSimpleName()));
        assertEquals(List.of("Conv2d", "BatchNorm2d", "ReLU", "Linear", "Sequential", "Sequential"), visited);

        Map<String, Tensor> state = new LinkedHashMap<>(model.stateDict());
        Tensor newBias = Tensor.of(7f, 8f, 9f);
        state.put("2.1.bias", newBias);
        state.remove("0.weight");
        state.put("head.weight", Tensor.zeros(2));
        Module.IncompatibleKeys keys = model.loadStateDict(state, false);
        assertEquals(List.of("0.weight"), keys.missingKeys());
        assertEquals(List.of("head.weight"), keys.unexpectedKeys());
        assertArrayEquals(new float[] {7, 8, 9}, model.namedParameters().get("2.1.bias").toArray());
        assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state));
        state.put("2.1.bias", Tensor.zeros(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state, false));
        assertTrue(e.getMessage().contains("size mismatch for 2.1.bias"), e.getMessage());
        assertArrayEquals(new float[] {7, 8, 9}, model.namedParameters().get("2.1.bias").toArray(), "nothing copied");
    }

    @Test
    void seed004GradientIsNoneBeforeBackwardAndSetAfter() {
        Generator g = new Generator(3);
        Sequential model = seed004Mlp(g);
        Tensor images = Tensor.randn(g, 64, 1, 28, 28).view(64, -1);
        Tensor labels = Tensor.of(new float[64]);
        Tensor loss = new CrossEntropyLoss().forward(model.forward(images), labels);
        assertEquals("NllLossBackward0", loss.gradFn().name());
        Linear first = (Linear) model.get(0);
        assertNull(first.weight.grad());
        loss.backward();
        assertArrayEquals(new int[] {128, 784}, first.weight.grad().shape());
        model.zeroGrad();
        assertEquals(0f, first.weight.grad().abs().sum().item());
        model.zeroGrad(true);
        assertNull(first.weight.grad());
    }

    @Test
    void linearRunsAsOneFusedGemmOnBatches() {
        Linear layer = new Linear(3, 2, new Generator(1));
        Tensor x = Tensor.randn(new Generator(2), 4, 3);
        Tensor y = layer.forward(x);
        assertEquals("AddmmBackward0", y.gradFn().name());
        Tensor reference = x.matmul(layer.weight.t()).add(layer.bias);
        assertTrue(y.allClose(reference, 1e-6f, 1e-6f));
        Tensor x3 = Tensor.randn(new Generator(2), 2, 4, 3);
        assertArrayEquals(new int[] {2, 4, 2}, layer.forward(x3).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.ones(4, 5)));
        assertTrue(e.getMessage().contains("mat1 and mat2 shapes cannot be multiplied (4x5 and 3x2)")
                && e.getMessage().contains("[4, 5]") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void stateDictRoundTripsAndMismatchesChangeNothing() {
        Sequential a = seed004Mlp(new Generator(1)), b = seed004Mlp(new Generator(2));
        b.loadStateDict(a.stateDict());
        assertArrayEquals(a.parameters().get(0).toArray(), b.parameters().get(0).toArray());
        Sequential c = seed004Mlp(new Generator(3));
        float[] before = c.parameters().get(0).toArray();
        Map<String, Tensor> bad = new LinkedHashMap<>(a.stateDict());
        bad.put("4.bias", Tensor.zeros(11));
        bad.remove("2.weight");
        bad.put("5.weight", Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.loadStateDict(bad));
        assertTrue(e.getMessage().contains("size mismatch for 4.bias") && e.getMessage().contains("missing key \"2.weight\"")
                && e.getMessage().contains("unexpected key \"5.weight\""), e.getMessage());
        assertArrayEquals(before, c.parameters().get(0).toArray(), "nothing half-applied");
    }

    @Test
    void trainEvalAndDropout() {
        Dropout d = new Dropout(0.5f, new Generator(9));
        Sequential m = new Sequential(new Flatten(), d);
        Tensor x = Tensor.ones(4, 2, 50);
        Tensor y = m.forward(x);
        float[] v = y.toArray();
        long zeros = Arrays.stream(box(v)).filter(f -> f == 0f).count();
        assertTrue(zeros > 100 && zeros < 300, "about half dropped: " + zeros);
        assertTrue(Arrays.stream(box(v)).allMatch(f -> f == 0f || f == 2f));
        m.eval();
        assertFalse(d.isTraining());
        assertArrayEquals(x.reshape(4, 100).toArray(), m.forward(x).toArray());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5f));
    }

    private static Float[] box(float[] v) {
        Float[] r = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i];
        }
        return r;
    }

    @Test
    void lossErrorsNameWhatWasWrong() {
        Tensor logits = Tensor.randn(new Generator(1), 3, 4).requiresGrad_();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(logits, Tensor.of(0f, 4f, 1f)));
        assertTrue(e.getMessage().contains("Target 4.0 is out of bounds") && e.getMessage().contains("[0, 4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss().forward(logits, Tensor.of(0f, 1f)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MSELoss().forward(logits, Tensor.zeros(4, 3)));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("[3, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BCELoss().forward(Tensor.of(1.5f), Tensor.of(1f)));
        assertThrows(IllegalArgumentException.class, () -> new MSELoss().forward(logits));
        assertNull(logits.grad());
    }

    @Test
    void seed003BceWithLogitsGradFn() {
        Generator g = new Generator(0);
        Tensor x = Tensor.ones(5), y = Tensor.zeros(3);
        Tensor w = Tensor.randn(g, 5, 3).requiresGrad_(), b = Tensor.randn(g, 3).requiresGrad_();
        Tensor z = x.matmul(w).add(b);
        Tensor loss = Functional.binaryCrossEntropyWithLogits(z, y);
        assertEquals("AddBackward0", z.gradFn().name());
        assertEquals("BinaryCrossEntropyWithLogitsBackward0", loss.gradFn().name());
        loss.backward();
        Tensor expected = z.detach().sigmoid().div(3);
        assertTrue(b.grad().allClose(expected, 1e-6f, 1e-7f));
        assertTrue(w.grad().allClose(expected.unsqueeze(0).expand(5, 3), 1e-6f, 1e-7f));
    }

    @Test
    void batchNormWithoutMomentumKeepsTheCumulativeAverage() {
        // torch: bn = BatchNorm1d(3, momentum=None); for step in 0..2: bn(x_step), x_step = (step + 1.5) sin(0.7 i + step)
        // as [4, 3]; running_mean / running_var after each step:
        float[][] means = {{0.003167802933603525f, 0.24515242874622345f, 0.3718380331993103f},
            {0.2672194242477417f, 0.43360385298728943f, 0.396057665348053f},
            {0.44359290599823f, 0.41208648681640625f, 0.18676938116550446f}};
        float[][] vars = {{1.128779649734497f, 1.36292564868927f, 1.6674991846084595f},
            {2.6819915771484375f, 3.0030593872070312f, 2.745579481124878f},
            {4.660136699676514f, 4.227399826049805f, 3.9486355781555176f}};
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5f, null, true, true);
        assertEquals("BatchNorm1d(3, eps=1e-05, momentum=None, affine=True, track_running_stats=True)", bn.toString());
        for (int step = 0; step < 3; step++) {
            float[] x = new float[12];
            for (int i = 0; i < 12; i++) {
                x[i] = (float) (Math.sin(0.7 * i + step) * (step + 1.5));
            }
            bn.forward(Tensor.of(x, 4, 3));
            assertArrayEquals(means[step], bn.runningMean.toArray(), 1e-6f, "step " + step);
            assertArrayEquals(vars[step], bn.runningVar.toArray(), 1e-5f, "step " + step);
        }
        assertEquals(3f, bn.stateDict().get("num_batches_tracked").item());
    }

    @org.junit.jupiter.api.Test
    void batchNormTracksRunningStatisticsInTrainingAndUsesThemInEvaluation() {
        // torch: bn = BatchNorm1d(2); bn(tensor([[1., 2.], [3., 6.]])): running_mean [0.2, 0.4],
        // running_var [0.9 + 0.1 * 2, 0.9 + 0.1 * 8] = [1.1, 1.7], num_batches_tracked 1
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor x = Tensor.of(new float[] {1, 2, 3, 6}, 2, 2);
        float[] y = bn.forward(x).toArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {-1, -1, 1, 1}, y, 1e-4f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0.2f, 0.4f}, bn.runningMean.toArray(), 1e-6f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1.1f, 1.7f}, bn.runningVar.toArray(), 1e-6f);
        org.junit.jupiter.api.Assertions.assertEquals(1f, bn.stateDict().get("num_batches_tracked").item());
        bn.eval();
        float[] e = bn.forward(x).toArray();
        org.junit.jupiter.api.Assertions.assertEquals((1 - 0.2f) / (float) Math.sqrt(1.1f + 1e-5f), e[0], 1e-5f);
        org.junit.jupiter.api.Assertions.assertEquals(1f, bn.stateDict().get("num_batches_tracked").item(),
                "evaluation does not count batches");
    }

    @Test
    void newActivationAndLossModulesPrintAndComputeAsTorch() {
        assertEquals("ELU(alpha=1.0)", new ELU().toString());
        assertEquals("ELU(alpha=0.5)", new ELU(0.5f).toString());
        assertEquals("Hardtanh(min_val=-1.0, max_val=1.0)", new Hardtanh().toString());
        assertEquals("Hardtanh(min_val=-0.5, max_val=2.0)", new Hardtanh(-0.5f, 2f).toString());
        for (Module m : List.of(new SELU(), new ReLU6(), new Hardsigmoid(), new Hardswish(), new LogSigmoid(),
                new Mish(), new HuberLoss(), new SmoothL1Loss())) {
            assertEquals(m.getClass().getSimpleName() + "()", m.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> new Hardtanh(1f, -1f));
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss("mean", 0f));
        assertThrows(IllegalArgumentException.class, () -> new SmoothL1Loss("mean", -1f));
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss("avg", 1f));
        Tensor x = Tensor.of(-2f, 0.5f, 4f), y = Tensor.of(0f, 0f, 0f);
        // d = -2, 0.5, 4 with delta 1: 1.5, 0.125, 3.5; summed 5.125
        assertEquals(5.125f, new HuberLoss("sum", 1f).forward(x, y).item());
        // beta 2: 0.5 * 4 / 2 = 1, 0.0625, 4 - 1 = 3; mean 4.0625 / 3
        assertEquals(4.0625f / 3, new SmoothL1Loss("mean", 2f).forward(x, y).item(), 1e-6f);
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, new Hardtanh(0f, 1f).forward(x).toArray());
        assertEquals("GroupNorm(2, 6, eps=1e-05, affine=True)", new GroupNorm(2, 6).toString());
        assertEquals("Upsample(scale_factor=2.0, mode='nearest')", new Upsample(2.0).toString());
        assertEquals("Upsample(size=(4, 6), mode='bilinear')",
                new Upsample(new int[] {4, 6}, null, "bilinear", true).toString());
        Tensor image = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                new Upsample(2.0).forward(image).toArray());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4},
                new Upsample(new int[] {3}, null, "bilinear", true).forward(image).toArray());
        var corners = assertThrows(IllegalArgumentException.class,
                () -> Functional.interpolate(image, new int[] {3, 3}, "nearest", false));
        assertTrue(corners.getMessage().contains("align_corners"), corners.getMessage());
        var rank = assertThrows(IllegalArgumentException.class,
                () -> Functional.interpolate(image, new int[] {3}, "linear", null));
        assertTrue(rank.getMessage().contains("[1, 1, 2, 2]"), rank.getMessage());
        assertEquals("MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
                new MaxPool1d(2).toString());
        assertEquals("AvgPool1d(kernel_size=(3,), stride=(1,), padding=(1,))", new AvgPool1d(3, 1, 1).toString());
        assertEquals("AdaptiveAvgPool1d(output_size=4)", new AdaptiveAvgPool1d(4).toString());
        Tensor signal = Tensor.of(new float[] {1, 5, 2, 0, 3}, 1, 1, 5);
        assertArrayEquals(new float[] {5, 2}, new MaxPool1d(2).forward(signal).toArray());
        assertArrayEquals(new float[] {2, 8 / 3f, 7 / 3f, 5 / 3f, 1}, new AvgPool1d(3, 1, 1).forward(signal).toArray(),
                1e-6f);
        var window = assertThrows(IllegalArgumentException.class, () -> new MaxPool1d(2, 1, 2));
        assertTrue(window.getMessage().contains("padding=2"), window.getMessage());
        Generator seeded = new Generator(0);
        assertEquals("ConvTranspose2d(3, 4, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))",
                new ConvTranspose2d(3, 4, 3, 2, 1, 1, 1, true, 1, seeded).toString());
        assertEquals("ConvTranspose1d(4, 6, kernel_size=(2,), stride=(1,), dilation=(2,), groups=2, bias=False)",
                new ConvTranspose1d(4, 6, 2, 1, 0, 0, 2, false, 2, seeded).toString());
        assertArrayEquals(new int[] {2, 4, 8, 6}, new ConvTranspose2d(3, 4, 3, 2, 1, 1, 1, true, 1, seeded)
                .forward(Tensor.zeros(2, 3, 4, 3)).shape(), "(H - 1) 2 - 2 + 2 + 1 + 1");
        var outputPadding = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(3, 4, 3, 2, 1, 2, 1, true, 1, seeded));
        assertTrue(outputPadding.getMessage().contains("output padding must be smaller"), outputPadding.getMessage());
        assertEquals("LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)",
                new LSTM(3, 4, 2, true, true, 0f, true, seeded).toString());
        assertEquals("GRU(2, 5, bias=False, dropout=0.2)",
                new GRU(2, 5, 1, false, false, 0.2f, false, seeded).toString());
        List<Tensor> run = new LSTM(3, 4, 2, true, true, 0f, true, seeded).forward(Tensor.zeros(2, 6, 3), null, null);
        assertArrayEquals(new int[] {2, 6, 8}, run.get(0).shape(), "batch first, both directions' h side by side");
        assertArrayEquals(new int[] {4, 2, 4}, run.get(1).shape(), "h_n: layers x directions, batch, hidden");
        var badInput = assertThrows(IllegalArgumentException.class,
                () -> new GRU(2, 5, seeded).forward(Tensor.zeros(3, 1, 4)));
        assertTrue(badInput.getMessage().contains("[3, 1, 4]"), badInput.getMessage());
        var badState = assertThrows(IllegalArgumentException.class,
                () -> new GRU(2, 5, seeded).forward(Tensor.zeros(3, 1, 2), Tensor.zeros(1, 2, 5)));
        assertTrue(badState.getMessage().contains("[1, 1, 5]"), badState.getMessage());
        assertEquals("PReLU(num_parameters=3)", new PReLU(3, 0.1f).toString());
        assertEquals("GLU(dim=-1)", new GLU().toString());
        assertEquals("Softmin(dim=1)", new Softmin(1).toString());
        assertEquals("Softsign()", new Softsign().toString());
        PReLU prelu = new PReLU();
        assertArrayEquals(new float[] {-0.5f, 3f}, prelu.forward(Tensor.of(-2f, 3f)).toArray());
        assertEquals(List.of("weight"), List.copyOf(prelu.stateDict().keySet()));
        TransformerDecoderLayer decoderLayer = new TransformerDecoderLayer(8, 2, 16, 0f, seeded);
        var noMemory = assertThrows(IllegalArgumentException.class, () -> decoderLayer.forward(Tensor.zeros(3, 1, 8)));
        assertTrue(noMemory.getMessage().contains("memory"), noMemory.getMessage());
        TransformerDecoder decoder = new TransformerDecoder(decoderLayer, 2, new LayerNorm(8));
        assertArrayEquals(new int[] {3, 2, 8}, decoder.forward(Tensor.zeros(3, 2, 8), Tensor.zeros(5, 2, 8)).shape());
        assertTrue(decoder.stateDict().containsKey("layers.1.multihead_attn.in_proj_weight"));
        Tensor table = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Embedding frozen = Embedding.fromPretrained(table, true, null);
        assertArrayEquals(new float[] {5, 6, 1, 2}, frozen.forward(Tensor.of(2f, 0f)).toArray());
        assertTrue(!frozen.weight.requiresGrad(), "frozen: no gradient");
        table.mul_(2f);
        assertArrayEquals(new float[] {10, 12}, frozen.forward(Tensor.of(2f)).toArray(),
                "the table is shared, as torch's");
        Embedding tuned = Embedding.fromPretrained(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), false, 0);
        assertArrayEquals(new float[] {1, 2}, tuned.weight.select(0, 0).toArray(), "the padding row keeps its values");
        tuned.forward(Tensor.of(0f, 1f)).sum().backward();
        assertArrayEquals(new float[] {0, 0, 1, 1}, tuned.weight.grad().toArray(), "no gradient to the padding row");
        assertEquals("Unfold(kernel_size=2, dilation=1, padding=0, stride=1)", new Unfold(2).toString());
        Fold fold = new Fold(new int[] {4, 6}, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {2, 2});
        assertEquals("Fold(output_size=(4, 6), kernel_size=2, dilation=1, padding=0, stride=2)", fold.toString());
        Tensor photo = Tensor.randn(seeded, 2, 3, 4, 6);
        Tensor patches = new Unfold(new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {2, 2})
                .forward(photo);
        assertArrayEquals(new int[] {2, 12, 6}, patches.shape(), "ViT patches: C*2*2 rows, 2 x 3 patches");
        assertArrayEquals(photo.toArray(), fold.forward(patches).toArray(), "disjoint patches fold back exactly");
        Tensor classWeights = Tensor.of(1f, 3f);
        CrossEntropyLoss weighted = new CrossEntropyLoss(classWeights, -100, "mean", 0f);
        assertEquals(List.of("weight"), List.copyOf(weighted.stateDict().keySet()),
                "torch keeps the weights as a buffer");
        Tensor logits = Tensor.of(new float[] {0, 0, 0, 0}, 2, 2);
        assertEquals((float) Math.log(2), weighted.forward(logits, Tensor.of(0f, 1f)).item(), 1e-6f,
                "equal logits: log 2 whatever the weights");
        BCEWithLogitsLoss bce = new BCEWithLogitsLoss(null, "sum", Tensor.of(2f));
        assertEquals(List.of("pos_weight"), List.copyOf(bce.stateDict().keySet()));
        assertEquals(2 * (float) Math.log(2), bce.forward(Tensor.of(0f), Tensor.of(1f)).item(), 1e-6f);
        var wrongWeights = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss(Tensor.of(1f, 2f, 3f), -100, "mean", 0f).forward(logits, Tensor.of(0f, 1f)));
        assertTrue(wrongWeights.getMessage().contains("[3]"), wrongWeights.getMessage());
        assertEquals(List.of("weight", "bias"), List.copyOf(new GroupNorm(3, 3).stateDict().keySet()));
        assertTrue(new GroupNorm(1, 4, 1e-3f, false).parameters().isEmpty());
        var groups = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
        assertTrue(groups.getMessage().contains("6") && groups.getMessage().contains("4"), groups.getMessage());
        var channels = assertThrows(IllegalArgumentException.class,
                () -> new GroupNorm(2, 6).forward(Tensor.zeros(2, 4)));
        assertTrue(channels.getMessage().contains("[2, 4]"), channels.getMessage());
    }

    @Test
    void recurrentCellsPrintCheckAndBatchAsTorch() {
        Generator seeded = new Generator(0);
        assertEquals("RNN(3, 4, num_layers=2)", new RNN(3, 4, 2, "relu", true, false, 0f, false, seeded).toString());
        assertEquals("RNNCell(3, 4, nonlinearity=relu)", new RNNCell(3, 4, true, "relu", seeded).toString());
        assertEquals("LSTMCell(2, 3, bias=False)", new LSTMCell(2, 3, false, seeded).toString());
        assertEquals("GRUCell(2, 3)", new GRUCell(2, 3, seeded).toString());
        var nonlinearity = assertThrows(IllegalArgumentException.class, () -> new RNN(3, 4, 1, "sigmoid", true, false,
                0f, false, seeded));
        assertTrue(nonlinearity.getMessage().contains("sigmoid"), nonlinearity.getMessage());
        LSTMCell cell = new LSTMCell(2, 3, seeded);
        List<Tensor> state = cell.forward(Tensor.zeros(5, 2), null, null);
        assertArrayEquals(new int[] {5, 3}, state.get(1).shape(), "c' of a batch");
        assertArrayEquals(new int[] {3}, cell.forward(Tensor.zeros(2)).shape(), "unbatched");
        var badInput = assertThrows(IllegalArgumentException.class, () -> cell.forward(Tensor.zeros(5, 3)));
        assertTrue(badInput.getMessage().contains("[5, 3]"), badInput.getMessage());
        var badState = assertThrows(IllegalArgumentException.class,
                () -> new GRUCell(2, 3, seeded).forward(Tensor.zeros(4, 2), Tensor.zeros(3)));
        assertTrue(badState.getMessage().contains("[4, 3]") && badState.getMessage().contains("[3]"),
                badState.getMessage());
    }

    @Test
    void shrinkActivationsAndTheNewLossModulesPrintAndComputeAsTheirFunctions() {
        assertEquals("CELU(alpha=1.0)", new CELU().toString());
        assertEquals("Softshrink(0.5)", new Softshrink().toString());
        assertEquals("Hardshrink(0.25)", new Hardshrink(0.25f).toString());
        assertEquals("Tanhshrink()", new Tanhshrink().toString());
        assertEquals("Threshold(threshold=0.1, value=20.0)", new Threshold(0.1f, 20f).toString());
        Tensor x = Tensor.of(new float[] {0.3f, -1.2f, 2f, -0.1f, 0.7f, 1.4f}, 2, 3);
        Tensor signs = Tensor.of(new float[] {1, -1, 1, -1, -1, 1}, 2, 3);
        Tensor labels = Tensor.of(new float[] {1, 0, 1, 0, 0, 1}, 2, 3);
        Tensor classes = Tensor.of(2f, 0f);
        assertArrayEquals(Functional.softMarginLoss(x, signs, "sum").toArray(),
                new SoftMarginLoss("sum").forward(x, signs).toArray());
        assertArrayEquals(Functional.multilabelSoftMarginLoss(x, labels, null, "mean").toArray(),
                new MultiLabelSoftMarginLoss().forward(x, labels).toArray());
        assertArrayEquals(Functional.hingeEmbeddingLoss(x, signs, 1f, "mean").toArray(),
                new HingeEmbeddingLoss().forward(x, signs).toArray());
        assertArrayEquals(Functional.multiMarginLoss(x, classes, 1, 1f, null, "mean").toArray(),
                new MultiMarginLoss().forward(x, classes).toArray());
        assertArrayEquals(Functional.poissonNllLoss(x, labels, true, false, 1e-8f, "mean").toArray(),
                new PoissonNLLLoss().forward(x, labels).toArray());
        KLDivLoss kl = new KLDivLoss("batchmean", true);
        assertEquals("batchmean", kl.reduction());
        assertArrayEquals(Functional.klDiv(x, x.mul(0.5f), "batchmean", true).toArray(),
                kl.forward(x, x.mul(0.5f)).toArray());
        Tensor var = Tensor.full(0.5f, 2, 3);
        assertArrayEquals(Functional.gaussianNllLoss(x, labels, var, false, 1e-6f, "mean").toArray(),
                new GaussianNLLLoss().forward(x, labels, var).toArray());
        assertArrayEquals(Functional.marginRankingLoss(x, labels, signs, 0f, "mean").toArray(),
                new MarginRankingLoss().forward(x, labels, signs).toArray());
        assertArrayEquals(Functional.tripletMarginLoss(x, labels, signs, 1f, 2f, 1e-6f, false, "mean").toArray(),
                new TripletMarginLoss().forward(x, labels, signs).toArray());
        Tensor pairs = Tensor.of(1f, -1f);
        assertArrayEquals(Functional.cosineEmbeddingLoss(x, labels, pairs, 0f, "mean").toArray(),
                new CosineEmbeddingLoss().forward(x, labels, pairs).toArray());
        assertEquals("TripletMarginLoss()", new TripletMarginLoss().toString());
        var one = assertThrows(IllegalArgumentException.class, () -> new MarginRankingLoss().forward(x));
        assertTrue(one.getMessage().contains("three tensors"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GaussianNLLLoss(false, 1e-6f, "avg"));
        assertThrows(IllegalArgumentException.class, () -> new MultiMarginLoss(3, 1f, null, "mean"));
    }

    @Test
    void reshufflingNormalizingPoolingAndPaddingModulesPrintAndComputeAsTheirFunctions() {
        Generator seeded = new Generator(3);
        assertEquals("InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)",
                new InstanceNorm2d(3).toString());
        assertEquals("InstanceNorm1d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=False)",
                new InstanceNorm1d(4, 1e-5f, true).toString());
        assertEquals("PixelShuffle(upscale_factor=2)", new PixelShuffle(2).toString());
        assertEquals("PixelUnshuffle(downscale_factor=3)", new PixelUnshuffle(3).toString());
        assertEquals("AdaptiveMaxPool2d(output_size=(2, 3))", new AdaptiveMaxPool2d(2, 3).toString());
        assertEquals("AdaptiveMaxPool2d(output_size=2)", new AdaptiveMaxPool2d(2).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=2)", new AdaptiveAvgPool2d(2).toString());
        assertEquals("AdaptiveMaxPool1d(output_size=4)", new AdaptiveMaxPool1d(4).toString());
        assertEquals("Bilinear(in1_features=3, in2_features=4, out_features=5, bias=True)",
                new Bilinear(3, 4, 5, seeded).toString());
        assertEquals("ZeroPad2d((1, 1, 2, 0))", new ZeroPad2d(1, 1, 2, 0).toString());
        assertEquals("ConstantPad1d(padding=(2, 2), value=3.5)", new ConstantPad1d(2, 3.5f).toString());
        assertEquals("ReflectionPad2d((1, 1, 1, 1))", new ReflectionPad2d(1).toString());
        assertEquals("ReplicationPad1d((1, 2))", new ReplicationPad1d(1, 2).toString());
        assertEquals("CosineSimilarity()", new CosineSimilarity().toString());
        assertEquals("PairwiseDistance()", new PairwiseDistance().toString());
        assertEquals("Dropout2d(p=0.3, inplace=False)", new Dropout2d(0.3f).toString());
        assertEquals("Dropout3d(p=0.3, inplace=False)", new Dropout3d(0.3f).toString());
        Tensor x = Tensor.randn(seeded, 2, 4, 3, 4);
        assertArrayEquals(Functional.instanceNorm(x, null, null, 1e-5f).toArray(), new InstanceNorm2d(4).forward(x)
                .toArray());
        assertArrayEquals(new InstanceNorm2d(4).forward(x.select(0, 1)).toArray(),
                Functional.instanceNorm(x.narrow(0, 1, 1), null, null, 1e-5f).toArray(), "unbatched");
        Tensor even = Tensor.randn(seeded, 2, 3, 4, 6);
        assertArrayEquals(even.toArray(), new PixelShuffle(2).forward(new PixelUnshuffle(2).forward(even)).toArray());
        assertArrayEquals(new int[] {2, 4, 2, 3}, new AdaptiveMaxPool2d(2, 3).forward(x).shape());
        assertArrayEquals(Functional.pad(x, new int[] {1, 1, 1, 1}, "reflect", 0f).toArray(),
                new ReflectionPad2d(1).forward(x).toArray());
        Tensor a = Tensor.randn(seeded, 2, 5, 3), b = Tensor.randn(seeded, 2, 5, 4);
        Bilinear bilinear = new Bilinear(3, 4, 2, seeded);
        assertArrayEquals(new int[] {2, 5, 2}, bilinear.forward(a, b).shape());
        assertArrayEquals(Functional.cosineSimilarity(a, a.mul(2f), 1, 1e-8f).toArray(),
                new CosineSimilarity().forward(a, a.mul(2f)).toArray());
        var two = assertThrows(IllegalArgumentException.class, () -> bilinear.forward(a));
        assertTrue(two.getMessage().contains("two inputs"), two.getMessage());
        var shuffle = assertThrows(IllegalArgumentException.class, () -> new PixelShuffle(3).forward(x));
        assertTrue(shuffle.getMessage().contains("[2, 4, 3, 4]"), shuffle.getMessage());
        var pad = assertThrows(IllegalArgumentException.class, () -> new ZeroPad2d(1, 2, 3));
        assertTrue(pad.getMessage().contains("[1, 2, 3]"), pad.getMessage());
    }

    @Test
    void channelDropoutZerosWholeChannelsInTrainingOnly() {
        Dropout2d drop = new Dropout2d(0.5f, new Generator(11));
        Tensor x = Tensor.ones(8, 6, 3, 3);
        float[] y = drop.forward(x).toArray();
        int zeroed = 0;
        for (int channel = 0; channel < 48; channel++) {
            float first = y[channel * 9];
            assertTrue(first == 0f || first == 2f, "scaled by 1/(1-p): " + first);
            for (int k = 1; k < 9; k++) {
                assertEquals(first, y[channel * 9 + k], "one value a channel");
            }
            zeroed += first == 0f ? 1 : 0;
        }
        assertTrue(zeroed > 5 && zeroed < 43, "about half the channels zeroed: " + zeroed);
        drop.eval();
        assertArrayEquals(x.toArray(), drop.forward(x).toArray());
        assertThrows(IllegalArgumentException.class, () -> new Dropout1d(0.5f).forward(Tensor.ones(2, 3, 4, 5)));
    }

    @Test
    void aTransformerChecksItsInputsAndMasksTheFutureWithoutNaN() {
        Tensor mask = Transformer.generateSquareSubsequentMask(3);
        float inf = Float.NEGATIVE_INFINITY;
        assertArrayEquals(new float[] {0, inf, inf, 0, 0, inf, 0, 0, 0}, mask.toArray());
        Transformer t = new Transformer(8, 2, 1, 1, 16, 0f, "relu", 1e-5f, false, false, new Generator(3));
        assertEquals(List.of("encoder", "decoder"), List.copyOf(t.namedChildren().keySet()));
        assertTrue(t.stateDict().containsKey("encoder.norm.weight") && t.stateDict().containsKey("decoder.norm.bias"));
        Tensor src = Tensor.randn(new Generator(4), 5, 2, 8), tgt = Tensor.randn(new Generator(5), 3, 2, 8);
        Tensor out = t.forward(src, tgt, null, mask, null, null, null, null);
        assertArrayEquals(new int[] {3, 2, 8}, out.shape());
        float[] first = out.toArray();
        tgt.narrow(0, 2, 1).fill_(9f);
        float[] changed = t.forward(src, tgt, null, mask, null, null, null, null).toArray();
        assertArrayEquals(java.util.Arrays.copyOf(first, 32), java.util.Arrays.copyOf(changed, 32),
                "with the causal mask, positions 0 and 1 do not see position 2");
        var batch = assertThrows(IllegalArgumentException.class, () -> t.forward(src, Tensor.zeros(3, 4, 8)));
        assertTrue(batch.getMessage().contains("[5, 2, 8]") && batch.getMessage().contains("[3, 4, 8]"),
                batch.getMessage());
        var width = assertThrows(IllegalArgumentException.class, () -> t.forward(src, Tensor.zeros(3, 2, 6)));
        assertTrue(width.getMessage().contains("d_model 8"), width.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.forward(src));
    }

    @Test
    void anEmbeddingWithAMaxNormRenormsThePickedRowsInPlaceAsPyTorch() {
        // torch.manual_seed(5); e = nn.Embedding(5, 2, max_norm=1.0); y = e(tensor([4, 1, 4])): row 4 (norm 1.0985)
        // becomes [0.5745728611946106, -0.8184532523155212] in e.weight and in y; rows 0-3 keep their values
        Embedding e = new Embedding(5, 2, null, 1f, 2f, false, new Generator(5));
        float[] before = e.weight.toArray();
        Tensor y = e.forward(Tensor.of(new float[] {4, 1, 4}, 3));
        float[] row4 = {0.5745728611946106f, -0.8184532523155212f};
        assertArrayEquals(new float[] {row4[0], row4[1], before[2], before[3], row4[0], row4[1]}, y.toArray(), 1e-6f);
        assertArrayEquals(Arrays.copyOf(before, 8), Arrays.copyOf(e.weight.toArray(), 8));
        assertArrayEquals(row4, Arrays.copyOfRange(e.weight.toArray(), 8, 10), 1e-6f);
        assertArrayEquals(new float[] {-0.4867807626724243f, -0.6038215756416321f}, Arrays.copyOf(before, 2), 1e-6f);
    }

    @Test
    void aBadIndexLeavesAMaxNormTableAsItWas() {
        Embedding e = new Embedding(3, 2, null, 0.1f, 2f, true, new Generator(2));
        float[] before = e.weight.toArray();
        var bad = assertThrows(IllegalArgumentException.class, () -> e.forward(Tensor.of(new float[] {0, 3}, 2)));
        assertTrue(bad.getMessage().contains("index 3"), bad.getMessage());
        assertArrayEquals(before, e.weight.toArray());
    }

    @Test
    void gradientsScaledByFrequencyDifferentiateAgainAsPyTorchs() {
        // torch: ids = tensor([0, 2, 0, 2, 0]); w = randn(3, 2, requires_grad=True); u = ones(5, 2, requires_grad=True)
        // g, = autograd.grad(F.embedding(ids, w, padding_idx=2, scale_grad_by_freq=True), w, u, create_graph=True)
        // g == [[1, 1], [0, 0], [0, 0]] (three positions of row 0, each over 3; row 2 the padding); then
        // autograd.grad(g[0, 0], u) == [[1, 0], [0, 0], [1, 0], [0, 0], [1, 0]]: the double backward picks rows back
        // without the scaling (embedding_dense_double_backward)
        Tensor ids = Tensor.of(new float[] {0, 2, 0, 2, 0}, 5);
        Tensor w = Tensor.randn(new Generator(4), 3, 2).requiresGrad_();
        Tensor u = Tensor.ones(5, 2).requiresGrad_();
        Tensor out = Functional.embedding(ids, w, 2, null, 2f, true);
        Tensor g = dev.vgrad.autograd.Autograd.grad(List.of(out), List.of(w), List.of(u), true, true, false).get(0);
        assertArrayEquals(new float[] {1, 1, 0, 0, 0, 0}, g.toArray(), 1e-6f);
        Tensor second = dev.vgrad.autograd.Autograd.grad(List.of(g.select(0, 0).select(0, 0)), List.of(u), null,
                false, false, false).get(0);
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0}, second.toArray());
    }
}

package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequential runs a ReLU followed by a 2-D max pooling as the pooling followed by the ReLU: the outputs and every
 * gradient must be those of the written order to the bit, on inputs with ties, zeros, negative windows and NaN, for
 * windows with stride, padding and ceil mode.
 */
class ReluMaxPoolOrderTest {
    private static List<float[]> run(Sequential model, Tensor x, boolean written) {
        Tensor xin = x.detach().requiresGrad_();
        Tensor y = xin;
        if (written) {   // the modules one by one, in the order they were written
            for (int i = 0; i < model.size(); i++) {
                y = model.get(i).forward(y);
            }
        } else {
            y = model.call(xin);
        }
        Tensor weights = Tensor.randn(new Generator(9), y.shape());
        y.mul(weights).sum().backward();
        List<float[]> out = new ArrayList<>();
        out.add(y.toArray());
        out.add(xin.grad().toArray());
        for (Tensor p : model.parameters()) {
            out.add(p.grad().toArray());
            p.setGrad(null);
        }
        return out;
    }

    private static void assertSameBits(List<float[]> want, List<float[]> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            float[] a = want.get(i), b = got.get(i);
            assertEquals(a.length, b.length);
            for (int j = 0; j < a.length; j++) {
                assertEquals(Float.floatToRawIntBits(a[j]), Float.floatToRawIntBits(b[j]),
                        "tensor " + i + " [" + j + "]: " + a[j] + " against " + b[j]);
            }
        }
    }

    @Test
    void poolingFirstGivesTheWrittenOrdersBits() {
        Generator g = new Generator(3);
        for (MaxPool2d pool : List.of(new MaxPool2d(2), new MaxPool2d(3, 2, 1), new MaxPool2d(2, 2, 0, true))) {
            Sequential model = new Sequential(new Conv2d(2, 3, 3, 1, 1, g), new ReLU(), pool, new ReLU());
            // rounded inputs and weights give ties and exact zeros among the convolution's outputs
            for (Tensor p : model.parameters()) {
                try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
                    p.copy_(p.mul(4f).round().div(4f));
                }
            }
            float[] v = Tensor.randn(g, 4, 2, 7, 7).mul(2f).round().toArray();
            v[5] = Float.NaN;
            v[60] = -0f;
            Tensor input = Tensor.of(v, 4, 2, 7, 7);
            assertSameBits(run(model, input, true), run(model, input, false));
        }
    }

    @Test
    void everyMaxPoolingTradesPlacesAlike() {
        Generator g = new Generator(4);
        List<Sequential> models = List.of(
                new Sequential(new Conv1d(2, 3, 3, 1, 1, g), new ReLU(), new MaxPool1d(2)),
                new Sequential(new Conv1d(2, 3, 3, 1, 1, g), new ReLU(), new AdaptiveMaxPool1d(3)),
                new Sequential(new Conv2d(2, 3, 3, 1, 1, g), new ReLU(), new AdaptiveMaxPool2d(3, 2)),
                new Sequential(new Conv3d(2, 3, 3, 1, 1, g), new ReLU(), new MaxPool3d(2)),
                new Sequential(new Conv3d(2, 3, 3, 1, 1, g), new ReLU(), new AdaptiveMaxPool3d(2, 3, 2)));
        List<int[]> shapes = List.of(new int[] {4, 2, 9}, new int[] {4, 2, 7}, new int[] {3, 2, 7, 5},
                new int[] {2, 2, 5, 4, 5}, new int[] {2, 2, 5, 6, 4});
        for (int c = 0; c < models.size(); c++) {
            Sequential model = models.get(c);
            for (Tensor p : model.parameters()) {
                try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
                    p.copy_(p.mul(4f).round().div(4f));
                }
            }
            Tensor input = Tensor.randn(g, shapes.get(c)).mul(2f).round();
            assertSameBits(run(model, input, true), run(model, input, false));
        }
    }
}

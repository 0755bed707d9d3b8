package dev.vgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * torch's string padding of conv1d and conv2d ("same", "valid"), against PyTorch 1.13: inputs 1.5 sin(0.7 i + phase)
 * (phase 0 for x, 1 for the weight, 2 for the bias), the output weighted by 1.5 sin(0.7 i + 0.3) and summed, then
 * backward; torch printed the output's sum and the gradients' absolute sums.
 */
class ConvSamePaddingTest {
    private static Tensor det(float phase, int... shape) {
        return Sines.of(phase, shape);
    }

    /** y = conv(x, w, b); returns {sum y, |dx|, |dw|, |db|} after backward of sum(y * weights), and checks y's shape. */
    private static float[] run(Function<Tensor[], Tensor> conv, int[] xShape, int[] wShape, int[] yShape) {
        Tensor x = det(0f, xShape).requiresGrad_(), w = det(1f, wShape).requiresGrad_();
        Tensor b = det(2f, wShape[0]).requiresGrad_();
        Tensor y = conv.apply(new Tensor[] {x, w, b});
        assertArrayEquals(yShape, y.shape());
        y.mul(det(0.3f, y.shape())).sum().backward();
        return new float[] {y.sum().item(), x.grad().abs().sum().item(), w.grad().abs().sum().item(),
            b.grad().abs().sum().item()};
    }

    @Test
    void samePaddingMatchesTorchForOddAndEvenKernelsAndDilations() {
        int[] one = {1, 1};
        // F.conv2d(x, w, b, 1, 'same', dilation): [sum y, |dx|, |dw|, |db|]
        assertArrayEquals(new float[] {136.89232f, 231.36665f, 1236.61914f, 10.14398f},
                run(t -> Functional.conv2d(t[0], t[1], t[2], one, "same", one, 1), new int[] {1, 3, 5, 6},
                        new int[] {4, 3, 2, 3}, new int[] {1, 4, 5, 6}), 2e-3f);
        assertArrayEquals(new float[] {168.04150f, 833.09674f, 1466.25024f, 14.39160f},
                run(t -> Functional.conv2d(t[0], t[1], t[2], one, "same", new int[] {2, 2}, 1),
                        new int[] {2, 2, 6, 7}, new int[] {3, 2, 4, 4}, new int[] {2, 3, 6, 7}), 2e-3f);
        assertArrayEquals(new float[] {0.08953f, 392.58844f, 736.92139f, 4.20544f},
                run(t -> Functional.conv2d(t[0], t[1], t[2], one, "same", one, 1), new int[] {3, 5, 5},
                        new int[] {2, 3, 3, 3}, new int[] {2, 5, 5}), 2e-3f);
        assertArrayEquals(new float[] {7.33933f, 185.46965f, 722.73993f, 0.00624f},
                run(t -> Functional.conv1d(t[0], t[1], t[2], 1, "same", 1, 1), new int[] {2, 3, 9},
                        new int[] {4, 3, 4}, new int[] {2, 4, 9}), 2e-3f);
        assertArrayEquals(new float[] {19.28862f, 5.73810f, 50.80306f, 3.28789f},
                run(t -> Functional.conv1d(t[0], t[1], t[2], 1, "same", 3, 1), new int[] {1, 2, 8},
                        new int[] {3, 2, 2}, new int[] {1, 3, 8}), 2e-3f);
    }

    @Test
    void validPadsNothing() {
        Tensor x = det(0f, 1, 2, 5, 6), w = det(1f, 3, 2, 3, 2);
        int[] one = {1, 1};
        assertArrayEquals(Functional.conv2d(x, w, null, one, new int[2], one, 1).toArray(),
                Functional.conv2d(x, w, null, one, "valid", one, 1).toArray());
    }

    @Test
    void modulesTakeTheStringAndPrintItAsTorch() {
        Generator g = new Generator(0);
        Conv2d same = new Conv2d(3, 4, 3, 1, "same", 1, 1, true, g);
        assertEquals("Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1), padding=same)", same.toString());
        assertEquals("Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1), padding=valid)",
                new Conv2d(3, 4, 3, 1, "valid", 1, 1, true, g).toString());
        Conv1d dilated = new Conv1d(3, 4, 2, 1, "same", 3, 1, true, g);
        assertEquals("Conv1d(3, 4, kernel_size=(2,), stride=(1,), padding=same, dilation=(3,))", dilated.toString());
        assertArrayEquals(new int[] {2, 4, 7, 9}, same.forward(det(0f, 2, 3, 7, 9)).shape());
        assertArrayEquals(new int[] {2, 4, 11}, dilated.forward(det(0f, 2, 3, 11)).shape());
        assertArrayEquals(Functional.conv2d(det(0f, 2, 3, 7, 9), same.weight, same.bias, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, 1).toArray(), same.forward(det(0f, 2, 3, 7, 9)).toArray());
    }

    @Test
    void rectangularKernelsDrawTorchsWeightsAndConvolveAsTorch() {
        // torch.manual_seed(0); c = nn.Conv2d(3, 4, (2, 3), stride=(2, 1), padding=(1, 0), dilation=(1, 2))
        Conv2d c = new Conv2d(3, 4, new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 0}, new int[] {1, 2}, 1, true,
                new Generator(0));
        assertEquals("Conv2d(3, 4, kernel_size=(2, 3), stride=(2, 1), padding=(1, 0), dilation=(1, 2))", c.toString());
        assertArrayEquals(new int[] {4, 3, 2, 3}, c.weight.shape());
        assertArrayEquals(new float[] {-0.0017646604683250189f, 0.12644097208976746f, -0.19399359822273254f,
            -0.17346249520778656f, -0.09078175574541092f}, java.util.Arrays.copyOf(c.weight.toArray(), 5), 0f);
        assertEquals(-0.6294234991073608f, c.weight.sum().item(), 1e-6f);
        assertArrayEquals(new float[] {0.09263332188129425f, 0.1952909678220749f, 0.2051098346710205f,
            0.20797348022460938f}, c.bias.toArray(), 0f);
        Tensor y = c.forward(det(0f, 2, 3, 6, 7));
        assertArrayEquals(new int[] {2, 4, 4, 3}, y.shape());
        assertEquals(13.755575180053711f, y.sum().item(), 1e-4f);
        // torch.manual_seed(0); nn.Conv2d(3, 4, (1, 3), padding='same', bias=False)
        Conv2d same = new Conv2d(3, 4, new int[] {1, 3}, new int[] {1, 1}, "same", new int[] {1, 1}, 1, false,
                new Generator(0));
        assertEquals("Conv2d(3, 4, kernel_size=(1, 3), stride=(1, 1), padding=same, bias=False)", same.toString());
        assertEquals(-1.4337925910949707f, same.weight.sum().item(), 1e-6f);
        assertArrayEquals(new int[] {1, 4, 5, 6}, same.forward(det(0f, 1, 3, 5, 6)).shape());
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, new int[] {2, 3}, new int[] {1},
                new int[] {0, 0}, new int[] {1, 1}, 1, true, new Generator(0)));
    }

    @Test
    void refusesStridesWithSameAndUnknownStringsInTorchsWords() {
        assertEquals("padding='same' is not supported for strided convolutions",
                assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 3, 2, "same", 1, 1, true))
                        .getMessage());
        assertEquals("Invalid padding string 'foo', should be one of {'same', 'valid'}",
                assertThrows(IllegalArgumentException.class, () -> new Conv1d(3, 4, 3, 1, "foo", 1, 1, true))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functional.conv2d(det(0f, 1, 3, 5, 5), det(1f, 4, 3, 3, 3),
                null, new int[] {2, 2}, "same", new int[] {1, 1}, 1));
    }
}

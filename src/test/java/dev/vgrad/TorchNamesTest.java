package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The refusals and the non-tensor results of the names added from torch's namespace (broadcast_to ... renorm); their
 * values and gradients are checked against PyTorch in TorchOpsFixturesTest ("torch_names" programs).
 */
class TorchNamesTest {
    @Test
    void arangeFromStartToEndStepsByOne() {
        // torch.arange(2, 6.5) and torch.arange(-1.5, 1): the default step of 1, the count ceil(end - start)
        assertArrayEquals(new float[] {2f, 3f, 4f, 5f, 6f}, Tensor.arange(2f, 6.5f).toArray());
        assertArrayEquals(new float[] {-1.5f, -0.5f, 0.5f}, Tensor.arange(-1.5f, 1f).toArray());
        assertEquals(0, Tensor.arange(3f, 3f).numel(), "an empty range");
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(3f, 1f), "end below start with step 1");
    }

    @Test
    void badArgumentsAreRefusedWithWhatIsWrong() {
        Tensor x = Tensor.arange(12f).reshape(3, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> x.tensorSplit(0, 0));
        assertTrue(e.getMessage().contains("must be greater than 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.unflatten(1, 3, 2));
        assertTrue(e.getMessage().contains("don't multiply up to the size of dim 1 (4)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.take(Tensor.of(1f, 12f)));
        assertTrue(e.getMessage().contains("index 12.0 at position 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.vdot(x));
        assertEquals("1D tensors expected, but got 2D and 2D tensors", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.kthvalue(5, 1, false));
        assertTrue(e.getMessage().contains("k 5, size 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.renorm(0f, 0, 1f));
        assertThrows(IllegalArgumentException.class, () -> x.isclose(x, -1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> Tensor.vstack(List.of()));
    }

    @Test
    void allcloseAndKthvaluesIndicesAnswerAsPyTorchsDo() {
        Tensor a = Tensor.of(1f, Float.NaN, Float.POSITIVE_INFINITY);
        assertFalse(a.allclose(a), "NaN is not close to NaN by default");
        assertTrue(a.allclose(a, 1e-5, 1e-8, true));
        assertFalse(Tensor.of(1f).allclose(Tensor.of(1.001f)));
        List<Tensor> kth = Tensor.of(new float[] {5, 1, 4, 2, 3}, 5).kthvalue(2, 0, false);
        assertEquals(2f, kth.get(0).item());
        assertEquals(3f, kth.get(1).item(), "the index of the second smallest");
        assertArrayEquals(new float[] {1, 0, 0, 1}, Tensor.of(-0f, 0f, 1f, -2f).signbit().toArray());
        assertArrayEquals(new int[] {2, 3, 4}, Tensor.ones(3, 1).broadcastTo(2, 3, 4).shape());
        assertArrayEquals(new int[] {1, 3, 1}, Tensor.atleast3d(Tensor.ones(3)).shape(), "torch: (1, N, 1)");
        Tensor rows = Tensor.of(new float[] {1f, -3f, 2f, 0.5f, 0.2f, -0.1f}, 2, 3);
        assertArrayEquals(new float[] {0.5f, -1.5f, 1f, 0.5f, 0.2f, -0.1f},
                rows.renorm(Float.POSITIVE_INFINITY, 0, 1.5f).toArray(), 1e-6f, "torch.renorm with p = inf");
    }

    @Test
    void aliasesAreTheOpsTheyName() {
        Tensor x = Tensor.of(new float[] {1, -2, 3, -4, 5, -6}, 2, 3), y = Tensor.full(2f, 2, 3);
        assertArrayEquals(x.abs().toArray(), x.absolute().toArray());
        assertArrayEquals(x.clamp(-3f, 3f).toArray(), x.clip(-3f, 3f).toArray());
        assertArrayEquals(x.mul(y).toArray(), x.multiply(y).toArray());
        assertArrayEquals(x.div(y).toArray(), x.divide(y).toArray());
        assertArrayEquals(x.sub(y).toArray(), x.subtract(y).toArray());
        assertArrayEquals(x.gt(y).toArray(), x.greater(y).toArray());
        assertArrayEquals(x.le(y).toArray(), x.lessEqual(y).toArray());
        assertArrayEquals(new float[] {3, -2, 1, -6, 5, -4}, x.fliplr().toArray(), "fliplr reverses each row");
        assertArrayEquals(new float[] {-4, 5, -6, 1, -2, 3}, x.flipud().toArray(), "flipud reverses the rows");
        assertArrayEquals(new float[] {-4, -2, -6, 1, 5, 3}, x.msort().toArray(), "msort sorts each column");
        assertArrayEquals(new int[] {6}, x.ravel().shape());
        assertArrayEquals(new int[] {3, 2}, x.swapaxes(0, 1).shape());
        assertEquals((float) Math.sqrt(1 + 16 + 1 + 36 + 9 + 64), x.dist(y, 2f).item(), 1e-5f);
        assertEquals(23f, x.dist(y, 1f).item(), 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, 2f).fliplr());
    }

    @Test
    void scattersAndNumberOpsRefuseWithWhatIsWrong() {
        Tensor x = Tensor.arange(6f).reshape(2, 3), before = x.clone();
        Tensor index = Tensor.of(new float[] {0, 2, 1, 1, 0, 2}, 2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> x.scatterReduce(1, index, x, "max"));
        assertTrue(e.getMessage().contains("reduce argument must be either sum, prod, mean, amax or amin, got max"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.scatterReduce(1, index.add(1f), x, "sum"));
        assertTrue(e.getMessage().contains("index 3 at position [0, 1] is out of bounds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.indexReduce(0, Tensor.of(1f), x, "sum"));
        assertTrue(e.getMessage().contains("prod, mean, amax or amin, got sum"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.indexReduce(0, Tensor.of(1f), x, "prod"));
        assertTrue(e.getMessage().contains("source [2, 3] must have self's shape [2, 3] with dimension 0 of the "
                + "index's length 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.sliceScatter(Tensor.ones(2, 2), 1, 0, 3, 1));
        assertTrue(e.getMessage().contains("expected src to have a size equal to the slice 1[0:3:1] [2, 3], but got "
                + "[2, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.sliceScatter(Tensor.ones(2, 2), 1, 0, 3, 0));
        e = assertThrows(IllegalArgumentException.class, () -> x.selectScatter(Tensor.ones(3), 0, 2));
        assertTrue(e.getMessage().contains("index 2 out of range for dimension 0 of size 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.diagonalScatter(Tensor.ones(2), 0, 1, -1));
        assertTrue(e.getMessage().contains("dim1 and dim2 cannot be the same"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.maskedScatter(Tensor.of(1f, 1f, 0f), Tensor.ones(3)));
        assertTrue(e.getMessage().contains("at least 4 elements (the mask's nonzeros), got 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.put(Tensor.of(-7f), Tensor.ones(1), false));
        assertEquals("put: index -7.0 at flat position 0 is not an integer in [-6, 6) for a tensor of 6 elements [2, 3]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.div(x, "round"));
        assertTrue(e.getMessage().contains("one of None, 'trunc', or 'floor' but found 'round'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.gcd(Tensor.of(1.5f)));
        assertTrue(e.getMessage().contains("expected integers (as floats), got 1.5 at flat position 0"),
                e.getMessage());
        assertArrayEquals(before.toArray(), x.toArray(), "every refusal leaves the tensor as it was");

        Tensor w = Tensor.of(3f, -7f).requiresGrad_(true);
        var u = assertThrows(UnsupportedOperationException.class, () -> w.floorDivide(2f).sum().backward());
        assertEquals("the derivative for 'floor_divide' is not implemented.", u.getMessage());
        u = assertThrows(UnsupportedOperationException.class, () -> w.nextafter(Tensor.of(0f)).sum().backward());
        assertEquals("the derivative for 'nextafter' is not implemented.", u.getMessage());
        w.div(2f, "floor").sum().backward();
        assertArrayEquals(new float[] {0f, 0f}, w.grad().toArray(), "a rounded quotient's gradient is 0");
    }

    @Test
    void modeFrexpAndRunsAnswerAsPyTorchsDo() {
        List<Tensor> mode = Tensor.of(new float[] {3, 1, 3, 1, 2, 0, -0f, 5, 0, 5}, 2, 5).mode(1, false);
        assertArrayEquals(new float[] {1f, 0f}, mode.get(0).toArray(), "the smallest of the most frequent");
        assertArrayEquals(new float[] {3f, 3f}, mode.get(1).toArray(), "at its last position");
        float tiny = 1e-40f;
        List<Tensor> parts = Tensor.of(tiny, -48f, 0f).frexp();
        assertArrayEquals(new float[] {-132f, 6f, 0f}, parts.get(1).toArray(), "a subnormal's exponent too");
        assertEquals(tiny, Math.scalb(parts.get(0).toArray()[0], -132));
        assertEquals(-0.75f, parts.get(0).toArray()[1]);
        assertArrayEquals(new float[] {Float.MIN_VALUE, Math.nextDown(1f)},
                Tensor.of(0f, 1f).nextafter(Tensor.of(1f, 0f)).toArray());
        assertArrayEquals(new float[] {-4f, 3f, Float.NEGATIVE_INFINITY},
                Tensor.of(-7f, 7f, -1f).floorDivide(Tensor.of(2f, 2f, 0f)).toArray());
        List<Tensor> runs = Tensor.of(1f, 1f, Float.NaN, Float.NaN, -0f, 0f).uniqueConsecutive(true, true);
        assertArrayEquals(new float[] {1f, Float.NaN, Float.NaN, -0f}, runs.get(0).toArray(), "each NaN a run");
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 3}, runs.get(1).toArray());
        assertArrayEquals(new float[] {2, 1, 1, 2}, runs.get(2).toArray());
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1f).uniqueConsecutive(false, false, 0));
        assertArrayEquals(new float[] {2f, 6f, 0f}, Tensor.of(-4f, 6f, 0f).gcd(Tensor.of(6f, 0f, 0f)).toArray());
        assertArrayEquals(new float[] {12f, 18f, 0f}, Tensor.of(-4f, 6f, 0f).lcm(Tensor.of(6f, -9f, 3f)).toArray());
    }

    @Test
    void splitsGradientsHistogramsAndWindowsRefuseWithWhatIsWrong() {
        Tensor x = Tensor.arange(15f).reshape(5, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> x.hsplit(2));
        assertEquals("torch.hsplit attempted to split along dimension 1, but the size of the dimension 3 is not "
                + "divisible by the split_size 2!", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.dsplit(1));
        assertTrue(e.getMessage().contains("requires a tensor with at least 3 dimensions, but got a tensor with 2"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.split(new int[] {2, 2}, 0));
        assertTrue(e.getMessage().contains("to sum exactly to 5 (input tensor's size at dimension 0), but got "
                + "split_sizes=[2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.gradient(new float[] {1f}, null, 3));
        assertEquals("torch.gradient only supports edge_order=1 and edge_order=2.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2, 4).gradient(new float[] {1f}, null, 2));
        assertTrue(e.getMessage().contains("at least edge_order+1, got size 2 at dimension 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.gradient(new float[] {1f, 2f, 3f}, null, 1));
        assertTrue(e.getMessage().contains("length to be equal to 2 (the number of dimensions), got 3"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, Float.NaN).histogram(3, new float[] {0f,
                2f}, null, false));
        assertEquals("torch.histogram(): input holds NaN at flat position 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.histogram(3, new float[] {3f, 0f}, null, false));
        assertTrue(e.getMessage().contains("min should not exceed max"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.hannWindow(-1));
        assertTrue(e.getMessage().contains("non-negative window_length"), e.getMessage());
        assertArrayEquals(new int[] {0}, Tensor.kaiserWindow(0, true, 12).shape());
        assertArrayEquals(new float[] {1f}, Tensor.blackmanWindow(1, false).toArray());
        assertTrue(Tensor.of(-0f, 1f).equal(Tensor.of(0f, 1f)), "torch.equal: -0 == 0");
        assertFalse(Tensor.of(Float.NaN).equal(Tensor.of(Float.NaN)), "torch.equal: NaN != NaN");
        assertFalse(Tensor.of(1f, 2f).equal(Tensor.of(1f, 2f).reshape(2, 1)), "shapes differ");
        List<Tensor> h = Tensor.of(1f, 1f, 1f).histogram(4, null, null, false);
        assertArrayEquals(new float[] {0.5f, 0.75f, 1f, 1.25f, 1.5f}, h.get(1).toArray(), "equal values widened");
        assertArrayEquals(new float[] {0f, 0f, 3f, 0f}, h.get(0).toArray());
        e = assertThrows(IllegalArgumentException.class, () -> Linalg.svdLowrank(Tensor.ones(5, 3), 4, 2, null,
                new Generator(1)));
        assertEquals("svd_lowrank: q(=4) must be in [0, min(m, n)=3] and niter(=2) non-negative, for A [5, 3]",
                e.getMessage());
        List<Tensor> usv = Linalg.pcaLowrank(Tensor.randn(new Generator(2), 9, 4), null, true, 2, new Generator(3));
        assertArrayEquals(new int[] {4, 4}, usv.get(2).shape(), "q defaults to min(6, m, n)");
    }

    @Test
    void gradientAndAdaptiveMaxPoolingAreDifferentiable() {
        Generator g = new Generator(31);
        Tensor coordinates = Tensor.of(0f, 0.7f, 1.5f, 3f);
        assertTrue(dev.vgrad.autograd.GradCheck.gradcheck(v -> v[0].gradient(new float[] {0.5f, 2f}, null, 2).get(1)
                .add(v[0].gradient(new Tensor[] {coordinates}, new int[] {0}, 2).get(0).square()),
                Tensor.randn(g, 4, 3)));
        assertTrue(dev.vgrad.autograd.GradCheck.gradcheck(v -> dev.vgrad.nn.Functional.adaptiveMaxPool2dWithIndices(
                v[0], new int[] {2, 3}).get(0).exp(), Tensor.randn(g, 1, 2, 5, 4)));
    }

    @Test
    void advancedIndexingRefusesWithWhatIsWrongAndDifferentiatesTwice() {
        Tensor x = Tensor.arange(24f).reshape(2, 3, 4);
        var e = assertThrows(IllegalArgumentException.class, () -> x.index(Tensor.of(0f), Tensor.of(0f),
                Tensor.of(0f), Tensor.of(0f)));
        assertEquals("index: too many indices for tensor of dimension 3 (got 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.index(Tensor.of(0f, 1f), Tensor.of(0f, 1f, 2f)));
        assertEquals("index: shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.index(null, Tensor.of(-4f)));
        assertEquals("index: index -4 is out of bounds for dimension 1 with size 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.indexPut(new Tensor[] {Tensor.of(0f, 1f)},
                Tensor.ones(5), false));
        assertEquals("index_put: shape mismatch: value tensor of shape [5] cannot be broadcast to indexing result of "
                + "shape [2, 3, 4]", e.getMessage());
        assertArrayEquals(new int[] {2, 2, 3}, x.index(Tensor.of(new float[] {0f, 1f}, 2, 1), null, Tensor.of(1f, -1f))
                .shape(),
                "separated indexed dimensions: the index's shape first");
        assertArrayEquals(new float[] {1f, 23f}, x.index(Tensor.of(0f, 1f), Tensor.of(0f, -1f), Tensor.of(1f, 3f))
                .toArray());
        Tensor y = Tensor.zeros(3);
        y.indexPut_(new Tensor[] {Tensor.of(0f, 0f, 2f)}, Tensor.ones(3), true);
        assertArrayEquals(new float[] {2f, 0f, 1f}, y.toArray(), "index_put_ accumulates repeated positions in place");
        Tensor i = Tensor.of(new float[] {1f, 0f, 1f, 2f}, 2, 2), j = Tensor.of(1f, 0f), k = Tensor.of(2f, 0f);
        assertTrue(dev.vgrad.autograd.GradCheck.gradgradcheck(v -> v[0].index(i, null, k).square().sum()
                .add(v[0].index(i, j).exp().sum()).add(v[0].indexPut(new Tensor[] {i}, v[1], true).square().sum())
                .add(v[0].indexPut(new Tensor[] {j, null, Tensor.of(1f)}, v[1].narrow(1, 0, 2), false).sin().sum()),
                Tensor.randn(new Generator(8), 3, 2, 3), Tensor.randn(new Generator(9), 2, 3)));
    }

    @Test
    void unfoldAndBitwiseOpsAnswerAndRefuseAsPyTorchs() {
        Tensor x = Tensor.arange(10f).reshape(2, 5);
        Tensor windows = x.unfold(1, 3, 2);
        assertArrayEquals(new int[] {2, 2, 3}, windows.shape());
        assertArrayEquals(new float[] {0, 1, 2, 2, 3, 4, 5, 6, 7, 7, 8, 9}, windows.toArray(), "overlapping windows");
        var e = assertThrows(IllegalArgumentException.class, () -> x.unfold(1, 6, 1));
        assertEquals("maximum size for tensor at dimension 1 is 5 but size is 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.unfold(0, 1, 0));
        assertEquals("step is 0 but must be > 0", e.getMessage());
        assertArrayEquals(new int[] {1}, Tensor.scalar(3f).unfold(0, 1, 1).shape(), "a 0-d tensor: one window");
        assertTrue(dev.vgrad.autograd.GradCheck.gradgradcheck(v -> v[0].t().unfold(0, 2, 1).square().sum(),
                Tensor.randn(new Generator(12), 3, 4)), "unfold of a transposed view, windows overlapping");
        assertArrayEquals(new float[] {-5f, 6f, 0f}, Tensor.of(-5f, 6f, 7f).bitwiseAnd(Tensor.of(-1f, 7f, -8f))
                .toArray(), 0f);
        assertArrayEquals(new float[] {4f, -1f}, Tensor.of(-5f, 0f).bitwiseNot().toArray(), 0f);
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(0.5f).bitwiseOr(Tensor.of(1f)));
        assertTrue(e.getMessage().startsWith("bitwise_or: expected integers (as floats), got 0.5"), e.getMessage());
    }
    @Test
    void tensorPropertiesAndFactoriesOfPyTorch() {
        Tensor x = Tensor.randn(new Generator(8), 2, 3, 4);
        assertArrayEquals(new int[] {4, 3, 2}, x.T().shape());
        assertArrayEquals(new int[] {2, 4, 3}, x.mT().shape());
        assertEquals(x.storage, x.mT().storage, "a view");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, x::H);
        assertEquals("tensor.H is only supported on matrices (2-D tensors). Got 3-D tensor. For batches of matrices, "
                + "consider using tensor.mH", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1f, 2f).mT());
        assertEquals("tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.", e.getMessage());
        assertEquals(3, x.ndim());
        assertEquals(24, x.nelement());
        assertEquals(4, x.elementSize());
        assertTrue(x.isSameSize(Tensor.zeros(2, 3, 4)));
        assertFalse(x.isSameSize(Tensor.zeros(2, 4, 3)));
        assertTrue(Tensor.scalar(Float.NaN).isNonzero());
        assertFalse(Tensor.of(0f).isNonzero());
        IllegalStateException ambiguous = assertThrows(IllegalStateException.class, x::isNonzero);
        assertEquals("Boolean value of Tensor with more than one value is ambiguous", ambiguous.getMessage());
        assertArrayEquals(new float[] {2.5f, 2.5f}, x.newFull(new int[] {2}, 2.5f).toArray());
        assertArrayEquals(new float[4], x.newEmpty(2, 2).toArray());
        float[] values = {1f, 2f};
        Tensor copied = x.newTensor(values, 2, 1);
        values[0] = 9f;
        assertArrayEquals(new float[] {1f, 2f}, copied.toArray(), "new_tensor copies");
        assertArrayEquals(new int[] {3, 1}, x.sumToSize(3, 1).shape());
        e = assertThrows(IllegalArgumentException.class, () -> x.sumToSize(3, 2));
        assertEquals("sum_to_size: size [3, 2] is not expandable to size [2, 3, 4]", e.getMessage());
    }

    @Test
    void fillDiagonalThroughAViewKeepsTheViewsHistory() {
        Generator g = new Generator(9);
        // a transposed view filled, then used: its gradient must see the fill (zero on the diagonal)
        assertTrue(dev.vgrad.autograd.GradCheck.gradcheck(xs -> {
            Tensor y = xs[0].mul(1f);
            Tensor v = y.t();
            v.fillDiagonal_(0.5f, true);
            return v.mul(v);
        }, Tensor.randn(g, 2, 7)));
        Tensor cube = Tensor.zeros(3, 3, 3).fillDiagonal_(1f, false);
        assertEquals(3f, cube.sum().item());
        assertEquals(1f, cube.get(2, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3, 4, 3).fillDiagonal_(1f, false));
        assertEquals("fill_diagonal_: all dimensions of input must be of equal length (got shape [3, 4, 3])",
                e.getMessage());
        Tensor leaf = Tensor.zeros(2, 2).requiresGrad_();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> leaf.fillDiagonal_(1f, false));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", refused.getMessage());
        assertArrayEquals(new float[4], leaf.toArray());
    }
}

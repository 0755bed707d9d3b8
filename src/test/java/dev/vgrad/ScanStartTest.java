package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Scans start as PyTorch's do, from 0 (cumsum) or -inf (logcumsumexp), so a leading -0 becomes 0. */
class ScanStartTest {
    @Test
    void aLineOfNegativeZerosSumsToPositiveZeros() {
        // torch: tensor([[-0., -0., -0.]]).cumsum(1) == [[0., 0., 0.]] (all +0), along dim 0 of its transpose too,
        // and logcumsumexp's first element likewise; a leading 1.5 or NaN is kept
        Tensor zeros = Tensor.full(-0f, 2, 3);
        for (Tensor y : new Tensor[] {zeros.cumsum(1), zeros.cumsum(0), zeros.t().contiguous().cumsum(0),
            zeros.logcumsumexp(1).narrow(1, 0, 1)}) {
            for (float v : y.toArray()) {
                assertEquals(0x0, Float.floatToRawIntBits(v), "+0 expected, got " + v);
            }
        }
        float[] kept = Tensor.of(new float[] {1.5f, Float.NaN, -2f}, 3).cumsum(0).toArray();
        assertEquals(1.5f, kept[0]);
        assertEquals(Float.NaN, kept[1]);
        // the backward is a reversed scan, which starts from the last element's gradient plus 0
        Tensor x = Tensor.ones(3).requiresGrad_();
        x.cumsum(0).backward(Tensor.of(new float[] {1f, 2f, -0f}, 3));
        assertEquals(0x0, Float.floatToRawIntBits(x.grad().toArray()[2]));
    }
}

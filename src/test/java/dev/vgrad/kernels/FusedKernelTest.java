package dev.vgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fused optimizer kernels give bit for bit what the op sequences they replace give. */
class FusedKernelTest {
    @Test
    void adamMatchesTheUnfusedSequenceBitForBit() {
        SplittableRandom r = new SplittableRandom(4);
        for (int n : KernelAssert.LENGTHS) {
            for (float wd : new float[] {0f, 0.01f}) {
                float[] p = KernelAssert.random(r, n, -1, 1), g = KernelAssert.random(r, n, -1, 1);
                float[] m = KernelAssert.random(r, n, -0.1f, 0.1f), v = KernelAssert.random(r, n, 0, 0.1f);
                float b1 = 0.9f, c1 = 0.1f, b2 = 0.999f, c2 = 0.001f, bc2 = 0.3f, eps = 1e-8f, step = -0.002f;
                // The unfused sequence, as Adam runs it op by op.
                float[] p2 = p.clone(), g2 = g.clone(), m2 = m.clone(), v2 = v.clone();
                if (wd != 0f) {
                    Fused.axpy(n, wd, p2, 0, g2, 0);
                }
                Elementwise.unary(UnaryOp.MUL_SCALAR, b1, 0f, n, m2, 0, 1, m2, 0, 1);
                Fused.axpy(n, c1, g2, 0, m2, 0);
                Elementwise.unary(UnaryOp.MUL_SCALAR, b2, 0f, n, v2, 0, 1, v2, 0, 1);
                Fused.addcmul(n, c2, g2, 0, g2, 0, v2, 0);
                float[] denom = new float[n];
                Elementwise.unary(UnaryOp.SQRT, 0f, 0f, n, v2, 0, 1, denom, 0, 1);
                Elementwise.unary(UnaryOp.DIV_SCALAR, bc2, 0f, n, denom, 0, 1, denom, 0, 1);
                Elementwise.unary(UnaryOp.ADD_SCALAR, eps, 0f, n, denom, 0, 1, denom, 0, 1);
                Fused.addcdiv(n, step, m2, 0, denom, 0, p2, 0);

                Fused.adam(n, p, 0, g, 0, m, 0, v, 0, wd, b1, c1, b2, c2, bc2, eps, step);
                assertArrayEquals(m2, m, 0f, "m n=" + n);
                assertArrayEquals(v2, v, 0f, "v n=" + n);
                assertArrayEquals(p2, p, 0f, "p n=" + n + " wd=" + wd);
            }
        }
    }
}

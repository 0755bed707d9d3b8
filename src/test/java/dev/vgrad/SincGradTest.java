package dev.vgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * sinc's gradient against pi h(pi x), h(s) = (s cos s - sin s) / s^2, taken in double: by its series near 0 (where the
 * quotient cancels in double too) and by the quotient elsewhere. In float the quotient's numerator cancels to -s^3 / 3
 * near 0; read from it, x = 1.4e-4 gave twice the gradient.
 */
class SincGradTest {
    /** h(s) in double: the series through s^9 below |s| = 1/2, the quotient above. */
    private static double h(double s) {
        if (Math.abs(s) < 0.5) {
            double s2 = s * s;
            return s * (-1.0 / 3 + s2 * (1.0 / 30 + s2 * (-1.0 / 840 + s2 * (1.0 / 45360 - s2 / 3991680))));
        }
        return (s * Math.cos(s) - Math.sin(s)) / (s * s);
    }

    private static float[] gradient(float... xs) {
        Tensor x = Tensor.of(xs).requiresGrad_();
        x.sinc().sum().backward();
        return x.grad().toArray();
    }

    @Test
    void nearZeroTheGradientIsTheSeries() {
        float[] xs = new float[601];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (i - 300) * 0.001f;   // through |pi x| = 1/2 at |x| = 0.159 and out to 0.3
        }
        float[] extra = {1e-30f, -1e-20f, 1e-6f, 1.4112798e-4f, -0.0028f, 0.159f, -0.1592f, 0.16f};
        float[] all = new float[xs.length + extra.length];
        System.arraycopy(xs, 0, all, 0, xs.length);
        System.arraycopy(extra, 0, all, xs.length, extra.length);
        float[] got = gradient(all);
        for (int i = 0; i < all.length; i++) {
            double want = all[i] == 0f ? 0 : Math.PI * h(Math.PI * all[i]);
            assertEquals(want, got[i], 1e-6 * Math.abs(want) + 1e-38, "sinc'(" + all[i] + ")");
        }
    }

    @Test
    void awayFromZeroTheQuotientStaysAsGoodAsFloatAllows() {
        float[] xs = {0.5f, -0.7f, 1f, 1.3f, 2.7f, -3.1f, 10.3f, 100.25f};
        float[] got = gradient(xs);
        for (int i = 0; i < xs.length; i++) {
            double s = Math.PI * xs[i];
            double want = Math.PI * h(s);
            // the quotient's rounding (a few ulps of its two terms, divided by s^2) and s's own (pi x rounded to
            // float moves h by its derivative, about sin(s) / s, times s's half ulp, about 6e-8 s)
            double slack = 1e-6 * (Math.abs(want) + Math.PI * (Math.abs(s * Math.cos(s)) + Math.abs(Math.sin(s)))
                    / (s * s)) + Math.PI * 1.2e-7 * Math.abs(Math.sin(s));
            assertEquals(want, got[i], slack, "sinc'(" + xs[i] + ")");
        }
    }

    @Test
    void firstAndSecondDerivativesPassTheCheckOnBothSidesOfTheSwitch() {
        Tensor x = Tensor.of(0.01f, -0.05f, 0.1f, 0.14f, -0.17f, 0.3f, 1.2f);
        assertTrue(GradCheck.gradcheck(in -> in[0].sinc().sum(), x));
        assertTrue(GradCheck.gradgradcheck(in -> in[0].sinc().sum(), x));
    }
}

package dev.vgrad;

import dev.vgrad.kernels.SpecialFunctions;

/**
 * The implicit reparameterization gradients PyTorch gives its gamma and Dirichlet draws (Figurnov et al., 2018):
 * torch._standard_gamma_grad, d x / d alpha = -(d/d alpha CDF(x; alpha)) / pdf(x; alpha) for x ~ Gamma(alpha, 1), and
 * torch._dirichlet_grad, its Beta counterpart scaled by 1 / (1 - x). Both are approximations PyTorch chose by region (a
 * series for small x, Rice's saddle point for large concentrations, fitted rational corrections elsewhere); this
 * class evaluates the same approximation in each region, in double where PyTorch's kernel accumulates in double and
 * in float where it computes in float, so that the gradients agree with torch's to float rounding, not only with the
 * exact derivative.
 */
final class GammaGradients {
    private GammaGradients() {}

    /** The fitted rational approximation's coefficients in log(x / alpha), for d x / d alpha of a gamma draw. */
    private static final double[][] GAMMA_UV = {
        {0.16009398, -0.094634809, 0.025146376, -0.0030648343, 1, 0.32668115, 0.10406089, 0.0014179084},
        {0.53487893, 0.1298071, 0.065735949, -0.0015649758, 0.16639465, 0.020070113, -0.0035938915, -0.00058392623},
        {0.040121004, -0.0065914022, -0.0026286047, -0.0013441777, 0.017050642, -0.0021309326, 0.00085092367,
            -1.5247877e-07},
    };

    /** The Beta correction's coefficients: [numerator, denominator][power of u][power of a][power of b]. */
    private static final double[][][][] BETA_CORRECTION = {
        {{{1.003668233, -0.01061107488, -0.0657888334, 0.01201642863},
            {0.6336835991, -0.3557432599, 0.05486251648, -0.001465281033},
            {-0.03276231906, 0.004474107445, 0.002429354597, -0.0001557569013}},
            {{0.221950385, -0.3187676331, 0.01799915743, 0.01074823814},
                {-0.2951249643, 0.06219954479, 0.01535556598, 0.001550077057},
                {0.02155310298, 0.004170831599, 0.001292462449, 6.976601077e-05}},
            {{-0.05980841433, 0.008441916499, 0.01085618172, 0.002319392565},
                {0.02911413504, 0.01400243777, -0.002721828457, 0.000751041181},
                {0.005900514878, -0.001936558688, -9.495446725e-06, 5.385558597e-05}}},
        {{{1, -0.02924021934, -0.04438342661, 0.007285809825},
            {0.6357567472, -0.3473456711, 0.05454656494, -0.002407477521},
            {-0.03301322327, 0.004845219414, 0.00231480583, -0.0002307248149}},
            {{0.5925320577, -0.1757678135, 0.01505928619, 0.000564515273},
                {0.1014815858, -0.06589186703, 0.01272886114, -0.0007316646956},
                {-0.007258481865, 0.001096195486, 0.0003934994223, -4.12701925e-05}},
            {{0.06469649321, -0.0236701437, 0.002902096474, -5.896963079e-05},
                {0.001925008108, -0.002869809258, 0.0008000589141, -6.063713228e-05},
                {-0.0003477407336, 6.959756487e-05, 1.097287507e-05, -1.650964693e-06}}},
    };

    /** d x / d alpha for a draw x of Gamma(alpha, 1); 0 where the series gives NaN, as PyTorch's. */
    static float standardGamma(float alphaFloat, float xFloat) {
        double x = xFloat;
        double alpha = alphaFloat;
        if (x < 0.8f) {
            double numer = 1;
            double denom = alpha;
            double series1 = numer / denom;
            double series2 = numer / (denom * denom);
            for (int i = 1; i <= 5; ++i) {
                numer *= -x / i;
                denom += 1;
                series1 += numer / denom;
                series2 += numer / (denom * denom);
            }
            double powXAlpha = StrictMath.pow(x, alpha);
            double pdf = StrictMath.pow(x, alpha - 1) * StrictMath.exp(-x);
            double cdf = powXAlpha * series1;
            double cdfAlpha = (StrictMath.log(x) - SpecialFunctions.digamma(alpha)) * cdf - powXAlpha * series2;
            double result = -cdfAlpha / pdf;
            return Double.isNaN(result) ? 0f : (float) result;
        }
        if (alpha > 8.0f) {
            if (0.9f * alpha <= x && x <= 1.1f * alpha) {
                double numer1 = 1 + 24 * alpha * (1 + 12 * alpha);
                double numer2 = 1440 * (alpha * alpha) + 6 * x * (53 - 120 * x) - 65 * x * x / alpha
                        + alpha * (107 + 3600 * x);
                double denom = 1244160 * (alpha * alpha) * (alpha * alpha);
                return (float) (numer1 * numer2 / denom);
            }
            double denom = Math.sqrt(8 * alpha);
            double term2 = denom / (alpha - x);
            double term3 = StrictMath.pow(x - alpha - alpha * StrictMath.log(x / alpha), -1.5);
            double term23 = x < alpha ? term2 - term3 : term2 + term3;
            double term1 = StrictMath.log(x / alpha) * term23
                    - Math.sqrt(2 / alpha) * (alpha + x) / ((alpha - x) * (alpha - x));
            double stirling = 1 + 1 / (12 * alpha) * (1 + 1 / (24 * alpha));
            return (float) (-stirling * (x * term1) / denom);
        }
        double u = StrictMath.log(x / alpha);
        double v = StrictMath.log(alpha);
        double[] cv = new double[8];
        for (int i = 0; i < 8; i++) {
            cv[i] = GAMMA_UV[0][i] + u * (GAMMA_UV[1][i] + u * GAMMA_UV[2][i]);
        }
        double p = cv[0] + v * (cv[1] + v * (cv[2] + v * cv[3]));
        double q = cv[4] + v * (cv[5] + v * (cv[6] + v * cv[7]));
        return (float) StrictMath.exp(p / q);
    }

    /**
     * d x / d alpha for coordinate x of a Dirichlet draw of concentration alpha in a row whose concentrations sum to
     * total, divided by 1 - x (PyTorch's scaled Beta gradient).
     */
    static float dirichlet(float x, float alpha, float total) {
        float beta = total - alpha;
        float boundary = total * x * (1 - x);
        if (x <= 0.5f && boundary < 2.5f) {
            return alphaSmall(x, alpha, beta);
        }
        if (x >= 0.5f && boundary < 0.75f) {
            return -betaSmall(1 - x, beta, alpha);
        }
        if (alpha > 6 && beta > 6) {
            return alphaMid(x, alpha, (double) total - alpha);
        }
        double u = StrictMath.log(x);
        double a = StrictMath.log(alpha) - u;
        double b = StrictMath.log(total) - a;
        double[] powU = {1, u, u * u};
        double[] powA = {1, a, a * a};
        double p = 0.0;
        double q = 0.0;
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 3; ++j) {
                double ua = powU[i] * powA[j];
                double[] n = BETA_CORRECTION[0][i][j];
                double[] m = BETA_CORRECTION[1][i][j];
                p += ua * (n[0] + b * (n[1] + b * (n[2] + b * n[3])));
                q += ua * (m[0] + b * (m[1] + b * (m[2] + b * m[3])));
            }
        }
        double approx = x * (digammaFloat(total) - digammaFloat(alpha)) / ((double) total - alpha);
        return (float) (p / q * approx);
    }

    /** The Beta gradient by its Taylor series in x, for x near 0 (float throughout, as PyTorch's). */
    private static float alphaSmall(float x, float alpha, float beta) {
        float factor = digammaFloat(alpha) - digammaFloat(alpha + beta) - (float) StrictMath.log(x);
        float numer = 1;
        float series = numer / alpha * (factor + 1 / alpha);
        for (int i = 1; i <= 10; ++i) {
            float ci = i;
            numer *= (ci - beta) * x / ci;
            float denom = alpha + ci;
            series += numer / denom * (factor + 1 / denom);
        }
        float result = x * (float) StrictMath.pow(1 - x, -beta) * series;
        return Float.isNaN(result) ? 0f : result;
    }

    /** The Beta gradient with respect to beta, for x near 0 (used at 1 - x with the roles swapped). */
    private static float betaSmall(float x, float alpha, float beta) {
        float factor = digammaFloat(alpha + beta) - digammaFloat(beta);
        float numer = 1;
        float betas = 1;
        float dbetas = 0;
        float series = factor / alpha;
        for (int i = 1; i <= 8; ++i) {
            float ci = i;
            numer *= -x / ci;
            dbetas = dbetas * (beta - ci) + betas;
            betas = betas * (beta - ci);
            series += numer / (alpha + ci) * (dbetas + factor * betas);
        }
        float result = -(float) StrictMath.pow(1 - x, 1 - beta) * series;
        return Float.isNaN(result) ? 0f : result;
    }

    /** Rice's saddle-point expansion, for alpha and beta both above 6 (in double). */
    private static float alphaMid(double x, double alpha, double beta) {
        double total = alpha + beta;
        double mean = alpha / total;
        double std = Math.sqrt(alpha * beta / (total + 1)) / total;
        if (mean - 0.1 * std <= x && x <= mean + 0.1 * std) {
            // The expansion is singular at the mean; PyTorch's polynomial stands in there.
            double poly = 47 * x * (beta * beta) * (beta * beta) + alpha * ((43 + 20 * (16 + 27 * beta) * x)
                    * (beta * beta) * beta + alpha * (3 * (59 + 180 * beta - 90 * x) * (beta * beta) + alpha
                    * ((453 + 1620 * beta * (1 - x) - 455 * x) * beta + alpha * (8 * (1 - x) * (135 * beta - 11)))));
            double prefactorNum = (1 + 12 * alpha) * (1 + 12 * beta) / (total * total);
            double prefactorDen = 12960 * alpha * alpha * alpha * beta * beta * (1 + 12 * total);
            return (float) (prefactorNum / (1 - x) * poly / prefactorDen);
        }
        double prefactor = -x / Math.sqrt(2 * alpha * beta / total);
        double stirling = (1 + 1 / (12 * alpha) + 1 / (288 * alpha * alpha))
                * (1 + 1 / (12 * beta) + 1 / (288 * beta * beta))
                / (1 + 1 / (12 * total) + 1 / (288 * total * total));
        double term1Num = 2 * (alpha * alpha) * (x - 1) + alpha * beta * (x - 1) - x * (beta * beta);
        double axbx = alpha * (x - 1) + beta * x;
        double term1Den = Math.sqrt(2 * alpha / beta) * StrictMath.pow(total, 1.5) * axbx * axbx;
        double term1 = term1Num / term1Den;
        double term2 = 0.5f * StrictMath.log(alpha / (total * x));
        double term3 = Math.sqrt(8 * alpha * beta / total) / (beta * x + alpha * (x - 1));
        double term4Base = beta * StrictMath.log(beta / (total * (1 - x)))
                + alpha * StrictMath.log(alpha / (total * x));
        double term4 = StrictMath.pow(term4Base, -1.5);
        double term1234 = term1 + term2 * (term3 + (x < mean ? term4 : -term4));
        return (float) (stirling * prefactor * term1234);
    }

    private static float digammaFloat(float x) {
        return (float) SpecialFunctions.digamma(x);
    }
}

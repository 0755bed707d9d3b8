package dev.vgrad.cli;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;

/**
 * The demo behind {@code ./vgrad demo}: seed notebook 001's thermometer fit. A linear model {@code w * t_u + b}
 * is fitted to Celsius readings by plain gradient descent with autograd, printing the loss every 500 epochs
 * and the final parameters, which the notebook gives as {@code [5.3671, -17.3012]} at loss 2.927647.
 */
public final class Demo {
    static final float[] CELSIUS = {0.5f, 14.0f, 15.0f, 28.0f, 11.0f, 8.0f, 3.0f, -4.0f, 6.0f, 13.0f, 21.0f};
    static final float[] UNKNOWN = {35.7f, 55.9f, 58.2f, 81.9f, 56.3f, 48.9f, 33.9f, 21.8f, 48.4f, 60.4f, 68.4f};

    private Demo() {}

    /** Runs the fit and prints it as the notebook does. */
    public static void main(String[] args) {
        Tensor tc = Tensor.of(CELSIUS);
        Tensor tun = Tensor.of(UNKNOWN).mul(0.1f);
        long start = System.nanoTime();
        Tensor params = trainingLoop(5000, 1e-2f, Tensor.of(1.0f, 0.0f).requiresGrad_(), tun, tc, true);
        long micros = (System.nanoTime() - start) / 1000;
        System.out.println(params);
        System.out.printf("5000 epochs in %d ms%n", micros / 1000);
    }

    static Tensor model(Tensor tu, Tensor w, Tensor b) {
        return w.mul(tu).add(b);
    }

    static Tensor lossFn(Tensor tp, Tensor tc) {
        return tp.sub(tc).pow(2).mean();
    }

    /** The notebook's training_loop: zero the grad, forward, backward, and update under no_grad. */
    public static Tensor trainingLoop(int epochs, float lr, Tensor params, Tensor tu, Tensor tc, boolean print) {
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (params.grad() != null) {
                params.grad().zero_();
            }
            Tensor tp = model(tu, params.select(0, 0), params.select(0, 1));
            Tensor loss = lossFn(tp, tc);
            loss.backward();
            try (var g = GradMode.noGrad()) {
                params.sub_(params.grad().mul(lr));
            }
            if (print && epoch % 500 == 0) {
                System.out.printf("Epoch %d, Loss %f%n", epoch, loss.item());
            }
        }
        return params;
    }
}

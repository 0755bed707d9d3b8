package dev.vgrad;

import java.util.List;

/**
 * A forward and backward pass touching every kernel family whose rounding could depend on JIT state or thread
 * count (GEMM large enough to split across threads, exp, log, sigmoid, tanh, softmax, sums, convolution, pooling,
 * layer norm, attention, erf), summarised as a
 * digest of the exact bits of the loss and every gradient. {@code main} prints it, for a run in a fresh JVM.
 */
final class ReproducibilityProgram {
    private ReproducibilityProgram() {}

    static String digest() {
        Generator g = new Generator(99);
        Tensor x = Tensor.randn(g, 64, 256);
        Tensor w1 = Tensor.randn(g, 128, 256).mul(0.05f).requiresGrad_();
        Tensor b1 = Tensor.randn(g, 128).requiresGrad_();
        Tensor w2 = Tensor.randn(g, 10, 128).mul(0.1f).requiresGrad_();
        Tensor h = Tensor.linear(x, w1, b1).sigmoid().add(x.narrow(1, 0, 128).tanh()).exp().add(1f).log();
        Tensor logits = h.matmul(w2.t());
        Tensor target = Tensor.of(new float[64]).add(3f);
        Tensor loss = Loss.crossEntropy(logits, target, Loss.Reduction.MEAN)
                .add(logits.softmax(1).pow(1.5f).mean()).add(h.sum(0, false).sqrt().mean());
        // the CNN/transformer op set: convolution, pooling, normalization, attention, erf
        Tensor k = Tensor.randn(g, 4, 2, 3, 3).mul(0.3f).requiresGrad_();
        Tensor img = h.narrow(1, 0, 50).reshape(64, 2, 5, 5);
        Tensor conv = dev.vgrad.nn.Functional.conv2d(img, k, null, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1);
        Tensor pooled = dev.vgrad.nn.Functional.maxPool2d(conv, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        Tensor normed = dev.vgrad.nn.Functional.layerNorm(pooled.flatten(1), new int[] {16}, null, null, 1e-5f);
        Tensor seq = normed.reshape(8, 8, 16);
        Tensor att = dev.vgrad.nn.Functional.scaledDotProductAttention(seq, seq, seq, null, true);
        loss = loss.add(dev.vgrad.nn.Functional.gelu(att).logsumexp(-1, false).mean());
        loss.backward();
        long hash = 1125899906842597L;
        for (Tensor t : List.of(loss, w1.grad(), b1.grad(), w2.grad(), k.grad())) {
            for (float v : t.toArray()) {
                hash = 31 * hash + Float.floatToRawIntBits(v);
            }
        }
        return Long.toHexString(hash) + " loss=" + loss.item();
    }

    public static void main(String[] args) {
        System.out.println(digest());
    }
}

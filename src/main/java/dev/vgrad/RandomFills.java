package dev.vgrad;

/**
 * The in-place random fills ({@code uniform_}, {@code normal_}, {@code bernoulli_}, {@code exponential_},
 * {@code geometric_}, {@code cauchy_}, {@code log_normal_}, {@code random_}), drawn as PyTorch 1.13's CPU kernels draw
 * them: one draw per element from the given generator, in the order PyTorch's TensorIterator visits the tensor's
 * elements (memory order, so a transposed view is filled down its columns), each transformed in double as PyTorch's
 * distribution templates do and rounded to float once. A tensor that has history gets a node whose gradient is zero
 * (PyTorch's NormalBackward0, ...). Arguments are checked before anything is drawn, so a refused fill leaves both the
 * tensor and the generator as they were.
 */
final class RandomFills {
    private RandomFills() {}

    /** One element's value from the generator (and, for bernoulli_ with a tensor, that element's probability). */
    @FunctionalInterface
    private interface Draw {
        float next(Generator g, float p);
    }

    static Tensor uniform(Tensor self, double from, double to, Generator g) {
        if (!(from <= to)) {
            throw new IllegalArgumentException("uniform_ expects to return a [from, to) range, but found from=" + from
                    + " > to=" + to);
        }
        float f = (float) from, t = (float) to;
        return fill(self, "uniform_", "UniformBackward0", null, (gen, p) -> gen.uniform(f, t), g);
    }

    /**
     * normal_: a contiguous tensor of 16 elements or more takes PyTorch's batched Box-Muller ({@link Tensor#randn})
     * scaled by one fused multiply-add in float; others one double-precision draw each, as PyTorch's kernel.
     */
    static Tensor normal(Tensor self, double mean, double std, Generator g) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + std);
        }
        if (self.numel() >= 16 && self.isContiguous()) {
            float m = (float) mean, s = (float) std;
            return InPlace.update(self, "normal_", "NormalBackward0", old -> {
                float[] v = Tensor.randn(g, self.numel()).toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.fma(v[i], s, m);
                }
                return Tensor.of(v, self.shape.clone());
            });
        }
        return fill(self, "normal_", "NormalBackward0", null, (gen, p) -> (float) (gen.normal() * std + mean), g);
    }

    static Tensor bernoulli(Tensor self, double probability, Generator g) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("bernoulli_ expects p to be in [0, 1], but got p=" + probability);
        }
        return fill(self, "bernoulli_", "BernoulliBackward2", null,
                (gen, p) -> gen.uniformDouble() < probability ? 1f : 0f, g);
    }

    /** bernoulli_ with a probability per element ({@code probabilities} broadcast to self's shape). */
    static Tensor bernoulli(Tensor self, Tensor probabilities, Generator g) {
        int[] shape = Shapes.broadcast(self.shape, probabilities.shape, "bernoulli_");
        if (!java.util.Arrays.equals(shape, self.shape)) {
            throw new IllegalArgumentException("bernoulli_: the probabilities of shape "
                    + Shapes.str(probabilities.shape) + " cannot be broadcast to the tensor's shape "
                    + Shapes.str(self.shape));
        }
        Sampling.checkProbabilities("bernoulli_", probabilities.detach().toArray(), probabilities.shape);
        return fill(self, "bernoulli_", "BernoulliBackward1", probabilities.detach(),
                (gen, q) -> gen.uniform(0f, 1f) < q ? 1f : 0f, g);
    }

    static Tensor exponential(Tensor self, double lambda, Generator g) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("exponential_ expects lambda >= 0.0, but found lambda=" + lambda);
        }
        return fill(self, "exponential_", "ExponentialBackward0", null,
                (gen, p) -> (float) (-1.0 / lambda * Math.log1p(-gen.uniformDouble())), g);
    }

    static Tensor geometric(Tensor self, double probability, Generator g) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("geometric_ expects p to be in (0, 1), but got p=" + probability);
        }
        double logFailure = Math.log(1.0 - probability);
        return fill(self, "geometric_", "GeometricBackward0", null,
                (gen, p) -> (float) Math.ceil(Math.log(gen.uniformDouble()) / logFailure), g);
    }

    static Tensor cauchy(Tensor self, double median, double sigma, Generator g) {
        return fill(self, "cauchy_", "CauchyBackward0", null,
                (gen, p) -> (float) (median + sigma * StrictMath.tan(Math.PI * (gen.uniformDouble() - 0.5))), g);
    }

    static Tensor logNormal(Tensor self, double mean, double std, Generator g) {
        if (!(std > 0)) {
            throw new IllegalArgumentException("log_normal_ expects std > 0.0, but found std=" + std);
        }
        return fill(self, "log_normal_", "LogNormalBackward0", null,
                (gen, p) -> (float) Math.exp(gen.normal() * std + mean), g);
    }

    /**
     * Integers in [from, to): {@code random() % (to - from) + from} of 32 random bits (PyTorch takes 64 for a range of
     * 2^32 or more, which a float tensor's exact integers never reach).
     */
    static Tensor random(Tensor self, long from, long to, Generator g, String node) {
        if (from >= to) {
            throw new IllegalArgumentException("random_ expects 'from' to be less than 'to', but got from=" + from
                    + " >= to=" + to);
        }
        checkExact(from, to - 1);
        long range = to - from;
        return fill(self, "random_", node, null, (gen, p) -> (float) ((gen.nextInt() & 0xffffffffL) % range + from), g);
    }

    /** random_() of a float tensor: integers in [0, 2^24], PyTorch's {@code random() % (2^24 + 1)}. */
    static Tensor random(Tensor self, Generator g) {
        return fill(self, "random_", "RandomBackward2", null,
                (gen, p) -> (float) ((gen.nextInt() & 0xffffffffL) % ((1L << 24) + 1)), g);
    }

    /** Integers beyond 2^24 are not all floats: a range that reaches past them would round draws silently. */
    private static void checkExact(long low, long high) {
        long limit = 1L << 24;
        if (low < -limit || high > limit) {
            throw new IllegalArgumentException("random_: the range [" + low + ", " + high + "] reaches past 2^24 = "
                    + limit + ", beyond which a float32 tensor cannot hold every integer");
        }
    }

    /**
     * Draws one value per element of self in memory order (self's dimensions taken by decreasing stride) and writes
     * them through {@link InPlace#update}; {@code perElement}, where given, is broadcast to self and handed to the
     * draw of each element.
     */
    private static Tensor fill(Tensor self, String name, String node, Tensor perElement, Draw draw, Generator g) {
        return InPlace.update(self, name, node, old -> {
            int[] order = memoryOrder(self);
            Tensor walk = perElement == null ? null
                    : perElement.expand(self.shape).permute(order).contiguous();
            float[] p = walk == null ? null : walk.toArray();
            int n = self.numel();
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = draw.next(g, p == null ? 0f : p[i]);
            }
            int[] walked = new int[order.length];
            int[] back = new int[order.length];
            for (int d = 0; d < order.length; d++) {
                walked[d] = self.shape[order[d]];
                back[order[d]] = d;
            }
            return Tensor.of(values, walked).permute(back).contiguous();
        });
    }

    /** Self's dimensions by decreasing stride (ties in their order): the permutation walking memory in row-major. */
    private static int[] memoryOrder(Tensor self) {
        Integer[] dims = new Integer[self.dim()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = d;
        }
        java.util.Arrays.sort(dims, (a, b) -> Integer.compare(self.stride[b], self.stride[a]));
        int[] order = new int[dims.length];
        for (int d = 0; d < order.length; d++) {
            order[d] = dims[d];
        }
        return order;
    }
}

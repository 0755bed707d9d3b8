package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import dev.vgrad.nn.Functional;

/**
 * The stick-breaking map from K - 1 unconstrained values to K probabilities, as
 * {@code torch.distributions.transforms.StickBreakingTransform}: value i takes the share sigmoid(x_i - log(K - 1 - i))
 * of what the earlier ones left (the sigmoid clipped to [float's smallest normal, 1 - eps]), the last value the rest;
 * the inverse and log |det J| are PyTorch's, the remaining share clamped above 0 where rounding would make it 0. Its
 * events are the last dimension on both sides ([K - 1] to [K]). {@link LogisticNormal} is a normal through it.
 */
public final class StickBreakingTransform extends ParameterlessTransform {
    private static final float TINY = Float.MIN_NORMAL;
    private static final float ONE_MINUS_EPS = 1f - Math.ulp(1f);

    /** Without a cache. */
    public StickBreakingTransform() {
        this(0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public StickBreakingTransform(int cacheSize) {
        super(cacheSize);
    }

    @Override
    protected Tensor forward(Tensor x) {
        Tensor z = x.sub(logOffsets(x.size(-1))).sigmoid().clamp(TINY, ONE_MINUS_EPS);
        Tensor remaining = z.rsub(1f).cumprod(-1);
        return pad(z, 0, 1).mul(pad(remaining, 1, 0));
    }

    @Override
    protected Tensor inverse(Tensor y) {
        int k = y.size(-1);
        Tensor crop = y.narrow(-1, 0, k - 1);
        Tensor remaining = crop.cumsum(-1).rsub(1f).clampMin(TINY);
        return crop.log().sub(remaining.log()).add(logOffsets(k - 1));
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor shifted = x.sub(logOffsets(x.size(-1)));
        return shifted.neg().add(Functional.logsigmoid(shifted)).add(y.narrow(-1, 0, y.size(-1) - 1).log())
                .sum(-1, false);
    }

    /** log(n), log(n - 1), ..., log(1): PyTorch's offsets (n + 1 - cumsum(ones)), as logs. */
    private static Tensor logOffsets(int n) {
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
            o[i] = (float) Math.log(n - i);
        }
        return Tensor.of(o);
    }

    /** x padded with ones: {@code before} of them in front of its last dimension, {@code after} behind it. */
    private static Tensor pad(Tensor x, int before, int after) {
        return Functional.pad(x, new int[] {before, after}, "constant", 1f);
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL_VECTOR;
    }

    @Override
    public Constraint codomain() {
        return Constraints.SIMPLEX;
    }

    @Override
    public boolean bijective() {
        return true;
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return TransformShapes.lastChanged(shape, 1);
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return TransformShapes.lastChanged(shape, -1);
    }
}

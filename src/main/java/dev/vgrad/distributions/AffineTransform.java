package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.Arrays;

/**
 * y = loc + scale x, as {@code torch.distributions.transforms.AffineTransform}: loc and scale numbers or tensors
 * (broadcast with x), {@code eventDim} rightmost dimensions taken as one event (log |det J| = sum of log |scale| over
 * them). The sign is a number for a number scale and a tensor for a tensor scale, as PyTorch's.
 */
public final class AffineTransform extends Transform {
    private final Tensor loc;
    private final Tensor scale;
    private final float locNumber;
    private final float scaleNumber;
    private final int eventDim;

    /** y = loc + scale x, elementwise, without a cache. */
    public AffineTransform(float loc, float scale) {
        this(null, null, loc, scale, 0, 0);
    }

    /** y = loc + scale x with tensor parameters, elementwise, without a cache. */
    public AffineTransform(Tensor loc, Tensor scale) {
        this(loc, scale, 0, 0);
    }

    /** PyTorch's full form: tensor parameters, event_dim and cache_size. */
    public AffineTransform(Tensor loc, Tensor scale, int eventDim, int cacheSize) {
        this(requireTensor(loc, "loc"), requireTensor(scale, "scale"), 0f, 0f, eventDim, cacheSize);
    }

    /** Number parameters with event_dim and cache_size. */
    public AffineTransform(float loc, float scale, int eventDim, int cacheSize) {
        this(null, null, loc, scale, eventDim, cacheSize);
    }

    private AffineTransform(Tensor loc, Tensor scale, float locNumber, float scaleNumber, int eventDim, int cacheSize) {
        super(cacheSize);
        if (eventDim < 0) {
            throw new IllegalArgumentException("AffineTransform: event_dim must be non-negative, got " + eventDim);
        }
        this.loc = loc;
        this.scale = scale;
        this.locNumber = locNumber;
        this.scaleNumber = scaleNumber;
        this.eventDim = eventDim;
    }

    private static Tensor requireTensor(Tensor t, String name) {
        if (t == null) {
            throw new IllegalArgumentException("AffineTransform: " + name + " is null");
        }
        return t;
    }

    @Override
    protected Tensor forward(Tensor x) {
        return loc == null ? x.mul(scaleNumber).add(locNumber) : loc.add(scale.mul(x));
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return loc == null ? y.sub(locNumber).div(scaleNumber) : y.sub(loc).div(scale);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        int[] shape = x.shape();
        Tensor result = scale == null
                ? Tensor.full((float) StrictMath.log(Math.abs((double) scaleNumber)), shape)
                : scale.abs().log();
        if (eventDim > 0) {
            int[] size = result.shape();
            int[] rows = Arrays.copyOf(size, size.length - eventDim + 1);
            rows[rows.length - 1] = -1;
            result = result.reshape(rows).sum(-1, false);
            shape = Arrays.copyOf(shape, shape.length - eventDim);
        }
        return result.expand(shape);
    }

    /** The same class with equal parameters (numbers by value, tensors element by element) and event dimensions. */
    @Override
    public boolean sameAs(Transform other) {
        if (!(other instanceof AffineTransform o) || o.eventDim != eventDim || (loc == null) != (o.loc == null)) {
            return false;
        }
        return loc == null ? locNumber == o.locNumber && scaleNumber == o.scaleNumber
                : equal(loc, o.loc) && equal(scale, o.scale);
    }

    static boolean equal(Tensor a, Tensor b) {
        return a.eq(b).all().item() != 0f;
    }

    /** The real line, or real blocks of eventDim dimensions. */
    @Override
    public Constraint domain() {
        return eventDim == 0 ? Constraints.REAL : Constraints.independent(Constraints.REAL, eventDim);
    }

    @Override
    public Constraint codomain() {
        return domain();
    }

    @Override
    public boolean bijective() {
        return true;
    }

    @Override
    public int[] forwardShape(int[] shape) {
        if (loc == null) {
            return shape.clone();
        }
        return Tensor.broadcastShapes("AffineTransform", Tensor.broadcastShapes("AffineTransform", shape,
                loc.shape()), scale.shape());
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return forwardShape(shape);
    }

    @Override
    public int sign() {
        if (scale != null) {
            return super.sign();
        }
        return scaleNumber > 0 ? 1 : scaleNumber < 0 ? -1 : 0;
    }

    @Override
    public Tensor signTensor() {
        return scale == null ? null : scale.sign();
    }
}

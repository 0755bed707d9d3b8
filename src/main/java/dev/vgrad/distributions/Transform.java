package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * An invertible map with a computable log |det J|, as {@code torch.distributions.transforms.Transform}: what
 * {@link TransformedDistribution} pushes a base distribution through. {@link #call} is PyTorch's {@code t(x)},
 * {@link #inv} its {@code t.inv(y)}. With {@code cacheSize} 1 a transform remembers its last pair (x, y), by identity,
 * and gives x back for that y without inverting (PyTorch's cache_size=1: why {@code TanhTransform(1)} makes a tanh
 * policy's log-probability of its own sample finite where atanh(tanh(x)) would overflow).
 */
public abstract class Transform {
    private final int cacheSize;
    private Tensor cachedX;
    private Tensor cachedY;

    /** A transform caching its last (x, y) pair when cacheSize is 1; 0 caches nothing. */
    protected Transform(int cacheSize) {
        if (cacheSize != 0 && cacheSize != 1) {
            throw new IllegalArgumentException("cache_size must be 0 or 1, got " + cacheSize);
        }
        this.cacheSize = cacheSize;
    }

    /** y = t(x). */
    public final Tensor call(Tensor x) {
        if (cacheSize == 1 && x == cachedX) {
            return cachedY;
        }
        Tensor y = forward(x);
        remember(x, y);
        return y;
    }

    /** x = t^-1(y); the cached x where y is the cached y. */
    public final Tensor inv(Tensor y) {
        if (cacheSize == 1 && y == cachedY) {
            return cachedX;
        }
        Tensor x = inverse(y);
        remember(x, y);
        return x;
    }

    /** The inverse map as a transform of its own (PyTorch's {@code t.inv}): x = t.inv().call(y). */
    public Transform inv() {
        return new InverseTransform(this);
    }

    private void remember(Tensor x, Tensor y) {
        if (cacheSize == 1) {
            cachedX = x;
            cachedY = y;
        }
    }

    /** The map itself (PyTorch's {@code _call}). */
    protected abstract Tensor forward(Tensor x);

    /** Its inverse (PyTorch's {@code _inverse}). */
    protected abstract Tensor inverse(Tensor y);

    /**
     * log |d y / d x| at (x, y = t(x)), summed over the domain's event dimensions.
     *
     * @throws UnsupportedOperationException where the transform has none (abs, softmax, the lower-Cholesky map:
     *     PyTorch's base class raises NotImplementedError for them)
     */
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no log_abs_det_jacobian"
                + (bijective() ? "" : " (not bijective)"));
    }

    /** Where x may lie (PyTorch's {@code domain}): the real line unless a transform says otherwise. */
    public Constraint domain() {
        return Constraints.REAL;
    }

    /** Where y lies (PyTorch's {@code codomain}). */
    public Constraint codomain() {
        return Constraints.REAL;
    }

    /**
     * Whether {@code inv(call(x)) == x} and {@code call(inv(y)) == y} throughout the domain and codomain (PyTorch's
     * {@code bijective}; false for abs, softmax and the lower-Cholesky map, which only invert on their image).
     */
    public boolean bijective() {
        return false;
    }

    /** How many rightmost dimensions of x form one event (PyTorch's {@code domain.event_dim}). */
    public int domainEventDim() {
        return domain().eventDim();
    }

    /** How many rightmost dimensions of y form one event ({@code codomain.event_dim}). */
    public int codomainEventDim() {
        return codomain().eventDim();
    }

    /** PyTorch's repr: the class's name, {@code ExpTransform()}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }

    /** y's shape for an x of this shape ({@code forward_shape}). */
    public int[] forwardShape(int[] shape) {
        return shape.clone();
    }

    /** x's shape for a y of this shape ({@code inverse_shape}). */
    public int[] inverseShape(int[] shape) {
        return shape.clone();
    }

    /**
     * The sign of d y / d x where it is one number for the whole transform (PyTorch's int {@code sign}): +1 increasing,
     * -1 decreasing. Refused where the sign is a tensor ({@link #signTensor}) or the map is not monotone.
     */
    public int sign() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no single sign");
    }

    /**
     * Whether {@code other} is the same map, as PyTorch's {@code __eq__} decides it (what KL between two transformed
     * distributions asks): by identity unless a transform says otherwise (parameterless ones by class, parameterized
     * ones by class and equal parameters).
     */
    public boolean sameAs(Transform other) {
        return this == other;
    }

    /** The sign as a tensor where it depends on a parameter tensor (an affine map's scale, a power's exponent); else null. */
    public Tensor signTensor() {
        return null;
    }
}

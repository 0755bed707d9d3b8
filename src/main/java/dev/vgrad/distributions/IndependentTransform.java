package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * A transform whose {@code reinterpretedBatchNdims} further rightmost dimensions belong to its events, as
 * {@code torch.distributions.transforms.IndependentTransform}: the same map, its log |det J| summed over those
 * dimensions too.
 */
public final class IndependentTransform extends Transform {
    private final Transform base;
    private final int reinterpreted;

    /** Without a cache of its own. */
    public IndependentTransform(Transform base, int reinterpretedBatchNdims) {
        this(base, reinterpretedBatchNdims, 0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public IndependentTransform(Transform base, int reinterpretedBatchNdims, int cacheSize) {
        super(cacheSize);
        if (base == null || reinterpretedBatchNdims < 0) {
            throw new IllegalArgumentException("IndependentTransform needs a transform and reinterpreted_batch_ndims "
                    + ">= 0, got " + base + ", " + reinterpretedBatchNdims);
        }
        this.base = base;
        this.reinterpreted = reinterpretedBatchNdims;
    }

    /** The wrapped transform (PyTorch's {@code base_transform}). */
    public Transform baseTransform() {
        return base;
    }

    /** How many dimensions it adds to the base's events. */
    public int reinterpretedBatchNdims() {
        return reinterpreted;
    }

    @Override
    protected Tensor forward(Tensor x) {
        TransformShapes.requireDims(x.shape(), domainEventDim());
        return base.call(x);
    }

    @Override
    protected Tensor inverse(Tensor y) {
        TransformShapes.requireDims(y.shape(), codomainEventDim());
        return base.inv(y);
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return TransformedDistribution.sumRightmost(base.logAbsDetJacobian(x, y), reinterpreted);
    }

    @Override
    public Constraint domain() {
        return Constraints.independent(base.domain(), reinterpreted);
    }

    @Override
    public Constraint codomain() {
        return Constraints.independent(base.codomain(), reinterpreted);
    }

    @Override
    public boolean bijective() {
        return base.bijective();
    }

    @Override
    public int sign() {
        return base.sign();
    }

    @Override
    public Tensor signTensor() {
        return base.signTensor();
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return base.forwardShape(shape);
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return base.inverseShape(shape);
    }

    @Override
    public String toString() {
        return "IndependentTransform(" + base + ", " + reinterpreted + ")";
    }
}

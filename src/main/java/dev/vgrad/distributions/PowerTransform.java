package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;

/**
 * y = x^exponent on the positive reals, as {@code torch.distributions.transforms.PowerTransform}: the inverse
 * y^(1/exponent), log |det J| = log |exponent y / x|; the exponent is a tensor (a number becomes one, as PyTorch's
 * broadcast_all makes it), so the sign is too: the exponent's, as later PyTorch versions give it (1.13 says +1 for every
 * exponent, which leaves the cdf of a negative power decreasing).
 */
public final class PowerTransform extends Transform {
    private final Tensor exponent;

    /** y = x^exponent, without a cache. */
    public PowerTransform(float exponent) {
        this(Tensor.scalar(exponent), 0);
    }

    /** y = x^exponent with a tensor exponent (broadcast with x) and PyTorch's cache_size. */
    public PowerTransform(Tensor exponent, int cacheSize) {
        super(cacheSize);
        this.exponent = exponent;
    }

    @Override
    protected Tensor forward(Tensor x) {
        return x.pow(exponent);
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return y.pow(exponent.reciprocal());
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return exponent.mul(y).div(x).abs().log();
    }

    /** The same class with an equal exponent, element by element. */
    @Override
    public boolean sameAs(Transform other) {
        return other instanceof PowerTransform o && AffineTransform.equal(exponent, o.exponent);
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return Tensor.broadcastShapes("PowerTransform", shape, exponent.shape());
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return forwardShape(shape);
    }

    @Override
    public Tensor signTensor() {
        return exponent.sign();
    }

    @Override
    public Constraint domain() {
        return Constraints.POSITIVE;
    }

    @Override
    public Constraint codomain() {
        return Constraints.POSITIVE;
    }

    @Override
    public boolean bijective() {
        return true;
    }
}

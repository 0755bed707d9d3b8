package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;

/**
 * A transform run backwards (PyTorch's {@code _InverseTransform}, what {@code t.inv} returns): its map is t's inverse,
 * through t's cache, its log |det J| the negated one of t at the swapped pair, its event dimensions and shapes t's the
 * other way round.
 */
final class InverseTransform extends Transform {
    private final Transform of;

    InverseTransform(Transform of) {
        super(0);
        this.of = of;
    }

    @Override
    protected Tensor forward(Tensor x) {
        return of.inv(x);
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return of.call(y);
    }

    /** The inverse of the same map. */
    @Override
    public boolean sameAs(Transform other) {
        return other instanceof InverseTransform o && of.sameAs(o.of);
    }

    @Override
    public Transform inv() {
        return of;
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return of.logAbsDetJacobian(y, x).neg();
    }

    @Override
    public Constraint domain() {
        return of.codomain();
    }

    @Override
    public Constraint codomain() {
        return of.domain();
    }

    @Override
    public boolean bijective() {
        return of.bijective();
    }

    /** PyTorch's repr, {@code _InverseTransform(ExpTransform())}. */
    @Override
    public String toString() {
        return "_InverseTransform(" + of + ")";
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return of.inverseShape(shape);
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return of.forwardShape(shape);
    }

    @Override
    public int sign() {
        return of.sign();
    }

    @Override
    public Tensor signTensor() {
        return of.signTensor();
    }
}

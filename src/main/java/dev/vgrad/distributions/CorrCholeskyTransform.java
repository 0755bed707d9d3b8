package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import dev.vgrad.nn.Functional;
import java.util.Arrays;

/**
 * Unconstrained vectors of D(D - 1)/2 values to Cholesky factors of D x D correlation matrices, as
 * {@code torch.distributions.transforms.CorrCholeskyTransform} ({@code biject_to(corr_cholesky)}, what LKJCholesky's
 * samples are the image of): tanh into (-1, 1), laid out below the diagonal row by row, then each row made of unit
 * length by a signed stick-breaking; the inverse and log |det J| (of x against y's strict lower triangle) are
 * PyTorch's formulas.
 */
public final class CorrCholeskyTransform extends Transform {
    private static final float EPS = Math.ulp(1f);
    private static final float LOG_2 = (float) Math.log(2);

    /** Without a cache. */
    public CorrCholeskyTransform() {
        this(0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public CorrCholeskyTransform(int cacheSize) {
        super(cacheSize);
    }

    @Override
    protected Tensor forward(Tensor x) {
        Tensor r = TrilVectors.toMatrix(x.tanh().clamp(-1 + EPS, 1 - EPS), -1);
        Tensor remainingSqrt = r.square().rsub(1f).sqrt().cumprod(-1);
        int d = r.size(-1);
        Tensor shifted = Functional.pad(remainingSqrt.narrow(-1, 0, d - 1), new int[] {1, 0}, "constant", 1f);
        return r.add(Tensor.eye(d)).mul(shifted);
    }

    @Override
    protected Tensor inverse(Tensor y) {
        int d = y.size(-1);
        Tensor remaining = y.mul(y).cumsum(-1).rsub(1f);
        Tensor shifted = Functional.pad(remaining.narrow(-1, 0, d - 1), new int[] {1, 0}, "constant", 1f);
        Tensor t = TrilVectors.toVector(y, -1).div(TrilVectors.toVector(shifted, -1).sqrt());
        return t.add(1f).div(t.rsub(1f)).log().div(2f);
    }

    /** log |det J| of x against the flattened strict lower triangle of y (the two spaces differ in dimension). */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor remaining = y.mul(y).cumsum(-1).rsub(1f);
        Tensor stickBreaking = TrilVectors.toVector(remaining, -2).log().sum(-1, false).mul(0.5f);
        Tensor tanh = x.add(Functional.softplus(x.mul(-2f))).sub(LOG_2).sum(-1, false).mul(-2f);
        return stickBreaking.add(tanh);
    }

    @Override
    public Constraint domain() {
        return Constraints.REAL_VECTOR;
    }

    @Override
    public Constraint codomain() {
        return Constraints.CORR_CHOLESKY;
    }

    @Override
    public boolean bijective() {
        return true;
    }

    /** [..., N] to [..., D, D] for N = D(D - 1)/2. */
    @Override
    public int[] forwardShape(int[] shape) {
        TransformShapes.requireDims(shape, 1);
        int n = shape[shape.length - 1];
        int d = (int) Math.round(Math.sqrt(0.25 + 2.0 * n) + 0.5);
        if (d * (d - 1) / 2 != n) {
            throw new IllegalArgumentException("Input is not a flattend lower-diagonal number: " + n);
        }
        int[] s = Arrays.copyOf(shape, shape.length + 1);
        s[shape.length - 1] = d;
        s[shape.length] = d;
        return s;
    }

    /** [..., D, D] to [..., D(D - 1)/2]. */
    @Override
    public int[] inverseShape(int[] shape) {
        TransformShapes.requireDims(shape, 2);
        int d = shape[shape.length - 1];
        if (shape[shape.length - 2] != d) {
            throw new IllegalArgumentException("Input is not square: " + Arrays.toString(shape));
        }
        int[] s = Arrays.copyOf(shape, shape.length - 1);
        s[s.length - 1] = d * (d - 1) / 2;
        return s;
    }
}

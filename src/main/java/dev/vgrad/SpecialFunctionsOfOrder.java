package dev.vgrad;

import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.SavedTensor;
import dev.vgrad.kernels.IncompleteGamma;

/**
 * The torch.special functions PyTorch 1.13 added without derivatives - the Bessel functions J, Y and K, the Airy
 * function, the spherical j0, the orthogonal polynomials of a given degree - and the regularized incomplete gamma
 * functions, differentiable in x only (PyTorch refuses the derivative in a). The non-differentiable ones return
 * tensors that record nothing, as PyTorch's do not require grad.
 */
final class SpecialFunctionsOfOrder {
    private SpecialFunctionsOfOrder() {}

    /** f of each element in double, rounded once; no gradient. */
    static Tensor elementwise(Tensor x, java.util.function.DoubleUnaryOperator f) {
        float[] v = x.toArray(), out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) f.applyAsDouble(v[i]);
        }
        return Tensor.of(out, x.shape());
    }

    /** A polynomial of float x and integer degree n, as its kernel evaluates it. */
    @FunctionalInterface
    interface Polynomial {
        float at(float x, long n);
    }

    /** The polynomial of 2x - 1 (x + x - 1 in float, as PyTorch's shifted Chebyshev kernels compute it). */
    static Polynomial shifted(Polynomial p) {
        return (x, n) -> p.at(x + x - 1f, n);
    }

    /** p(x, n) over x and the degrees n broadcast together, each degree truncated to an integer; no gradient. */
    static Tensor polynomial(String op, Tensor x, Tensor n, Polynomial p) {
        int[] shape = Shapes.broadcast(x.shape, n.shape, op);
        float[] xs = x.expand(shape).toArray(), ns = n.expand(shape).toArray(), out = new float[xs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ns[i] != ns[i] ? Float.NaN : p.at(xs[i], (long) ns[i]);
        }
        return Tensor.of(out, shape);
    }

    /**
     * P(a, x) (lower) or Q(a, x): the derivative in x is {@code +-exp((a - 1) log x - x - lgamma(a))}; in a it is
     * refused, as PyTorch's ("the derivative for 'igamma: input' is not implemented.").
     */
    static Tensor incompleteGamma(Tensor a, Tensor x, boolean lower) {
        String op = lower ? "igamma" : "igammac";
        Tensor out = Compute.zipDouble(op, a, x, lower ? IncompleteGamma::lower : IncompleteGamma::upper);
        if (!Graph.recording(a, x)) {
            return out;
        }
        int[] sx = x.shape;
        out.setGradFn(new Node(lower ? "IgammaBackward0" : "IgammacBackward0", a, x) {
            private final SavedTensor savedA = save(a), savedX = save(x);

            @Override
            protected Tensor[] apply(Tensor g) {
                if (needsGrad(0)) {
                    throw new UnsupportedOperationException("the derivative for '" + op + ": input' is not "
                            + "implemented.");
                }
                Tensor av = savedA.get(), xv = savedX.get();
                Tensor density = av.sub(1f).mul(xv.log()).sub(xv).sub(av.lgamma()).exp();
                return grads(null, Reduction.sumTo(lower ? g.mul(density) : g.mul(density).neg(), sx));
            }
        });
        return out;
    }
}

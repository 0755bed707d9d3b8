package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * The Dirichlet distribution over the simplex of k categories with concentrations alpha (the last dimension), as
 * {@code torch.distributions.Dirichlet}: event shape [k]. {@code rsample} is PyTorch's: torch._sample_dirichlet's draws
 * (a seed gives torch's values), differentiable through the implicit reparameterization ({@code _Dirichlet}).
 */
public final class Dirichlet extends Distribution {
    private final Tensor concentration;

    /**
     * Dirichlet distributions with concentrations along the last dimension (at least 1-d).
     *
     * @throws IllegalArgumentException if a concentration is not positive, naming it and its position
     */
    public Dirichlet(Tensor concentration) {
        super(batchOf(concentration));
        float[] c = concentration.toArray();
        require("Dirichlet", "parameter concentration", concentration.shape(), c,
                "IndependentConstraint(GreaterThan(lower_bound=0.0), 1)", i -> c[i] > 0f);
        this.concentration = concentration;
    }

    private static int[] batchOf(Tensor concentration) {
        if (concentration.dim() < 1) {
            throw new IllegalArgumentException("`concentration` parameter must be at least one-dimensional.");
        }
        return Arrays.copyOf(concentration.shape(), concentration.dim() - 1);
    }

    @Override
    public int[] eventShape() {
        return new int[] {concentration.shape()[concentration.dim() - 1]};
    }

    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        int[] prefix = extendedShape(sampleShape);
        int[] shape = Arrays.copyOf(prefix, prefix.length + 1);
        shape[prefix.length] = eventShape()[0];
        return new DirichletDraw(g).apply(concentration.expand(shape));
    }

    /**
     * {@code sum((alpha - 1) log(x)) + lgamma(sum(alpha)) - sum(lgamma(alpha))}, with xlogy's 0 log 0 = 0; values
     * must lie on the simplex (non-negative, summing to 1 within 1e-6, PyTorch's constraint).
     */
    @Override
    public Tensor logProb(Tensor value) {
        int k = eventShape()[0];
        requireSimplex("Dirichlet", value, k);
        return concentration.sub(1f).xlogy(value).sum(-1, false).add(concentration.sum(-1, false).lgamma())
                .sub(concentration.lgamma().sum(-1, false));
    }

    /**
     * {@code sum(lgamma(alpha)) - lgamma(a0) - (k - a0) psi(a0) - sum((alpha - 1) psi(alpha))}, a0 = sum(alpha).
     */
    @Override
    public Tensor entropy() {
        int k = eventShape()[0];
        Tensor a0 = concentration.sum(-1, false);
        return concentration.lgamma().sum(-1, false).sub(a0.lgamma()).sub(a0.neg().add(k).mul(a0.digamma()))
                .sub(concentration.sub(1f).mul(concentration.digamma()).sum(-1, false));
    }

    /** {@code alpha / sum(alpha)}. */
    @Override
    public Tensor mean() {
        return concentration.div(concentration.sum(-1, true));
    }

    /** {@code alpha (a0 - alpha) / (a0^2 (a0 + 1))}. */
    @Override
    public Tensor variance() {
        Tensor a0 = concentration.sum(-1, true);
        return concentration.mul(a0.sub(concentration)).div(a0.pow(2f).mul(a0.add(1f)));
    }

    /** The concentrations. */
    public Tensor concentration() {
        return concentration;
    }
}

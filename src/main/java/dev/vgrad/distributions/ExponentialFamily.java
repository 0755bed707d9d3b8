package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.GradMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A family of the form {@code p(x; theta) = exp(<t(x), theta> - F(theta) + k(x))}
 * ({@code torch.distributions.ExponentialFamily}), for families of one's own: a subclass gives its natural parameters
 * theta, its log normalizer F and the mean of its carrier measure k, and gets PyTorch's entropy by the Bregman
 * divergence, {@code F(theta) - <theta, grad F(theta)> - E[k]}, and, between two distributions of the same class,
 * PyTorch's fallback KL divergence ({@link Kl#klDivergence}), {@code F(theta_q) - F(theta_p) - <theta_q - theta_p,
 * grad F(theta_p)>}. Both differentiate F with autograd, so they are differentiable in turn. (vgrad's own families
 * keep their closed forms, as PyTorch's do.)
 */
public abstract class ExponentialFamily extends Distribution {
    /** A batch of distributions of shape {@code batchShape}. */
    protected ExponentialFamily(int[] batchShape) {
        super(batchShape);
    }

    /** The natural parameters theta, each of the batch's shape (followed by the event's, for vector parameters). */
    protected abstract List<Tensor> naturalParams();

    /** The log normalizer F at the given natural parameters (one value per distribution of the batch). */
    protected abstract Tensor logNormalizer(List<Tensor> naturalParams);

    /** The mean of the carrier measure k(x) (a number, or one per distribution of the batch). */
    protected abstract Tensor meanCarrierMeasure();

    /** The entropy by the Bregman divergence of F, as PyTorch's ExponentialFamily computes it. */
    @Override
    public Tensor entropy() {
        List<Tensor> theta = detachedCopies(naturalParams());
        List<Tensor> grads = new ArrayList<>();
        Tensor f = logNormalizerAndGradient(this, theta, grads);
        Tensor result = meanCarrierMeasure().neg().add(f);
        for (int i = 0; i < theta.size(); i++) {
            result = result.sub(flatSum(theta.get(i).mul(grads.get(i))));
        }
        return result;
    }

    /**
     * KL(p || q) between two distributions of the same class by the Bregman divergence of F, PyTorch's
     * {@code _kl_expfamily_expfamily}; different classes are refused in its words.
     */
    static Tensor bregmanKl(ExponentialFamily p, ExponentialFamily q) {
        if (p.getClass() != q.getClass()) {
            throw new UnsupportedOperationException("The cross KL-divergence between different exponential families "
                    + "cannot be computed using Bregman divergences");
        }
        List<Tensor> pTheta = detachedCopies(p.naturalParams()), qTheta = q.naturalParams();
        List<Tensor> grads = new ArrayList<>();
        Tensor f = logNormalizerAndGradient(p, pTheta, grads);
        Tensor result = q.logNormalizer(qTheta).sub(f);
        int eventDims = q.eventShape().length;
        for (int i = 0; i < pTheta.size(); i++) {
            Tensor term = qTheta.get(i).sub(pTheta.get(i)).mul(grads.get(i));
            result = result.sub(Independent.sumRightmost(term, eventDims));
        }
        return result;
    }

    /**
     * F at theta (leaves that require grad), its gradient with respect to each of theta added to {@code grads}; both
     * keep their graphs, so what is built from them is differentiable in turn.
     */
    private static Tensor logNormalizerAndGradient(ExponentialFamily d, List<Tensor> theta, List<Tensor> grads) {
        try (var on = GradMode.enableGrad()) {
            Tensor f = d.logNormalizer(theta);
            grads.addAll(Autograd.grad(List.of(f.sum()), theta, null, true, true));
            return f;
        }
    }

    /** Leaves that require grad, sharing the parameters' values: F is differentiated at them. */
    private static List<Tensor> detachedCopies(List<Tensor> params) {
        List<Tensor> out = new ArrayList<>(params.size());
        for (Tensor t : params) {
            out.add(t.detach().requiresGrad_(true));
        }
        return out;
    }

    /** Each batch entry's sum over a parameter's event dimensions (the batch's shape followed by -1, summed). */
    private Tensor flatSum(Tensor t) {
        int[] shape = new int[batchShape.length + 1];
        System.arraycopy(batchShape, 0, shape, 0, batchShape.length);
        shape[batchShape.length] = -1;
        return t.reshape(shape).sum(-1, false);
    }
}

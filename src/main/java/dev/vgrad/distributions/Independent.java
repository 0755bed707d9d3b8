package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.Arrays;

/**
 * A distribution whose rightmost {@code reinterpreted} batch dimensions are read as event dimensions, as
 * {@code torch.distributions.Independent}: log-probabilities and entropies are summed over them (a diagonal normal over
 * vectors: {@code new Independent(new Normal(loc, scale), 1)}); draws, means and variances are the base's.
 */
public final class Independent extends Distribution {
    private final Distribution base;
    private final int reinterpreted;

    /**
     * The base distribution with its last {@code reinterpreted} batch dimensions made event dimensions.
     *
     * @throws IllegalArgumentException if reinterpreted exceeds the base's batch rank, naming both
     */
    public Independent(Distribution base, int reinterpreted) {
        super(batchOf(base, reinterpreted));
        this.base = base;
        this.reinterpreted = reinterpreted;
    }

    private static int[] batchOf(Distribution base, int reinterpreted) {
        int[] batch = base.batchShape();
        if (reinterpreted < 0 || reinterpreted > batch.length) {
            throw new IllegalArgumentException("Expected reinterpreted_batch_ndims <= "
                    + "len(base_distribution.batch_shape), actual " + reinterpreted + " vs " + batch.length);
        }
        return Arrays.copyOf(batch, batch.length - reinterpreted);
    }

    @Override
    public int[] eventShape() {
        int[] batch = base.batchShape(), event = base.eventShape();
        int[] out = new int[reinterpreted + event.length];
        System.arraycopy(batch, batch.length - reinterpreted, out, 0, reinterpreted);
        System.arraycopy(event, 0, out, reinterpreted, event.length);
        return out;
    }

    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        return base.sample(g, sampleShape);
    }

    @Override
    public Tensor rsample(Generator g, int... sampleShape) {
        return base.rsample(g, sampleShape);
    }

    /** The base's log-probabilities summed over the reinterpreted dimensions. */
    @Override
    public Tensor logProb(Tensor value) {
        return sumRightmost(base.logProb(value), reinterpreted);
    }

    /**
     * The base's enumeration where nothing is reinterpreted; PyTorch refuses the cartesian product otherwise.
     *
     * @throws UnsupportedOperationException with batch dimensions reinterpreted as event dimensions
     */
    @Override
    public Tensor enumerateSupport(boolean expand) {
        if (reinterpretedBatchDims() > 0) {
            throw new UnsupportedOperationException("Enumeration over cartesian product is not implemented");
        }
        return base().enumerateSupport(expand);
    }

    @Override
    public boolean hasEnumerateSupport() {
        return reinterpretedBatchDims() == 0 && base().hasEnumerateSupport();
    }

    /** The base's entropies summed over the reinterpreted dimensions. */
    @Override
    public Tensor entropy() {
        return sumRightmost(base.entropy(), reinterpreted);
    }

    @Override
    public Tensor mean() {
        return base.mean();
    }

    @Override
    public Tensor variance() {
        return base.variance();
    }

    /** The base distribution. */
    public Distribution base() {
        return base;
    }

    /** How many batch dimensions of the base are event dimensions here. */
    public int reinterpretedBatchDims() {
        return reinterpreted;
    }

    static Tensor sumRightmost(Tensor t, int dims) {
        for (int i = 0; i < dims; i++) {
            t = t.sum(-1, false);
        }
        return t;
    }

    /**
     * Expanded to batchShape: the base expanded to batchShape followed by the reinterpreted dimensions (PyTorch's
     * {@code expand}).
     */
    @Override
    public Independent expand(int... batchShape) {
        int[] event = eventShape();
        int[] baseBatch = java.util.Arrays.copyOf(batchShape, batchShape.length + reinterpretedBatchDims());
        System.arraycopy(event, 0, baseBatch, batchShape.length, reinterpretedBatchDims());
        return new Independent(base().expand(baseBatch), reinterpretedBatchDims());
    }

    /** The base's support, its event widened by the reinterpreted dimensions. */
    @Override
    public Constraint support() {
        Constraint s = base.support();
        return reinterpreted == 0 ? s : Constraints.independent(s, reinterpreted);
    }

    /** Whether the base has one. */
    @Override
    public boolean hasRsample() {
        return base.hasRsample();
    }
}

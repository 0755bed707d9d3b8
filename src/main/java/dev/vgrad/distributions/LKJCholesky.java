package dev.vgrad.distributions;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import java.util.Arrays;

/**
 * The LKJ distribution over Cholesky factors of d x d correlation matrices with concentration eta, as
 * {@code torch.distributions.LKJCholesky}: event shape [d, d], batch shape the concentration's. Draws by PyTorch's onion
 * method, step for step (Beta draws for the rows' squared norms, then normal directions below the diagonal, the first
 * row zero, the diagonal completing each row to unit length), so a seed gives torch's factors; logProb is PyTorch's
 * density of the factor's diagonal with its normalizing constant. A value must be lower triangular with a positive
 * diagonal and rows of unit norm (within PyTorch's tolerance, 10 eps d). PyTorch defines no rsample, mean, variance or
 * entropy for it; neither does this.
 */
public final class LKJCholesky extends Distribution {
    private final int dim;
    private final Tensor concentration;
    private final Beta rowNorms;

    /** LKJ distributions of d x d correlation Cholesky factors; concentration 1 is uniform over correlation matrices. */
    public LKJCholesky(int dim, Tensor concentration) {
        super(concentration.shape());
        if (dim < 2) {
            throw new IllegalArgumentException("Expected dim to be an integer greater than or equal to 2. Found dim="
                    + dim + ".");
        }
        float[] c = concentration.toArray();
        require("LKJCholesky", "parameter concentration", concentration.shape(), c, "GreaterThan(lower_bound=0.0)",
                i -> c[i] > 0f);
        this.dim = dim;
        this.concentration = concentration;
        Tensor marginal = concentration.add(0.5f * (dim - 2));
        float[] offsets = new float[dim];
        for (int i = 1; i < dim; i++) {
            offsets[i] = i - 1;
        }
        Tensor offset = Tensor.of(offsets);
        this.rowNorms = new Beta(offset.add(0.5f), marginal.unsqueeze(-1).sub(offset.mul(0.5f)));
    }

    /** {@link #LKJCholesky(int, Tensor)} with one number for the concentration. */
    public LKJCholesky(int dim, float concentration) {
        this(dim, Tensor.scalar(concentration));
    }

    @Override
    public int[] eventShape() {
        return new int[] {dim, dim};
    }

    @Override
    public Tensor sample(Generator g, int... sampleShape) {
        try (var off = GradMode.noGrad()) {
            Tensor y = rowNorms.sample(g, sampleShape).unsqueeze(-1);
            int[] prefix = extendedShape(sampleShape);
            int[] shape = Arrays.copyOf(prefix, prefix.length + 2);
            shape[prefix.length] = dim;
            shape[prefix.length + 1] = dim;
            Tensor normal = Tensor.randn(g, shape).tril(-1);
            Tensor directions = normal.div(normal.norm(2f, -1, true));
            directions.select(-2, 0).fill_(0f);   // the first row's 0 / 0
            Tensor w = y.sqrt().mul(directions);
            Tensor diagonal = w.pow(2f).sum(-1, false).neg().add(1f).clampMin(Float.MIN_NORMAL).sqrt();
            return w.add(diagonal.diagEmbed());
        }
    }

    /**
     * PyTorch's {@code sum((2 (eta - 1) + d - i) log L_ii, i = 2..d)} less its normalizing constant
     * {@code (d - 1) log(pi) / 2 + mvlgamma(alpha - 1/2, d - 1) - (d - 1) lgamma(alpha)}, alpha = eta + (d - 1) / 2.
     */
    @Override
    public Tensor logProb(Tensor value) {
        requireCorrCholesky(value);
        Tensor diag = value.diagonal(0, -1, -2).narrow(-1, 1, dim - 1);
        float[] orders = new float[dim - 1];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = i + 2;
        }
        Tensor order = concentration.sub(1f).unsqueeze(-1).mul(2f).add((float) dim).sub(Tensor.of(orders));
        Tensor unnormalized = order.mul(diag.log()).sum(-1, false);
        int dm1 = dim - 1;
        Tensor alpha = concentration.add(0.5f * dm1);
        Tensor denominator = alpha.lgamma().mul((float) dm1);
        Tensor numerator = alpha.sub(0.5f).mvlgamma(dm1);
        float piConstant = (float) (0.5 * dm1 * Math.log(Math.PI));
        return unnormalized.sub(numerator.add(piConstant).sub(denominator));
    }

    /** PyTorch's CorrCholesky constraint, matrix by matrix. */
    private void requireCorrCholesky(Tensor value) {
        int[] shape = value.shape();
        if (shape.length < 2 || shape[shape.length - 1] != dim || shape[shape.length - 2] != dim) {
            throw new IllegalArgumentException("LKJCholesky: a value must be [..., " + dim + ", " + dim + "], got shape "
                    + Arrays.toString(shape));
        }
        float[] v = value.toArray();
        double tol = Math.ulp(1f) * dim * 10.0;
        for (int m = 0; m < v.length / (dim * dim); m++) {
            int base = m * dim * dim;
            for (int i = 0; i < dim; i++) {
                double norm = 0;
                boolean ok = v[base + i * dim + i] > 0f;
                for (int j = 0; j < dim; j++) {
                    float x = v[base + i * dim + j];
                    ok &= j <= i || x == 0f;
                    norm += (double) x * x;
                }
                if (!ok || !(Math.abs(Math.sqrt(norm) - 1) <= tol)) {
                    throw new IllegalArgumentException("Expected value of LKJCholesky (shape " + Arrays.toString(shape)
                            + ") to satisfy the constraint CorrCholesky(), but matrix " + m + " is not lower triangular"
                            + " with a positive diagonal and rows of unit norm (row " + i + ")");
                }
            }
        }
    }

    /** Refused: PyTorch's LKJCholesky has no entropy. */
    @Override
    public Tensor entropy() {
        throw new UnsupportedOperationException("LKJCholesky has no entropy (PyTorch's raises NotImplementedError)");
    }

    /** Refused: PyTorch's LKJCholesky has no mean. */
    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("LKJCholesky has no mean (PyTorch's raises NotImplementedError)");
    }

    /** Refused: PyTorch's LKJCholesky has no variance. */
    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("LKJCholesky has no variance (PyTorch's raises NotImplementedError)");
    }
}

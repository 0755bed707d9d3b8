package dev.vgrad.nn.utils;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.ConvTranspose1d;
import dev.vgrad.nn.ConvTranspose2d;
import dev.vgrad.nn.ConvTranspose3d;
import dev.vgrad.nn.Functional;
import dev.vgrad.nn.Module;

/**
 * {@code torch.nn.utils.parametrizations}: ready-made parametrizations registered through {@link Parametrize}, so the
 * state dict names "parametrizations.weight.original" and the parametrization's own buffers.
 */
public final class Parametrizations {
    private Parametrizations() {}

    /** {@code spectral_norm(module)}: "weight", one power iteration a training forward, eps 1e-12, default generator. */
    public static <M extends Module> M spectralNorm(M module) {
        return spectralNorm(module, "weight", 1, 1e-12f, null, Generator.defaultGenerator());
    }

    /**
     * {@code parametrizations.spectral_norm(module, name, n_power_iterations, eps, dim)}, u and v drawn from {@code g}:
     * the tensor divided by its largest singular value, estimated by the power method (15 iterations when registered,
     * {@code nPowerIterations} at each evaluation in training mode, none in eval). {@code dim} null is 1 for the
     * transposed convolutions and 0 otherwise; a one-dimensional tensor is normalized instead.
     */
    public static <M extends Module> M spectralNorm(M module, String name, int nPowerIterations, float eps, Integer dim,
                                                    Generator g) {
        Tensor weight = module.tensorAttribute(name);
        int d = dim != null ? dim : module instanceof ConvTranspose1d || module instanceof ConvTranspose2d
                || module instanceof ConvTranspose3d ? 1 : 0;
        return Parametrize.registerParametrization(module, name, new SpectralNormParametrization(weight,
                nPowerIterations, d, eps, g));
    }

    /**
     * PyTorch's {@code _SpectralNorm} module: buffers {@code _u} and {@code _v} (unit vectors from N(0, 1), u first,
     * then 15 power iterations), forward {@code weight / (u . W v)} with W the weight as a matrix (dimension dim first).
     */
    static final class SpectralNormParametrization extends Module implements RightInverse {
        private final int nPowerIterations, dim;
        private final float eps;

        SpectralNormParametrization(Tensor weight, int nPowerIterations, int dim, float eps, Generator g) {
            int n = weight.dim();
            if (dim >= n || dim < -n) {
                throw new IllegalArgumentException("Dimension out of range (expected to be in range of [-" + n + ", "
                        + (n - 1) + "] but got " + dim + ")");
            }
            if (nPowerIterations <= 0) {
                throw new IllegalArgumentException("Expected n_power_iterations to be positive, but got "
                        + "n_power_iterations=" + nPowerIterations);
            }
            this.dim = dim >= 0 ? dim : dim + n;
            this.eps = eps;
            this.nPowerIterations = nPowerIterations;
            if (n > 1) {
                try (var noGrad = GradMode.noGrad()) {
                    Tensor matrix = SpectralNorm.asMatrix(weight, this.dim);
                    Tensor u = Tensor.zeros(matrix.size(0)).normal_(0, 1, g);
                    Tensor v = Tensor.zeros(matrix.size(1)).normal_(0, 1, g);
                    registerBuffer("_u", Functional.normalize(u, 2f, 0, eps));
                    registerBuffer("_v", Functional.normalize(v, 2f, 0, eps));
                    powerMethod(matrix, 15);
                }
            }
        }

        /** u from W v, then v from W^T u, written into the buffers in place, unrecorded. */
        private void powerMethod(Tensor matrix, int iterations) {
            try (var noGrad = GradMode.noGrad()) {
                Tensor u = tensorAttribute("_u"), v = tensorAttribute("_v");
                for (int i = 0; i < iterations; i++) {
                    u.copy_(Functional.normalize(matrix.mv(v), 2f, 0, eps));
                    v.copy_(Functional.normalize(matrix.t().mv(u), 2f, 0, eps));
                }
            }
        }

        @Override
        public Tensor forward(Tensor weight) {
            if (weight.dim() == 1) {
                return Functional.normalize(weight, 2f, 0, eps);
            }
            Tensor matrix = SpectralNorm.asMatrix(weight, dim);
            if (isTraining()) {
                powerMethod(matrix, nPowerIterations);
            }
            // Copies, so that later power iterations do not change what this evaluation's graph saved.
            Tensor u = tensorAttribute("_u").clone(), v = tensorAttribute("_v").clone();
            return weight.div(u.dot(matrix.mv(v)));
        }

        @Override
        public Tensor rightInverse(Tensor value) {
            return value;
        }
    }
}

package dev.vgrad.nn.utils;

import dev.vgrad.Generator;
import dev.vgrad.Linalg;
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

    /** {@code spectral_norm(module)}: "weight", one power iteration a training call, eps 1e-12, default generator. */
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

    /** {@code orthogonal(module)}: "weight", PyTorch's default map, with the trivialization, default generator. */
    public static <M extends Module> M orthogonal(M module) {
        return orthogonal(module, "weight", null, true, Generator.defaultGenerator());
    }

    /**
     * {@code parametrizations.orthogonal(module, name, orthogonal_map, use_trivialization)}: the tensor (a matrix, or a
     * batch of matrices in its last two dimensions) kept orthogonal (orthonormal columns, or rows where it is wide)
     * through "matrix_exp" (the exponential of a skew-symmetric matrix), "cayley" ((I - A/2)^-1 (I + A/2)) or
     * "householder" (a product of reflectors); {@code orthogonalMap} null is "matrix_exp" for square matrices and
     * "householder" otherwise, as PyTorch's. With the trivialization the original starts at -I and a buffer "base"
     * holds the orthogonalized starting value (a non-square one completed with columns drawn from {@code g}, as torch
     * draws them from its generator); the tensor is base times the map's value. Registered unsafe, as PyTorch registers
     * it.
     */
    public static <M extends Module> M orthogonal(M module, String name, String orthogonalMap,
                                                  boolean useTrivialization, Generator g) {
        Tensor weight = module.tensorAttribute(name);
        if (weight.dim() < 2) {
            throw new IllegalArgumentException("Expected a matrix or batch of matrices. Got a tensor of " + weight.dim()
                    + " dimensions.");
        }
        String map = orthogonalMap != null ? orthogonalMap
                : weight.size(-2) == weight.size(-1) ? "matrix_exp" : "householder";
        if (!map.equals("matrix_exp") && !map.equals("cayley") && !map.equals("householder")) {
            throw new IllegalArgumentException("orthogonal_map has to be one of \"matrix_exp\", \"cayley\", "
                    + "\"householder\". Got: " + orthogonalMap);
        }
        return Parametrize.registerParametrization(module, name, new OrthogonalParametrization(weight, map,
                useTrivialization, g), true);
    }

    /** PyTorch's {@code _Orthogonal} module. */
    static final class OrthogonalParametrization extends Module implements RightInverse {
        private final int[] shape;
        private final String map;
        private final boolean trivialization;
        private final Generator g;

        OrthogonalParametrization(Tensor weight, String map, boolean trivialization, Generator g) {
            this.shape = weight.shape();
            this.map = map;
            this.trivialization = trivialization;
            this.g = g;
        }

        @Override
        public Tensor forward(Tensor x) {
            int n = x.size(-2), k = x.size(-1);
            boolean transposed = n < k;
            if (transposed) {
                x = x.mT();
                n = x.size(-2);
                k = x.size(-1);
            }
            Tensor q;
            if (!map.equals("householder")) {
                x = x.tril(0);
                if (n != k) {
                    int[] zeros = x.shape();
                    zeros[zeros.length - 1] = n - k;
                    x = Tensor.cat(java.util.List.of(x, Tensor.zeros(zeros)), -1);
                }
                Tensor a = x.sub(x.mH());
                if (map.equals("matrix_exp")) {
                    q = Linalg.matrixExp(a);
                } else {
                    Tensor id = Tensor.eye(n);
                    q = Linalg.solve(id.sub(a.mul(0.5f)), id.add(a.mul(0.5f)));
                }
                if (n != k) {
                    q = q.narrow(-1, 0, k);
                }
            } else {
                Tensor a = x.tril(-1);
                Tensor tau = a.mul(a).sum(-2, false).add(1f).reciprocal().mul(2f);
                q = Linalg.householderProduct(a, tau);
                q = q.mul(x.diagonal(0, -2, -1).trunc().unsqueeze(-2));
            }
            if (trivialization) {
                q = tensorAttribute("base").matmul(q);
            }
            return transposed ? q.mT() : q;
        }

        @Override
        public Tensor rightInverse(Tensor value) {
            if (!java.util.Arrays.equals(value.shape(), shape)) {
                throw new IllegalArgumentException("Expected a matrix or batch of matrices of shape "
                        + java.util.Arrays.toString(shape) + ". Got a tensor of shape "
                        + java.util.Arrays.toString(value.shape()) + ".");
            }
            try (var noGrad = GradMode.noGrad()) {
                Tensor q = value;
                int n = q.size(-2), k = q.size(-1);
                boolean transpose = n < k;
                if (transpose) {
                    q = q.mT();
                    n = q.size(-2);
                    k = q.size(-1);
                }
                if (!trivialization) {
                    if (!map.equals("householder")) {
                        throw new UnsupportedOperationException("It is not possible to assign to the matrix "
                                + "exponential or the Cayley parametrizations when use_trivialization=False.");
                    }
                    java.util.List<Tensor> qr = Linalg.geqrf(q);
                    Tensor a = qr.get(0).clone(), tau = qr.get(1);
                    // The diagonal's signs say which reflectors are flipped; a reflector that is the identity
                    // (tau 0) is written as a flip, as PyTorch writes it.
                    Tensor diagonal = a.diagonal(0, -2, -1);
                    diagonal.copy_(diagonal.sign().mul(tau.eq(0f).mul(-2f).add(1f)));
                    return transpose ? a.mT() : a;
                }
                if (n == k) {
                    q = isOrthogonal(q) ? q.clone() : makeOrthogonal(q);
                } else {
                    int[] extra = q.shape();
                    extra[extra.length - 1] = n - k;
                    q = makeOrthogonal(Tensor.cat(java.util.List.of(q, Tensor.randn(g, extra)), -1));
                }
                if (namedBuffers().containsKey("base")) {
                    setTensorAttribute("base", q);
                } else {
                    registerBuffer("base", q);
                }
                Tensor negId = Tensor.zeros(value.shape());
                negId.diagonal(0, -2, -1).fill_(-1f);
                return negId;
            }
        }

        /** Whether Q^H Q is the identity within 10 n float epsilons, as PyTorch's check. */
        private static boolean isOrthogonal(Tensor q) {
            int n = q.size(-2), k = q.size(-1);
            return q.mH().matmul(q).allclose(Tensor.eye(k), 1e-5, 10.0 * n * Math.ulp(1f), false);
        }

        /** The Q of A's QR with R's diagonal made positive: the orthogonal matrix closest in that sense to A. */
        private static Tensor makeOrthogonal(Tensor a) {
            java.util.List<Tensor> qr = Linalg.geqrf(a);
            Tensor q = Linalg.householderProduct(qr.get(0), qr.get(1));
            return q.mul(qr.get(0).diagonal(0, -2, -1).sgn().unsqueeze(-2));
        }
    }

    /**
     * PyTorch's {@code _SpectralNorm} module: buffers {@code _u} and {@code _v} (unit vectors from N(0, 1), u first,
     * then 15 power iterations), forward {@code weight / (u . W v)} with W the weight as a matrix (dimension dim
     * first).
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

package dev.vgrad.nn.utils;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.RemovableHandle;
import dev.vgrad.nn.ConvTranspose1d;
import dev.vgrad.nn.ConvTranspose2d;
import dev.vgrad.nn.ConvTranspose3d;
import dev.vgrad.nn.ForwardPreHook;
import dev.vgrad.nn.Functional;
import dev.vgrad.nn.Module;

/**
 * {@code torch.nn.utils.spectral_norm} and {@code remove_spectral_norm} (the hook version), as PyTorch 1.13 does them:
 * the parameter {@code name} becomes {@code name_orig}, with buffers {@code name_u} and {@code name_v} holding unit
 * vectors drawn from N(0, 1) (u first, as torch draws them); before every {@link Module#call} a forward pre-hook sets
 * the module's {@code name} to {@code name_orig / sigma}, sigma = u . (W v) with W the weight as a matrix (dimension
 * {@code dim} first). In training mode the hook first runs {@code nPowerIterations} steps of the power method on the
 * buffers in place, unrecorded (v from W^T u, then u from W v); sigma's gradient then flows to the weight alone.
 */
public final class SpectralNorm implements ForwardPreHook {
    private final String name;
    private final int nPowerIterations, dim;
    private final float eps;
    private RemovableHandle handle;

    private SpectralNorm(String name, int nPowerIterations, int dim, float eps) {
        this.name = name;
        this.nPowerIterations = nPowerIterations;
        this.dim = dim;
        this.eps = eps;
    }

    /** {@code spectral_norm(module)}: "weight", one power iteration, eps 1e-12, u and v from the default generator. */
    public static <M extends Module> M spectralNorm(M module) {
        return spectralNorm(module, "weight", 1, 1e-12f, null, Generator.defaultGenerator());
    }

    /**
     * {@code spectral_norm(module, name, n_power_iterations, eps, dim)}, u and v drawn from {@code g}. {@code dim} null
     * is PyTorch's default: 1 for the transposed convolutions (their weight is [in, out, ...]), 0 otherwise. Refused:
     * a name that is not one of the module's own parameters, fewer than one power iteration, a dim outside the
     * weight's dimensions, and a second spectral norm on the same name.
     */
    public static <M extends Module> M spectralNorm(M module, String name, int nPowerIterations, float eps, Integer dim,
                                                    Generator g) {
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof SpectralNorm s && s.name.equals(name)) {
                throw new IllegalStateException("Cannot register two spectral_norm hooks on the same parameter "
                        + name);
            }
        }
        if (nPowerIterations <= 0) {
            throw new IllegalArgumentException("Expected n_power_iterations to be positive, but got "
                    + "n_power_iterations=" + nPowerIterations);
        }
        Tensor weight = Reparametrizations.ownParameter(module, name, "spectral_norm");
        int d = dim != null ? Reparametrizations.dimension(weight, dim, "spectral_norm")
                : module instanceof ConvTranspose1d || module instanceof ConvTranspose2d
                        || module instanceof ConvTranspose3d ? 1 : 0;
        SpectralNorm fn = new SpectralNorm(name, nPowerIterations, d, eps);
        Tensor u, v;
        try (var noGrad = GradMode.noGrad()) {
            Tensor matrix = asMatrix(weight, d);
            u = Functional.normalize(Tensor.zeros(matrix.size(0)).normal_(0, 1, g), 2f, 0, eps);
            v = Functional.normalize(Tensor.zeros(matrix.size(1)).normal_(0, 1, g), 2f, 0, eps);
        }
        module.deleteAttribute(name);
        module.registerParameter(name + "_orig", weight);
        module.setTensorAttribute(name, weight.detach());
        module.registerBuffer(name + "_u", u);
        module.registerBuffer(name + "_v", v);
        fn.handle = module.registerForwardPreHook(fn);
        return module;
    }

    /** {@code remove_spectral_norm(module)} for "weight". */
    public static <M extends Module> M removeSpectralNorm(M module) {
        return removeSpectralNorm(module, "weight");
    }

    /**
     * {@code remove_spectral_norm(module, name)}: the parameter {@code name} again, holding {@code name_orig / sigma}
     * from the current u and v (no power iteration), registered after the module's other parameters.
     */
    public static <M extends Module> M removeSpectralNorm(M module, String name) {
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof SpectralNorm s && s.name.equals(name)) {
                Tensor weight;
                try (var noGrad = GradMode.noGrad()) {
                    weight = s.compute(module, false);
                }
                module.deleteAttribute(name);
                module.deleteAttribute(name + "_u");
                module.deleteAttribute(name + "_v");
                module.deleteAttribute(name + "_orig");
                module.registerParameter(name, weight.detach());
                s.handle.remove();
                return module;
            }
        }
        throw new IllegalArgumentException("spectral_norm of '" + name + "' not found in " + module);
    }

    @Override
    public Tensor apply(Module module, Tensor input) {
        module.setTensorAttribute(name, compute(module, module.isTraining()));
        return null;
    }

    private Tensor compute(Module module, boolean powerIteration) {
        Tensor weight = module.tensorAttribute(name + "_orig");
        Tensor u = module.tensorAttribute(name + "_u"), v = module.tensorAttribute(name + "_v");
        Tensor matrix = asMatrix(weight, dim);
        if (powerIteration) {
            try (var noGrad = GradMode.noGrad()) {
                for (int i = 0; i < nPowerIterations; i++) {
                    v.copy_(Functional.normalize(matrix.t().mv(u), 2f, 0, eps));
                    u.copy_(Functional.normalize(matrix.mv(v), 2f, 0, eps));
                }
            }
            // Copies, so that the next power iteration does not change what this forward's graph saved.
            u = u.clone();
            v = v.clone();
        }
        return weight.div(u.dot(matrix.mv(v)));
    }

    /** The weight as a matrix: dimension {@code dim} first, the rest flattened into the columns. */
    static Tensor asMatrix(Tensor weight, int dim) {
        Tensor w = dim == 0 ? weight : weight.movedim(dim, 0);
        return w.reshape(w.size(0), -1);
    }
}

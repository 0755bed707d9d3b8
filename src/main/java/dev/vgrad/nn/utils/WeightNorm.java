package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.RemovableHandle;
import dev.vgrad.nn.ForwardPreHook;
import dev.vgrad.nn.Module;

/**
 * {@code torch.nn.utils.weight_norm} and {@code remove_weight_norm}, as PyTorch 1.13 does them: the parameter
 * {@code name} is replaced by a magnitude {@code name_g} (its norm over every dimension but {@code dim}) and a
 * direction {@code name_v} (sharing the old parameter's storage), and a forward pre-hook sets the module's {@code name}
 * to {@code v * (g / ||v||)} before every {@link Module#call}, so gradients reach g and v. The module's field for the
 * name (a Linear's {@code weight}) holds that computed tensor.
 */
public final class WeightNorm implements ForwardPreHook {
    private final String name;
    /** The dimension kept by the norm, or -1 for a norm over the whole tensor (PyTorch's dim=None). */
    private final int dim;
    private RemovableHandle handle;

    private WeightNorm(String name, int dim) {
        this.name = name;
        this.dim = dim;
    }

    /** {@code weight_norm(module)}: the parameter "weight", its norm taken per index of dimension 0. */
    public static <M extends Module> M weightNorm(M module) {
        return weightNorm(module, "weight", 0);
    }

    /**
     * {@code weight_norm(module, name, dim)}: {@code dim} null (or -1, as PyTorch reads it) takes one norm over the
     * whole tensor, so name_g is a scalar; any other dim keeps that dimension (negative dims count from the end).
     * Refused: a name that is not one of the module's own parameters, a dim outside the parameter's dimensions, and
     * a second weight norm on the same name.
     */
    public static <M extends Module> M weightNorm(M module, String name, Integer dim) {
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof WeightNorm w && w.name.equals(name)) {
                throw new IllegalStateException("Cannot register two weight_norm hooks on the same parameter " + name);
            }
        }
        Tensor weight = Reparametrizations.ownParameter(module, name, "weight_norm");
        int d = dim == null || dim == -1 ? -1 : Reparametrizations.dimension(weight, dim, "weight_norm");
        WeightNorm fn = new WeightNorm(name, d);
        module.deleteAttribute(name);
        module.registerParameter(name + "_g", normExceptDim(weight, d).detach());
        module.registerParameter(name + "_v", weight.detach());
        module.setTensorAttribute(name, fn.compute(module));
        fn.handle = module.registerForwardPreHook(fn);
        return module;
    }

    /** {@code remove_weight_norm(module)} for "weight". */
    public static <M extends Module> M removeWeightNorm(M module) {
        return removeWeightNorm(module, "weight");
    }

    /**
     * {@code remove_weight_norm(module, name)}: the parameter {@code name} again, holding the current
     * {@code g v / ||v||} (registered after the module's other parameters, as PyTorch re-registers it); name_g and
     * name_v are gone.
     */
    public static <M extends Module> M removeWeightNorm(M module, String name) {
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof WeightNorm w && w.name.equals(name)) {
                Tensor weight = w.compute(module);
                module.deleteAttribute(name);
                module.deleteAttribute(name + "_g");
                module.deleteAttribute(name + "_v");
                module.registerParameter(name, weight.detach());
                w.handle.remove();
                return module;
            }
        }
        throw new IllegalArgumentException("weight_norm of '" + name + "' not found in " + module);
    }

    @Override
    public Tensor apply(Module module, Tensor input) {
        module.setTensorAttribute(name, compute(module));
        return null;
    }

    private Tensor compute(Module module) {
        Tensor g = module.tensorAttribute(name + "_g"), v = module.tensorAttribute(name + "_v");
        return v.mul(g.div(normExceptDim(v, dim)));
    }

    /**
     * PyTorch's {@code norm_except_dim(v, 2, dim)}: the 2-norm over every dimension but {@code dim}, shaped to
     * broadcast against v (size 1 everywhere but dim); for dim -1 the norm of the whole tensor, as a scalar.
     */
    static Tensor normExceptDim(Tensor v, int dim) {
        if (dim == -1) {
            return v.norm();
        }
        int[] shape = new int[v.dim()];
        java.util.Arrays.fill(shape, 1);
        shape[dim] = v.size(dim);
        return v.movedim(dim, 0).reshape(v.size(dim), -1).norm(2f, 1, false).reshape(shape);
    }
}

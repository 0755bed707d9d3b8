package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.ForwardPreHook;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.utils.ParameterVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code torch.nn.utils.prune}'s functions: each prunes a module's tensor {@code name} by a new method of its kind
 * ({@link BasePruningMethod#apply(Module, String, BasePruningMethod, Tensor)} says what that does to the module) and
 * returns the module. Amounts are {@link Number}s read as PyTorch reads them: an integral one (3) counts entries or
 * channels, a fractional one (0.3) is a share, rounded half to even. Pruning a tensor again prunes what is left.
 */
public final class Prune {
    private Prune() {}

    /** {@code identity(module, name)}: reparametrized with a mask of ones. */
    public static <M extends Module> M identity(M module, String name) {
        BasePruningMethod.apply(module, name, new Identity(), null);
        return module;
    }

    /** {@code random_unstructured(module, name, amount)}: entries chosen by draws from the default generator. */
    public static <M extends Module> M randomUnstructured(M module, String name, Number amount) {
        BasePruningMethod.apply(module, name, new RandomUnstructured(amount), null);
        return module;
    }

    /** {@code l1_unstructured(module, name, amount)}: the entries of smallest magnitude. */
    public static <M extends Module> M l1Unstructured(M module, String name, Number amount) {
        return l1Unstructured(module, name, amount, null);
    }

    /**
     * {@code l1_unstructured(module, name, amount, importance_scores)}: the entries whose scores (of the tensor's shape;
     * null: the tensor itself) are smallest in magnitude.
     */
    public static <M extends Module> M l1Unstructured(M module, String name, Number amount, Tensor importanceScores) {
        BasePruningMethod.apply(module, name, new L1Unstructured(amount), importanceScores);
        return module;
    }

    /** {@code random_structured(module, name, amount, dim)}: channels along dim chosen by draws. */
    public static <M extends Module> M randomStructured(M module, String name, Number amount, int dim) {
        BasePruningMethod.apply(module, name, new RandomStructured(amount, dim), null);
        return module;
    }

    /** {@code ln_structured(module, name, amount, n, dim)}: the channels along dim of smallest n-norm. */
    public static <M extends Module> M lnStructured(M module, String name, Number amount, double n, int dim) {
        return lnStructured(module, name, amount, n, dim, null);
    }

    /** {@link #lnStructured(Module, String, Number, double, int)} ranking channels by {@code importanceScores}. */
    public static <M extends Module> M lnStructured(M module, String name, Number amount, double n, int dim,
            Tensor importanceScores) {
        BasePruningMethod.apply(module, name, new LnStructured(amount, n, dim), importanceScores);
        return module;
    }

    /** {@link #lnStructured(Module, String, Number, double, int)} by the norm named "fro" or "nuc". */
    public static <M extends Module> M lnStructured(M module, String name, Number amount, String n, int dim) {
        return lnStructured(module, name, amount, n, dim, null);
    }

    /** {@link #lnStructured(Module, String, Number, String, int)} ranking channels by {@code importanceScores}. */
    public static <M extends Module> M lnStructured(M module, String name, Number amount, String n, int dim,
            Tensor importanceScores) {
        BasePruningMethod.apply(module, name, new LnStructured(amount, n, dim), importanceScores);
        return module;
    }

    /** {@code custom_from_mask(module, name, mask)}: where {@code mask} is 0. */
    public static <M extends Module> M customFromMask(M module, String name, Tensor mask) {
        BasePruningMethod.apply(module, name, new CustomFromMask(mask), null);
        return module;
    }

    /** {@link #globalUnstructured(List, BasePruningMethod, Map)} ranking each tensor by its own values. */
    public static void globalUnstructured(List<Map.Entry<Module, String>> parameters, BasePruningMethod method) {
        globalUnstructured(parameters, method, Map.of());
    }

    /**
     * {@code global_unstructured(parameters, pruning_method, importance_scores, amount=...)}: {@code method} (an
     * unstructured one, such as {@code new L1Unstructured(0.2)}, used for its mask only) chooses among the entries of
     * all the listed tensors at once ({@code Map.entry(module, name)} each), over what earlier pruning left of each;
     * each tensor is then pruned by its slice of that mask, as {@link #customFromMask}. {@code importanceScores} ranks
     * a listed tensor by other values (of its shape). Everything is checked before any module changes: a listed name
     * that cannot be pruned, one listed twice, scores of another shape, a structured method, an amount too large.
     */
    public static void globalUnstructured(List<Map.Entry<Module, String>> parameters, BasePruningMethod method,
            Map<Map.Entry<Module, String>, Tensor> importanceScores) {
        if (method.pruningType() != PruningType.UNSTRUCTURED) {
            throw new IllegalArgumentException("Only \"unstructured\" PRUNING_TYPE supported for the `pruning_method`. "
                    + "Found method " + method.getClass().getSimpleName() + " of type " + method.pruningType());
        }
        List<Tensor> scores = new ArrayList<>(), masks = new ArrayList<>(), targets = new ArrayList<>();
        Set<Map.Entry<Module, String>> seen = new HashSet<>();
        for (Map.Entry<Module, String> p : parameters) {
            Module module = p.getKey();
            String name = p.getValue();
            if (!seen.add(Map.entry(module, name))) {
                throw new IllegalArgumentException("global_unstructured: " + module.getClass().getSimpleName() + "'s '"
                        + name + "' is listed twice");
            }
            BasePruningMethod old = ModulePruning.hookOf(module, name);
            Tensor t = ModulePruning.target(module, name, old);
            Tensor score = importanceScores.get(p);
            if (score != null && !Arrays.equals(score.shape(), t.shape())) {
                throw new IllegalArgumentException("global_unstructured: importance scores of shape "
                        + Arrays.toString(score.shape()) + " for " + module.getClass().getSimpleName() + "'s '" + name
                        + "' of shape " + Arrays.toString(t.shape()));
            }
            targets.add(t);
            scores.add(score != null ? score : t);
            masks.add(old != null ? module.tensorAttribute(name + "_mask") : t.onesLike());
        }
        Tensor mask;
        try (var s = GradMode.noGrad()) {
            mask = new PruningContainer(method).computeMask(ParameterVectors.parametersToVector(scores),
                    ParameterVectors.parametersToVector(masks));
        }
        int at = 0;
        for (int i = 0; i < targets.size(); i++) {
            Tensor t = targets.get(i);
            Map.Entry<Module, String> p = parameters.get(i);
            customFromMask(p.getKey(), p.getValue(), mask.narrow(0, at, t.numel()).reshape(t.shape()));
            at += t.numel();
        }
    }

    /**
     * {@code remove(module, name)}: makes the pruning of {@code name} permanent and removes its reparametrization
     * (see {@link BasePruningMethod#remove}); a tensor that is not pruned is refused in PyTorch's words.
     */
    public static <M extends Module> M remove(M module, String name) {
        BasePruningMethod method = ModulePruning.hookOf(module, name);
        if (method == null) {
            throw new IllegalArgumentException("Parameter '" + name + "' of module " + module + " has to be pruned "
                    + "before pruning can be removed");
        }
        method.remove(module);
        return module;
    }

    /** {@code is_pruned(module)}: whether any tensor of the module or of its submodules is pruned. */
    public static boolean isPruned(Module module) {
        for (Module m : module.modules()) {
            for (ForwardPreHook h : m.forwardPreHooks()) {
                if (h instanceof BasePruningMethod) {
                    return true;
                }
            }
        }
        return false;
    }
}

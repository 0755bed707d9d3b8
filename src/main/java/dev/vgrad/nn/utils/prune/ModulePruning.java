package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.nn.ForwardPreHook;
import dev.vgrad.nn.Module;
import java.util.Arrays;
import java.util.Map;

/**
 * How pruning changes a module and changes it back: the reparametrization PyTorch's {@code BasePruningMethod.apply}
 * and {@code remove} perform, here checked in full before the module is touched, so a refused pruning leaves the
 * module as it was (PyTorch 1.13 re-registers the parameter last, or drops the earlier hook, when a mask is refused).
 */
final class ModulePruning {
    private ModulePruning() {}

    /** {@code method}'s mask, computed with recording off: masks are buffers, never part of a graph. */
    static Tensor maskOf(BasePruningMethod method, Tensor scores, Tensor defaultMask) {
        try (var s = GradMode.noGrad()) {
            return method.computeMask(scores, defaultMask);
        }
    }

    /** The pruning method attached to {@code module}'s tensor {@code name}, or null. */
    static BasePruningMethod hookOf(Module module, String name) {
        BasePruningMethod found = null;
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof BasePruningMethod b && name.equals(b.tensorName)) {
                if (found != null) {
                    throw new IllegalStateException("Avoid adding multiple pruning hooks to the same tensor " + name
                            + " of module " + module + ". Use a PruningContainer.");
                }
                found = b;
            }
        }
        return found;
    }

    /**
     * The tensor a new pruning of {@code name} starts from: where {@code name} is pruned already ({@code old} not
     * null), its pruned value as the module holds it; otherwise the module's own parameter, which must be one it can
     * replace. Anything else is refused, naming the module's parameters.
     */
    static Tensor target(Module module, String name, BasePruningMethod old) {
        if (old != null) {
            return module.tensorAttribute(name);
        }
        Map<String, Tensor> own = module.namedParameters("", false, false);
        Tensor t = own.get(name);
        if (t == null) {
            throw new IllegalArgumentException("prune: " + module.getClass().getSimpleName() + " has no parameter '"
                    + name + "' of its own to prune (its parameters: " + own.keySet() + ")");
        }
        module.requireReplaceable(name);
        for (String taken : new String[] {name + "_orig", name + "_mask"}) {
            if (holds(module, taken)) {
                throw new IllegalArgumentException("prune: " + module.getClass().getSimpleName() + " already has '"
                        + taken + "', which pruning '" + name + "' would register");
            }
        }
        return t;
    }

    static BasePruningMethod attach(Module module, String name, BasePruningMethod method, Tensor importanceScores) {
        if (method instanceof PruningContainer) {
            throw new IllegalArgumentException("a PruningContainer is made by pruning a tensor again, not attached");
        }
        if (method.tensorName != null) {
            throw new IllegalArgumentException("this " + method.getClass().getSimpleName() + " prunes '"
                    + method.tensorName + "' already: make a new method for each tensor");
        }
        BasePruningMethod old = hookOf(module, name);
        Tensor orig = target(module, name, old);
        if (importanceScores != null && !Arrays.equals(importanceScores.shape(), orig.shape())) {
            throw new IllegalArgumentException("importance_scores should have the same shape as parameter " + name
                    + " of " + module + ": " + Arrays.toString(importanceScores.shape()) + " against "
                    + Arrays.toString(orig.shape()));
        }
        Tensor scores = importanceScores != null ? importanceScores : orig;
        Tensor mask;
        method.tensorName = name;
        try (var s = GradMode.noGrad()) {
            mask = old == null ? method.computeMask(scores, orig.onesLike())
                    : PruningContainer.combine(method, scores, module.tensorAttribute(name + "_mask"));
        } catch (RuntimeException e) {
            method.tensorName = null;
            throw e;
        }
        BasePruningMethod composite;
        if (old == null) {
            boolean trained = orig.requiresGrad();
            module.deleteAttribute(name);
            module.registerParameter(name + "_orig", orig).requiresGrad_(trained);
            module.registerBuffer(name + "_mask", mask);
            composite = method;
        } else {
            module.setTensorAttribute(name + "_mask", mask);
            unhook(old);
            if (old instanceof PruningContainer c) {
                c.addPruningMethod(method);
                composite = c;
            } else {
                composite = new PruningContainer(old, method);
            }
        }
        module.setTensorAttribute(name, composite.applyMask(module));
        composite.handle = module.registerForwardPreHook(composite);
        return composite;
    }

    /** Undoes {@code method}'s reparametrization of its module, keeping the pruned values (see its remove). */
    static void detach(Module module, BasePruningMethod method) {
        String name = method.tensorName;
        Tensor weight;
        try (var s = GradMode.noGrad()) {
            weight = method.applyMask(module);
        }
        Tensor orig = module.tensorAttribute(name + "_orig");
        boolean trained = orig.requiresGrad();
        module.deleteAttribute(name);
        orig.setData(weight);
        module.deleteAttribute(name + "_orig");
        module.deleteAttribute(name + "_mask");
        module.registerParameter(name, orig).requiresGrad_(trained);
        unhook(method);
    }

    private static void unhook(BasePruningMethod method) {
        if (method.handle != null) {
            method.handle.remove();
            method.handle = null;
        }
    }

    /** Whether {@code module} holds anything (a tensor or a submodule) under {@code name}. */
    private static boolean holds(Module module, String name) {
        if (module.namedChildren().containsKey(name)) {
            return true;
        }
        try {
            module.tensorAttribute(name);
            return true;
        } catch (IllegalArgumentException absent) {
            return false;
        }
    }
}

package dev.vgrad.nn.utils.prune;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.RemovableHandle;
import dev.vgrad.nn.ForwardPreHook;
import dev.vgrad.nn.Module;
import java.util.Arrays;

/**
 * A way of pruning a tensor ({@code torch.nn.utils.prune.BasePruningMethod}): a subclass says which entries to keep
 * ({@link #computeMask}); attached to a module by {@link #apply(Module, String, BasePruningMethod, Tensor)} (or the
 * functions of {@link Prune}), the module's parameter {@code name} becomes the parameter {@code name_orig} (the same
 * tensor, so an optimizer made before still trains it), a buffer {@code name_mask} holds the mask, and this method,
 * as a forward pre-hook, sets the module's {@code name} to {@code mask * orig} before every forward, so gradients
 * reach the kept entries of {@code name_orig} and no others. A method prunes one tensor of one module; the functions
 * make a new one each time, as PyTorch's class methods do.
 */
public abstract class BasePruningMethod implements ForwardPreHook {
    /** The tensor this method prunes once attached; null before. */
    String tensorName;
    /** This method's registration as its module's forward pre-hook; null while not attached. */
    RemovableHandle handle;

    /** For subclasses. */
    protected BasePruningMethod() {}

    /** How this method's mask is combined with an earlier one in a {@link PruningContainer}. */
    public abstract PruningType pruningType();

    /**
     * The mask for {@code t} (the importance of each entry: the tensor itself unless scores were given), starting
     * from {@code defaultMask}, the mask of earlier pruning (ones where there was none), whose zeros stay zeros. It
     * must not change either argument.
     */
    public abstract Tensor computeMask(Tensor t, Tensor defaultMask);

    /**
     * The dimension whose slices (channels) a {@link PruningType#STRUCTURED} method prunes, PyTorch's {@code dim}
     * attribute; null for methods that prune entries.
     */
    public Integer dim() {
        return null;
    }

    /** The name of the tensor this method prunes, or null before it is attached. */
    public final String tensorName() {
        return tensorName;
    }

    /** The pruned tensor: the module's {@code name_mask} times its {@code name_orig} ({@code apply_mask}). */
    public Tensor applyMask(Module module) {
        if (tensorName == null) {
            throw new IllegalStateException("Module " + module + " has to be pruned");
        }
        return module.tensorAttribute(tensorName + "_mask").mul(module.tensorAttribute(tensorName + "_orig"));
    }

    /** As a forward pre-hook: sets the module's pruned tensor to {@link #applyMask} and keeps the input. */
    @Override
    public final Tensor apply(Module module, Tensor input) {
        module.setTensorAttribute(tensorName, applyMask(module));
        return null;
    }

    /** {@code t} pruned by this method alone: {@code t * computeMask(t, ones)}. */
    public final Tensor prune(Tensor t) {
        return prune(t, null, null);
    }

    /**
     * {@code t} times this method's mask ({@code prune(t, default_mask, importance_scores)}): the mask computed from
     * {@code importanceScores} (t itself when null), over {@code defaultMask} (ones when null). Scores or a mask of
     * another shape than t are refused, naming both shapes.
     */
    public final Tensor prune(Tensor t, Tensor defaultMask, Tensor importanceScores) {
        sameShape("importance_scores", importanceScores, t);
        sameShape("default_mask", defaultMask, t);
        Tensor mask = ModulePruning.maskOf(this, importanceScores != null ? importanceScores : t,
                defaultMask != null ? defaultMask : t.onesLike());
        return t.mul(mask);
    }

    /**
     * Makes the pruning permanent ({@code remove}): the module's {@code name} is a parameter again, the same tensor
     * as {@code name_orig} was, now holding {@code mask * orig} (registered after the module's other parameters, as
     * PyTorch re-registers it); {@code name_orig}, {@code name_mask} and this hook are gone. (PyTorch leaves the hook
     * for {@link Prune#remove} to take away, and a forward in between fails; here it goes with the rest.)
     */
    public void remove(Module module) {
        if (tensorName == null) {
            throw new IllegalStateException("Module " + module + " has to be pruned before pruning can be removed");
        }
        ModulePruning.detach(module, this);
    }

    /**
     * Attaches {@code method} to {@code module}'s tensor {@code name} ({@code cls.apply(module, name, ...,
     * importance_scores)}) and returns what now prunes it: the method itself, or, where the tensor was pruned before,
     * a {@link PruningContainer} of the earlier method(s) and this one, whose new mask is computed over what the
     * earlier ones left. {@code importanceScores} (null: the tensor's current values) rank the entries in place of
     * the tensor. Refused, before anything changes: a name that is neither a parameter of the module's own nor
     * pruned already, scores of another shape, a method attached before, and a mask the method refuses (an amount
     * larger than the tensor).
     */
    public static BasePruningMethod apply(Module module, String name, BasePruningMethod method,
            Tensor importanceScores) {
        return ModulePruning.attach(module, name, method, importanceScores);
    }

    private static void sameShape(String what, Tensor given, Tensor t) {
        if (given != null && !Arrays.equals(given.shape(), t.shape())) {
            throw new IllegalArgumentException(what + " should have the same shape as tensor t: "
                    + Arrays.toString(given.shape()) + " against " + Arrays.toString(t.shape()));
        }
    }
}

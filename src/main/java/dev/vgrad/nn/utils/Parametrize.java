package dev.vgrad.nn.utils;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.RemovableHandle;
import dev.vgrad.nn.ForwardPreHook;
import dev.vgrad.nn.Module;
import dev.vgrad.nn.ModuleDict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code torch.nn.utils.parametrize}: a module's parameter or buffer replaced by a function of an unconstrained
 * original ({@code register_parametrization}), as PyTorch 1.13 does it. The module gains a child "parametrizations"
 * (a {@link ModuleDict} of {@link ParametrizationList}s), so the state dict names the original
 * "parametrizations.weight.original" and a parametrization's own parameters "parametrizations.weight.0.name".
 *
 * <p>PyTorch recomputes the tensor on each attribute access; Java cannot intercept a field read, so vgrad recomputes it
 * in a forward pre-hook before every {@link Module#call} (one evaluation per forward, as a layer that reads its weight
 * once gets in PyTorch), and sets it at registration. Between calls the module's field holds the last value; {@link
 * #parametrized} computes it afresh, as reading the attribute in PyTorch does.
 */
public final class Parametrize {
    private static final String CHILD = "parametrizations";
    /** Per thread: the open {@link #cached()} scopes' depth and their values, keyed by module and tensor name. */
    private static final ThreadLocal<Cache> CACHE = ThreadLocal.withInitial(Cache::new);

    private Parametrize() {}

    private static final class Cache {
        int depth;
        final Map<Module, Map<String, Tensor>> values = new HashMap<>();
    }

    /** The pre-hook that sets a parametrized tensor before each call. */
    private static final class Recompute implements ForwardPreHook {
        private final String name;
        private RemovableHandle handle;

        Recompute(String name) {
            this.name = name;
        }

        @Override
        public Tensor apply(Module module, Tensor input) {
            module.setTensorAttribute(name, parametrized(module, name));
            return null;
        }
    }

    /** {@link #registerParametrization(Module, String, Module, boolean)} with the consistency checks on. */
    public static <M extends Module> M registerParametrization(M module, String name, Module parametrization) {
        return registerParametrization(module, name, parametrization, false);
    }

    /**
     * {@code register_parametrization(module, name, parametrization, unsafe)}. The first parametrization of a
     * parameter or buffer {@code name} takes it over as the original (after its right inverse, when the
     * parametrization implements {@link RightInverse}, written into the same tensor); further ones are appended and
     * apply to the previous one's result. Unless {@code unsafe}, a parametrization that changes the tensor's shape is
     * refused before anything changes. The parametrization takes the module's training mode.
     */
    public static <M extends Module> M registerParametrization(M module, String name, Module parametrization,
                                                               boolean unsafe) {
        module.requireReplaceable(name);
        parametrization.train(module.isTraining());
        // Each evaluation below is one PyTorch makes too (stateful parametrizations, such as spectral norm's power
        // method in training, advance with each), and its result is the value the module's field takes. With unsafe,
        // PyTorch evaluates nothing here; vgrad still evaluates once, to set the field.
        if (isParametrized(module, name)) {
            ParametrizationList list = list(module, name);
            Tensor y = parametrized(module, name);
            Tensor x = parametrization.call(y);
            if (!unsafe) {
                checkedShape(x, y.shape(), "parametrization");
                if (parametrization instanceof RightInverse r) {
                    checkedShape(r.rightInverse(x), y.shape(), "right_inverse");
                }
            }
            list.add(parametrization);
            list.unsafe |= unsafe;
            module.setTensorAttribute(name, x);
            return module;
        }
        // The module's own tensors under every name they have (a tied parameter's second name included).
        boolean parameter = module.namedParameters("", false, false).containsKey(name);
        if (!parameter && !module.namedBuffers("", false, false).containsKey(name)) {
            throw new IllegalArgumentException("Module '" + module + "' does not have a parameter, a buffer, or a "
                    + "parametrized element with name '" + name + "'");
        }
        Tensor original = module.tensorAttribute(name);
        int[] shape = original.shape();
        Tensor initial = original;
        if (parametrization instanceof RightInverse r) {
            try (var noGrad = GradMode.noGrad()) {
                initial = r.rightInverse(original);
            }
        }
        ParametrizationList list = new ParametrizationList(parametrization, original, parameter, unsafe);
        Tensor before = initial != original ? original.detach().clone() : null;
        list.copyIntoOriginal(initial);
        Tensor value;
        try {
            value = list.forward();
            if (!unsafe) {
                checkedShape(value, shape, "parametrization");
            }
        } catch (RuntimeException e) {
            if (before != null) {
                list.copyIntoOriginal(before);   // refused: the module's tensor as it was
            }
            throw e;
        }
        module.deleteAttribute(name);
        ModuleDict dict = isParametrized(module) ? (ModuleDict) module.getSubmodule(CHILD)
                : module.registerModule(CHILD, new ModuleDict());
        dict.put(name, list);
        module.setTensorAttribute(name, value);
        Recompute hook = new Recompute(name);
        hook.handle = module.registerForwardPreHook(hook);
        return module;
    }

    /** {@code remove_parametrizations(module, name)}, leaving the tensor at its parametrized value. */
    public static <M extends Module> M removeParametrizations(M module, String name) {
        return removeParametrizations(module, name, true);
    }

    /**
     * {@code remove_parametrizations(module, name, leave_parametrized)}: {@code name} is the module's plain parameter
     * (or buffer) again, the original tensor itself, holding the parametrized value when {@code leaveParametrized} and
     * the original's otherwise; registered after the module's other tensors. The "parametrizations" child goes with
     * the last parametrized tensor.
     */
    public static <M extends Module> M removeParametrizations(M module, String name, boolean leaveParametrized) {
        if (!isParametrized(module, name)) {
            throw new IllegalArgumentException("Module " + module + " does not have a parametrization on " + name);
        }
        ParametrizationList list = list(module, name);
        Tensor original = list.original;
        if (leaveParametrized) {
            Tensor value;
            try (var noGrad = GradMode.noGrad()) {
                value = parametrized(module, name);
            }
            list.copyIntoOriginal(value);
        }
        boolean parameter = list.namedParameters("", false, false).containsKey("original");
        module.deleteAttribute(name);
        ModuleDict dict = (ModuleDict) module.getSubmodule(CHILD);
        dict.pop(name);
        if (parameter) {
            module.registerParameter(name, original);
        } else {
            module.registerBuffer(name, original);
        }
        if (dict.size() == 0) {
            module.deleteAttribute(CHILD);
        }
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof Recompute r && r.name.equals(name)) {
                r.handle.remove();
            }
        }
        return module;
    }

    /**
     * PyTorch's {@code module.name = value} on a parametrized tensor: the original set to what the right inverses make
     * of {@code value} ({@link ParametrizationList#rightInverse}), and the module's field to the new parametrized
     * value.
     */
    public static void assign(Module module, String name, Tensor value) {
        if (!isParametrized(module, name)) {
            throw new IllegalArgumentException("Module " + module + " does not have a parametrization on " + name);
        }
        list(module, name).rightInverse(value);
        module.setTensorAttribute(name, parametrized(module, name));
    }

    /**
     * {@code type_before_parametrizations(module)}: the module's class. PyTorch swaps a parametrized module's class for
     * a subclass and this undoes that; vgrad keeps the class, so it is the class itself.
     */
    public static Class<? extends Module> typeBeforeParametrizations(Module module) {
        return module.getClass();
    }

    /** {@code transfer_parametrizations_and_params(from, to)} for every parametrized tensor of {@code from}. */
    public static <M extends Module> M transferParametrizationsAndParams(Module from, M to) {
        return transferParametrizationsAndParams(from, to, null);
    }

    /**
     * {@code transfer_parametrizations_and_params(from, to, name)}: the parametrizations of from's tensor {@code name}
     * (every parametrized one for null) registered on {@code to} too, the same parametrization modules, and to's
     * original made from's original itself, so the two share it as PyTorch's do; where {@code to} has no tensor of
     * that name, it first gets a parameter holding from's parametrized value.
     */
    public static <M extends Module> M transferParametrizationsAndParams(Module from, M to, String name) {
        if (!isParametrized(from)) {
            return to;
        }
        List<String> names = name != null ? List.of(name)
                : new ArrayList<>(((ModuleDict) from.getSubmodule(CHILD)).keySet());
        for (String n : names) {
            ParametrizationList source = list(from, n);
            if (!holds(to, n)) {
                to.registerParameter(n, parametrized(from, n).detach());
            }
            for (Module parametrization : source) {
                registerParametrization(to, n, parametrization);
            }
            list(to, n).shareOriginal(source.original);
            to.setTensorAttribute(n, parametrized(to, n));
        }
        return to;
    }

    private static boolean holds(Module module, String name) {
        try {
            module.tensorAttribute(name);
            return true;
        } catch (IllegalArgumentException none) {
            return false;
        }
    }

    /** Whether any tensor of {@code module} is parametrized ({@code is_parametrized(module)}). */
    public static boolean isParametrized(Module module) {
        return module.namedChildren().get(CHILD) instanceof ModuleDict d && d.size() > 0;
    }

    /** Whether {@code name} of {@code module} is parametrized ({@code is_parametrized(module, name)}). */
    public static boolean isParametrized(Module module, String name) {
        return module.namedChildren().get(CHILD) instanceof ModuleDict d && d.containsKey(name);
    }

    /**
     * The parametrized tensor computed now from the original (recorded, so gradients reach the original and the
     * parametrizations' parameters), as reading {@code module.name} does in PyTorch; inside a {@link #cached()} scope,
     * computed once per module and name.
     */
    public static Tensor parametrized(Module module, String name) {
        if (!isParametrized(module, name)) {
            throw new IllegalArgumentException("Module " + module + " does not have a parametrization on " + name);
        }
        Cache cache = CACHE.get();
        if (cache.depth == 0) {
            return list(module, name).forward();
        }
        return cache.values.computeIfAbsent(module, m -> new HashMap<>()).computeIfAbsent(name,
                n -> list(module, n).forward());
    }

    /**
     * {@code with parametrize.cached():}: until the scope closes, each parametrized tensor is computed once and reused
     * by every call (the parametrization's cost paid once for a module called many times, as an RNN's weight is).
     */
    public static CacheScope cached() {
        CACHE.get().depth++;
        return new CacheScope();
    }

    /** What {@link #cached()} returns: closing it ends the caching (and drops the values) once the outermost closes. */
    public static final class CacheScope implements AutoCloseable {
        private boolean closed;

        private CacheScope() {}

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                Cache cache = CACHE.get();
                if (--cache.depth == 0) {
                    cache.values.clear();
                }
            }
        }
    }

    private static ParametrizationList list(Module module, String name) {
        return (ParametrizationList) ((ModuleDict) module.getSubmodule(CHILD)).get(name);
    }

    private static Tensor checkedShape(Tensor t, int[] shape, String what) {
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("Registering a parametrization may not change the shape of the tensor, "
                    + "unless `unsafe` flag is enabled. The " + what + " gave " + Arrays.toString(t.shape())
                    + " for a tensor of shape " + Arrays.toString(shape));
        }
        return t;
    }
}

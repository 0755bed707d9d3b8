package dev.vgrad.nn;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.RemovableHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The base of every layer and model, as {@code torch.nn.Module}: it owns named parameters and named
 * submodules (in registration order), and from them derives {@link #parameters()}, {@link #namedParameters()},
 * {@link #namedBuffers()}, {@link #namedModules()}, {@link #stateDict()} and its (strict or not) loading,
 * {@link #zeroGrad()}, {@link #requiresGrad_}, {@link #apply}, the train/eval mode and a PyTorch-style
 * {@link #toString()}. {@link #call} is PyTorch's {@code module(input)}: forward with the module's hooks around it.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    /**
     * Tensors set as plain attributes (PyTorch's instance attributes that are neither parameters nor buffers, such as
     * the weight that weight_norm computes before each forward); null while there are none.
     */
    private Map<String, Tensor> attributes;
    /** The buffers left out of the state dict (PyTorch's persistent=False), null while there are none. */
    private java.util.Set<String> nonPersistent;
    private boolean training = true;
    /** Null until a hook is registered: most modules never get one. */
    private ModuleHooks hooks;
    private List<LoadStateDictPostHook> loadPostHooks;

    /** The module's output for {@code input}. Calling it directly skips the hooks, as PyTorch's forward does. */
    public abstract Tensor forward(Tensor input);

    /**
     * PyTorch's {@code module(input)}: {@link #forward} with this module's hooks around it (forward pre-hooks, forward
     * hooks and full backward hooks, in PyTorch 1.13's order). Containers call their children this way, so a hook on a
     * layer inside a model runs whenever the model does.
     */
    public final Tensor call(Tensor input) {
        return hooks == null || hooks.isEmpty() ? forward(input) : hooks.call(this, input, this::forward);
    }

    /**
     * The hooked call for a module whose forward takes more than its input tensor (masks, a second sequence):
     * {@code forward} computes the output from the input, and the hooks see and may replace that input alone.
     */
    public final Tensor call(Tensor input, UnaryOperator<Tensor> forward) {
        return hooks == null || hooks.isEmpty() ? forward.apply(input) : hooks.call(this, input, forward);
    }

    /** Runs {@code hook} before every {@link #call}; it may replace the input ({@code register_forward_pre_hook}). */
    public final RemovableHandle registerForwardPreHook(ForwardPreHook hook) {
        return hooks().addPreHook(hook);
    }

    /** Runs {@code hook} after each {@link #call}'s forward; it may replace the output (register_forward_hook). */
    public final RemovableHandle registerForwardHook(ForwardHook hook) {
        return hooks().addForwardHook(hook);
    }

    /**
     * Runs {@code hook} in backward once the gradient with respect to a {@link #call}'s input is known; it may replace
     * that gradient ({@code register_full_backward_hook}). The call's input and output then pass through identity
     * nodes named "BackwardHookFunctionBackward", as in PyTorch.
     */
    public final RemovableHandle registerFullBackwardHook(BackwardHook hook) {
        return hooks().addBackwardHook(hook);
    }

    /** Whether a hook is registered on this module: fused paths that skip a child's call must not skip its hooks. */
    final boolean hasHooks() {
        return hooks != null && !hooks.isEmpty();
    }

    private ModuleHooks hooks() {
        if (hooks == null) {
            hooks = new ModuleHooks();
        }
        return hooks;
    }

    /**
     * Registers a parameter under {@code name} ({@code register_parameter}); it is made a leaf that requires grad, and
     * the module's field for that name (below) is set to it.
     */
    public final Tensor registerParameter(String name, Tensor p) {
        checkNew(name);
        params.put(name, p.requiresGrad_(true));
        bindTensor(name, p);
        return p;
    }

    /**
     * Registers a buffer under {@code name}: state that is saved and loaded with the parameters but not trained
     * (batch norm's running statistics).
     */
    public final Tensor registerBuffer(String name, Tensor b) {
        return registerBuffer(name, b, true);
    }

    /**
     * Registers a buffer; with {@code persistent} false it is left out of {@link #stateDict()} and its loading (state
     * derived from the module's settings, such as a table of positional encodings), as PyTorch's
     * {@code register_buffer(name, tensor, persistent=False)}. It is still one of {@link #namedBuffers()}.
     */
    public final Tensor registerBuffer(String name, Tensor b, boolean persistent) {
        checkNew(name);
        buffers.put(name, b);
        if (!persistent) {
            if (nonPersistent == null) {
                nonPersistent = new java.util.HashSet<>();
            }
            nonPersistent.add(name);
        }
        bindTensor(name, b);
        return b;
    }

    /** {@link #registerModule} under PyTorch's older name, {@code add_module}. */
    public final <M extends Module> M addModule(String name, M module) {
        return registerModule(name, module);
    }

    /** Registers a submodule under {@code name} ({@code register_module}). */
    public final <M extends Module> M registerModule(String name, M module) {
        checkNew(name);
        children.put(name, module);
        return module;
    }

    /**
     * PyTorch's {@code setattr(module, name, tensor)} for a tensor that is not to be trained as a parameter: a buffer
     * of that name takes the new tensor; otherwise it becomes a plain attribute, as the weight that weight_norm or a
     * parametrization recomputes before each forward. The module's field for the name reads it from then on. A
     * parameter or a submodule of that name is refused: delete it first ({@link #deleteAttribute}).
     */
    public final void setTensorAttribute(String name, Tensor value) {
        requireReplaceable(name);
        if (params.containsKey(name)) {
            throw new IllegalArgumentException("cannot assign a plain tensor as parameter '" + name + "' of "
                    + getClass().getSimpleName() + " (register a parameter, or delete this one first)");
        }
        if (children.containsKey(name)) {
            throw new IllegalArgumentException("cannot assign a tensor as child module '" + name + "' of "
                    + getClass().getSimpleName());
        }
        if (buffers.containsKey(name)) {
            buffers.put(name, value);
        } else {
            if (attributes == null) {
                attributes = new LinkedHashMap<>();
            }
            attributes.put(name, value);
        }
        bindTensor(name, value);
    }

    /**
     * The tensor this module holds under {@code name}: a parameter, a buffer or a plain tensor attribute (PyTorch's
     * {@code getattr(module, name)}); an IllegalArgumentException names the module when it holds none.
     */
    public final Tensor tensorAttribute(String name) {
        Tensor t = params.containsKey(name) ? params.get(name) : buffers.containsKey(name) ? buffers.get(name)
                : attributes != null ? attributes.get(name) : null;
        if (t == null) {
            throw new IllegalArgumentException("'" + getClass().getSimpleName() + "' object has no attribute '" + name
                    + "'");
        }
        return t;
    }

    /**
     * PyTorch's {@code delattr(module, name)}: removes the parameter, buffer, submodule or plain tensor attribute of
     * that name; the module's field for it is set to null. Unknown names are an IllegalArgumentException.
     */
    public final void deleteAttribute(String name) {
        requireReplaceable(name);
        boolean tensor = params.containsKey(name);
        params.remove(name);
        if (buffers.containsKey(name)) {
            buffers.remove(name);
            if (nonPersistent != null) {
                nonPersistent.remove(name);
            }
            tensor = true;
        } else if (attributes != null && attributes.containsKey(name)) {
            attributes.remove(name);
            tensor = true;
        } else if (children.remove(name) != null) {
            return;
        } else if (!tensor) {
            throw new IllegalArgumentException("'" + getClass().getSimpleName() + "' object has no attribute '" + name
                    + "'");
        }
        bindTensor(name, null);
    }

    /**
     * {@link #call} with some of the module's tensors (parameters, buffers or plain tensor attributes, of this module
     * or its submodules, by dotted name) replaced by {@code tensors} for this call only, as PyTorch's
     * {@code functional_call}: gradients flow to the given tensors, a batch norm's running statistics update the given
     * buffers, and afterwards the module holds its own tensors again. Unknown names are refused before anything
     * changes.
     */
    public final Tensor callWith(Map<String, Tensor> tensors, Tensor input) {
        List<Module> owners = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String key : tensors.keySet()) {
            int dot = key.lastIndexOf('.');
            Module owner = getSubmodule(dot < 0 ? "" : key.substring(0, dot));
            String name = key.substring(dot + 1);
            owner.tensorAttribute(name);   // refuses an unknown name
            owners.add(owner);
            names.add(name);
        }
        Tensor[] own = new Tensor[owners.size()];
        int swapped = 0;
        try {
            for (Tensor t : tensors.values()) {
                own[swapped] = owners.get(swapped).swapTensor(names.get(swapped), t);
                swapped++;
            }
            return call(input);
        } finally {
            while (swapped-- > 0) {
                owners.get(swapped).swapTensor(names.get(swapped), own[swapped]);
            }
        }
    }

    /** Puts {@code value} where this module holds {@code name} (registry and field), returning what was there. */
    private Tensor swapTensor(String name, Tensor value) {
        Map<String, Tensor> holder = params.containsKey(name) ? params : buffers.containsKey(name) ? buffers
                : attributes;
        Tensor old = holder.put(name, value);
        bindTensor(name, value);
        return old;
    }

    /**
     * Refuses, naming the field, when this module's class keeps the tensor called {@code name} in a final field:
     * setting, deleting or reparametrizing it could not reach forward, which reads the field. (vgrad's own layers keep
     * theirs in fields that follow; a module of one's own needs the same for weight_norm, parametrize and the rest.)
     */
    public final void requireReplaceable(String name) {
        String field = TensorFields.finalField(getClass(), name);
        if (field != null) {
            throw new IllegalStateException(getClass().getName() + " keeps '" + name + "' in the final field '" + field
                    + "': a tensor set there could not reach forward; declare the field without final");
        }
    }

    /** The forward pre-hooks registered on this module, in the order they run. */
    public final List<ForwardPreHook> forwardPreHooks() {
        return hooks == null ? List.of() : hooks.preHooks();
    }

    /**
     * Points the module's own field for the tensor named {@code name} at {@code value}, so that forward reads what
     * was registered or set: the Tensor field of that name or of its camel-case spelling ("in_proj_weight" is
     * {@code inProjWeight}), declared on this class or a superclass below Module. Final fields and modules without
     * such a field are left as they are; a module that keeps its tensors elsewhere (an RNN's per-layer arrays)
     * overrides this to update them.
     */
    protected void bindTensor(String name, Tensor value) {
        java.lang.reflect.Field f = TensorFields.find(getClass(), name);
        if (f != null) {
            try {
                f.set(this, value);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set field " + f.getName() + " of " + getClass().getName(), e);
            }
        }
    }

    /** Registers {@code module} under {@code name}, replacing the submodule there (a container's assignment). */
    final void setModule(String name, Module module) {
        if (!children.containsKey(name)) {
            registerModule(name, module);
        } else {
            children.put(name, module);
        }
    }

    /** Registers {@code p} under {@code name}, replacing the parameter there (a container's assignment). */
    final void setParameter(String name, Tensor p) {
        if (!params.containsKey(name)) {
            registerParameter(name, p);
        } else {
            params.put(name, p.requiresGrad_(true));
            bindTensor(name, p);
        }
    }

    private void checkNew(String name) {
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)
                || attributes != null && attributes.containsKey(name)) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists in " + getClass().getSimpleName());
        }
    }

    /**
     * Every parameter of this module and its submodules, in registration order, each once: a parameter shared by two
     * layers (tied weights) is listed once, as PyTorch's {@code parameters()} lists it, so an optimizer steps it once.
     */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** {@code parameters(recurse)}: with recurse false, only this module's own parameters. */
    public List<Tensor> parameters(boolean recurse) {
        return new ArrayList<>(namedParameters("", recurse, true).values());
    }

    /**
     * Every parameter with its dotted name ("0.weight", "fc.bias", ...), as PyTorch names them; a parameter reachable
     * under several names (a shared layer, tied weights) under its first only, as PyTorch's {@code named_parameters()}.
     */
    public Map<String, Tensor> namedParameters() {
        return namedParameters("", true, true);
    }

    /**
     * {@code named_parameters(prefix, recurse, remove_duplicate)}: names start with {@code prefix}; recurse false
     * lists this module's own; removeDuplicate false lists a shared parameter (and the parameters of a shared layer)
     * under every name it has.
     */
    public Map<String, Tensor> namedParameters(String prefix, boolean recurse, boolean removeDuplicate) {
        return members(prefix, recurse, removeDuplicate, m -> m.params);
    }

    /**
     * Each module's own tensors of one kind ({@code own}), module by module as {@link #namedModules} walks them, by
     * dotted name; with removeDuplicate a module or tensor met again is skipped, as PyTorch's {@code _named_members}.
     */
    private Map<String, Tensor> members(String prefix, boolean recurse, boolean removeDuplicate,
                                       Function<Module, Map<String, Tensor>> own) {
        Map<String, Module> modules = new LinkedHashMap<>();
        if (recurse) {
            collectModules(prefix, modules, removeDuplicate ? identitySet() : null);
        } else {
            modules.put(prefix, this);
        }
        java.util.Set<Object> memo = removeDuplicate ? identitySet() : null;
        Map<String, Tensor> out = new LinkedHashMap<>();
        modules.forEach((name, m) -> own.apply(m).forEach((k, v) -> {
            if (memo == null || memo.add(v)) {
                out.put(name.isEmpty() ? k : name + "." + k, v);
            }
        }));
        return out;
    }

    private static java.util.Set<Object> identitySet() {
        return Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    }

    /** The direct submodules by name. */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** The direct submodules, in registration order; one registered under two names once, as PyTorch's. */
    public List<Module> children() {
        java.util.Set<Object> memo = identitySet();
        List<Module> out = new ArrayList<>();
        for (Module m : children.values()) {
            if (memo.add(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * This module ("") and every submodule below it by dotted name, parents first, as PyTorch's named_modules: a
     * module reachable under several names (one layer used twice) under its first only.
     */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out, identitySet());
        return out;
    }

    /** Parents first into out; with {@code memo}, a module already met is skipped with everything below it. */
    private void collectModules(String name, Map<String, Module> out, java.util.Set<Object> memo) {
        if (memo != null && !memo.add(this)) {
            return;
        }
        out.put(name, this);
        children.forEach((k, m) -> m.collectModules(name.isEmpty() ? k : name + "." + k, out, memo));
    }

    /** This module and every submodule below it, parents first (PyTorch's {@code modules()}). */
    public List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /**
     * The submodule at the dotted path {@code target} ("" for this module), as PyTorch's {@code get_submodule}; a path
     * that does not lead to a module is an IllegalArgumentException with PyTorch's words for what was there.
     */
    public Module getSubmodule(String target) {
        Module m = this;
        if (target.isEmpty()) {
            return m;
        }
        for (String part : target.split("\\.", -1)) {
            Module next = m.children.get(part);
            if (next == null) {
                throw new IllegalArgumentException(m.params.containsKey(part) || m.buffers.containsKey(part)
                        ? "`" + part + "` is not an nn.Module"
                        : m.getClass().getSimpleName() + " has no attribute `" + part + "`");
            }
            m = next;
        }
        return m;
    }

    /** The parameter at the dotted path {@code target} ("fc.weight"), as PyTorch's {@code get_parameter}. */
    public Tensor getParameter(String target) {
        return attribute(target, true);
    }

    /** The buffer at the dotted path {@code target} ("bn.running_mean"), as PyTorch's {@code get_buffer}. */
    public Tensor getBuffer(String target) {
        return attribute(target, false);
    }

    private Tensor attribute(String target, boolean parameter) {
        int dot = target.lastIndexOf('.');
        Module owner = getSubmodule(dot < 0 ? "" : target.substring(0, dot));
        String name = target.substring(dot + 1);
        Tensor t = (parameter ? owner.params : owner.buffers).get(name);
        if (t == null) {
            boolean other = owner.children.containsKey(name) || (parameter ? owner.buffers : owner.params)
                    .containsKey(name);
            throw new IllegalArgumentException(other ? "`" + name + "` is not " + (parameter ? "an nn.Parameter"
                    : "a buffer") : owner.getClass().getSimpleName() + " has no attribute `" + name + "`");
        }
        return t;
    }

    /**
     * Every buffer (batch norm's running statistics, ...) with its dotted name, in PyTorch's order; a shared one under
     * its first name only.
     */
    public Map<String, Tensor> namedBuffers() {
        return namedBuffers("", true, true);
    }

    /** {@code named_buffers(prefix, recurse, remove_duplicate)}, as namedParameters' three-argument form. */
    public Map<String, Tensor> namedBuffers(String prefix, boolean recurse, boolean removeDuplicate) {
        return members(prefix, recurse, removeDuplicate, m -> m.buffers);
    }

    /** Every buffer of this module and its submodules. */
    public List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /** Sets requires_grad on every parameter (false freezes the module for fine-tuning what is around it). */
    public Module requiresGrad_(boolean requiresGrad) {
        parameters().forEach(p -> p.requiresGrad_(requiresGrad));
        return this;
    }

    /** Calls fn on every submodule (children first, recursively) and then on this module, as PyTorch's apply. */
    public Module apply(java.util.function.Consumer<Module> fn) {
        children().forEach(m -> m.apply(fn));
        fn.accept(this);
        return this;
    }

    /** {@code module.cpu()}: this module, whose tensors are on the CPU already (so ported code runs as written). */
    public Module cpu() {
        return this;
    }

    /**
     * {@code module.to(device)}: this module for "cpu" (or "cpu:0"), where its tensors are; any other device is
     * refused, as a CPU-only PyTorch refuses it.
     */
    public Module to(String device) {
        if (!device.equals("cpu") && !device.equals("cpu:0")) {
            throw new IllegalArgumentException("module.to: vgrad runs on the CPU only, not on '" + device + "'");
        }
        return this;
    }

    /** Zeros every parameter's gradient in place (PyTorch 1.13's default, {@code set_to_none=False}). */
    public void zeroGrad() {
        zeroGrad(false);
    }

    /** Zeros every gradient, or with {@code setToNone} drops them (PyTorch's {@code zero_grad(set_to_none)}). */
    public void zeroGrad(boolean setToNone) {
        Autograd.zeroGrad(parameters(), setToNone);
    }

    /** Puts this module and its submodules in training mode (dropout active). */
    public Module train() {
        return train(true);
    }

    /** Sets training mode on this module and its submodules. */
    public Module train(boolean on) {
        training = on;
        children.values().forEach(m -> m.train(on));
        return this;
    }

    /** Puts this module and its submodules in evaluation mode. */
    public Module eval() {
        return train(false);
    }

    /** Whether the module is in training mode. */
    public boolean isTraining() {
        return training;
    }

    /**
     * The parameters and buffers by dotted name (each module's parameters, then its buffers, then its children's,
     * PyTorch's order), as tensors that share storage with them but do not track gradients.
     */
    public Map<String, Tensor> stateDict() {
        return stateDict("", false);
    }

    /**
     * {@code state_dict(prefix=..., keep_vars=...)}: every name starts with {@code prefix}; with keepVars the
     * parameters and buffers themselves rather than detached tensors sharing their storage.
     */
    public Map<String, Tensor> stateDict(String prefix, boolean keepVars) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState(prefix, out, null);
        if (!keepVars) {
            out.replaceAll((k, v) -> v.detach());
        }
        return out;
    }

    /** The entries of the state dict into out; with {@code extraOwners}, whose extra state each extra entry is. */
    private void collectState(String prefix, Map<String, Tensor> out, Map<String, Module> extraOwners) {
        params.forEach((k, v) -> out.put(prefix + k, v));
        buffers.forEach((k, v) -> {
            if (nonPersistent == null || !nonPersistent.contains(k)) {
                out.put(prefix + k, v);
            }
        });
        Tensor extra = getExtraState();
        if (extra != null) {
            out.put(prefix + EXTRA_STATE, extra);
            if (extraOwners != null) {
                extraOwners.put(prefix + EXTRA_STATE, this);
            }
        }
        children.forEach((k, m) -> m.collectState(prefix + k + ".", out, extraOwners));
    }

    /** The state-dict name of a module's extra state, after its own prefix (PyTorch's {@code _extra_state}). */
    private static final String EXTRA_STATE = "_extra_state";

    /**
     * State a module keeps beside its parameters and buffers, saved in its state dict under "_extra_state" and given
     * back to {@link #setExtraState} on loading (PyTorch's {@code get_extra_state}; vgrad's state dicts hold tensors,
     * so extra state is a tensor here). Null, the default, for none: a module that keeps some overrides both methods.
     */
    public Tensor getExtraState() {
        return null;
    }

    /**
     * Takes the extra state {@link #getExtraState} saved, when a state dict is loaded (PyTorch's
     * {@code set_extra_state}).
     *
     * @throws UnsupportedOperationException unless overridden
     */
    public void setExtraState(Tensor state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no extra state: setExtraState "
                + "needs an override, beside getExtraState's (PyTorch's set_extra_state raises here too)");
    }


    /** What a non-strict {@link #loadStateDict(Map, boolean)} left out, as PyTorch's _IncompatibleKeys. */
    public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {}

    /**
     * Copies {@code state} into the parameters and buffers, as {@link #loadStateDict(Map)}; with strict false, names
     * on one side only are skipped and returned instead of refused (shapes must still agree where names match).
     */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
        namedModules().forEach((name, m) -> m.beforeLoadingState(name.isEmpty() ? "" : name + ".", state));
        Map<String, Tensor> own = new LinkedHashMap<>();
        Map<String, Module> extraOwners = new LinkedHashMap<>();
        collectState("", own, extraOwners);
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        for (String k : own.keySet()) {
            if (!state.containsKey(k)) {
                missing.add(k);
            } else if (!extraOwners.containsKey(k) && !Arrays.equals(own.get(k).shape(), state.get(k).shape())) {
                mismatched.add("size mismatch for " + k + ": copying a param with shape "
                        + Arrays.toString(state.get(k).shape()) + ", the shape in current model is "
                        + Arrays.toString(own.get(k).shape()));
            }
        }
        for (String k : state.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        List<Module> hooked = new ArrayList<>();
        collectLoadPostHooked(hooked, identitySet());
        if (!mismatched.isEmpty() || strict && hooked.isEmpty() && !(missing.isEmpty() && unexpected.isEmpty())) {
            throw loadError(strict, missing, unexpected, mismatched);
        }
        // With post hooks the values go in first, as PyTorch's hooks see them loaded, and come back out when the
        // hooks leave keys that a strict load refuses: a refused load changes nothing.
        Map<String, Tensor> before = new LinkedHashMap<>();
        try (var g = GradMode.noGrad()) {
            own.forEach((k, p) -> {
                if (state.containsKey(k)) {
                    if (!hooked.isEmpty()) {
                        before.put(k, extraOwners.containsKey(k) ? p : p.detach().clone());
                    }
                    load(k, p, state.get(k), extraOwners);
                }
            });
        }
        IncompatibleKeys keys = new IncompatibleKeys(missing, unexpected);
        for (Module m : hooked) {
            for (LoadStateDictPostHook h : List.copyOf(m.loadPostHooks)) {
                h.apply(m, keys);
            }
        }
        if (strict && !(missing.isEmpty() && unexpected.isEmpty())) {
            try (var g = GradMode.noGrad()) {
                before.forEach((k, old) -> load(k, own.get(k), old, extraOwners));
            }
            throw loadError(true, missing, unexpected, mismatched);
        }
        return new IncompatibleKeys(List.copyOf(missing), List.copyOf(unexpected));
    }

    /** One entry loaded: a parameter or buffer copied into, or a module's extra state handed to it. */
    private static void load(String key, Tensor into, Tensor value, Map<String, Module> extraOwners) {
        Module owner = extraOwners.get(key);
        if (owner != null) {
            owner.setExtraState(value);
        } else {
            into.copy_(value);
        }
    }

    private IllegalArgumentException loadError(boolean strict, List<String> missing, List<String> unexpected,
                                               List<String> mismatched) {
        List<String> problems = new ArrayList<>();
        if (strict) {
            missing.forEach(k -> problems.add("missing key \"" + k + "\""));
        }
        problems.addAll(mismatched);
        if (strict) {
            unexpected.forEach(k -> problems.add("unexpected key \"" + k + "\""));
        }
        return new IllegalArgumentException("Error(s) in loading state_dict for " + getClass().getSimpleName() + ": "
                + String.join("; ", problems));
    }

    /**
     * A hook run after {@link #loadStateDict(Map, boolean)} has loaded this module ({@code
     * register_load_state_dict_post_hook}): it sees the load's missing and unexpected keys and may remove some, in
     * place, before a strict load judges them.
     */
    @FunctionalInterface
    public interface LoadStateDictPostHook {
        /** Called with this module and the load's keys (lists that may be changed in place). */
        void apply(Module module, IncompatibleKeys keys);
    }

    /**
     * Registers a hook run after every state-dict load that reaches this module, submodules' hooks before their
     * parents' as PyTorch runs them; each sees the whole load's missing and unexpected keys (PyTorch's see the keys
     * gathered by the time its module is loaded).
     */
    public final RemovableHandle registerLoadStateDictPostHook(LoadStateDictPostHook hook) {
        if (loadPostHooks == null) {
            loadPostHooks = new ArrayList<>(1);
        }
        loadPostHooks.add(hook);
        return () -> loadPostHooks.remove(hook);
    }

    /** The modules below and including this one that have load post hooks, children before parents. */
    private void collectLoadPostHooked(List<Module> out, java.util.Set<Object> memo) {
        if (!memo.add(this)) {
            return;
        }
        children.values().forEach(m -> m.collectLoadPostHooked(out, memo));
        if (loadPostHooks != null && !loadPostHooks.isEmpty()) {
            out.add(this);
        }
    }

    /**
     * Called on this module and each submodule before a state dict is checked and loaded into them, with the names of
     * this module's entries starting {@code prefix}: a lazy module takes its parameters' shapes from the state here,
     * as PyTorch's lazy load hook does (even when the load is then refused for another entry).
     */
    protected void beforeLoadingState(String prefix, Map<String, Tensor> state) {}

    /**
     * Copies {@code state} into the parameters and buffers. Every name must match and every shape must agree; otherwise
     * nothing is copied and the error lists the missing, unexpected and mismatched entries.
     */
    public void loadStateDict(Map<String, Tensor> state) {
        loadStateDict(state, true);
    }

    /** The part inside the parentheses of this module's line, e.g. "in_features=2, out_features=3, bias=True". */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch's module printout: the name, extraRepr, and each child indented on its own line. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        if (children.isEmpty()) {
            return name + "(" + extraRepr() + ")";
        }
        StringBuilder sb = new StringBuilder(name).append("(");
        if (!extraRepr().isEmpty()) {
            sb.append("\n  ").append(extraRepr());
        }
        children.forEach((k, m) -> sb.append("\n  (").append(k).append("): ")
                .append(m.toString().replace("\n", "\n  ")));
        return sb.append("\n)").toString();
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Modules held by name, as {@code torch.nn.ModuleDict}: registered as children under their keys, in insertion order, so
 * their parameters belong to the owner and their names ("heads.cls.weight") match PyTorch's. It has no forward.
 */
public class ModuleDict extends Module {
    // The dict is the module's children themselves, so deleting one (deleteAttribute, PyTorch's del md[key]) is
    // removing it from the dict.

    /** An empty dict. */
    public ModuleDict() {}

    /** A dict holding {@code modules}, in the map's iteration order. */
    public ModuleDict(Map<String, ? extends Module> modules) {
        modules.forEach(this::put);
    }

    /** Adds {@code module} under {@code key}, or replaces the module there in its place ({@code md[key] = module}). */
    public ModuleDict put(String key, Module module) {
        if (key == null || key.isEmpty() || key.contains(".")) {
            throw new IllegalArgumentException("module name can't be empty or contain \".\", got: " + key);
        }
        setModule(key, module);
        return this;
    }

    /** The module under {@code key}. */
    public Module get(String key) {
        Module m = namedChildren().get(key);
        if (m == null) {
            throw new IllegalArgumentException("ModuleDict has no key '" + key + "' (keys: " + keySet() + ")");
        }
        return m;
    }

    /** Whether a module is held under {@code key}. */
    public boolean containsKey(String key) {
        return namedChildren().containsKey(key);
    }

    /** The keys, in order. */
    public Set<String> keySet() {
        return namedChildren().keySet();
    }

    /** The modules, in order. */
    public List<Module> values() {
        return new java.util.ArrayList<>(namedChildren().values());   // every key's, as PyTorch's values()
    }

    /** Removes and returns the module under {@code key} ({@code pop(key)}); an unknown key is refused. */
    public Module pop(String key) {
        Module m = get(key);
        deleteAttribute(key);
        return m;
    }

    /** How many modules the dict holds. */
    public int size() {
        return namedChildren().size();
    }

    /** Refused: a ModuleDict is a container; call its modules. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleDict has no forward: call its modules");
    }
}

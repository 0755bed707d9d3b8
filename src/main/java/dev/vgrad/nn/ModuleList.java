package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Modules held in a list, as {@code torch.nn.ModuleList}: registered as children "0", "1", ..., so their parameters
 * belong to the owner and their names match PyTorch's. It has no forward of its own.
 */
public class ModuleList extends Module implements Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    /** A list holding {@code modules}, in order. */
    public ModuleList(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module. */
    public ModuleList add(Module m) {
        registerModule(Integer.toString(modules.size()), m);
        modules.add(m);
        return this;
    }

    /** The module at {@code i}. */
    public Module get(int i) {
        if (i < 0 || i >= modules.size()) {
            throw new IndexOutOfBoundsException("index " + i + " is out of range for a ModuleList of " + modules.size());
        }
        return modules.get(i);
    }

    /** How many modules the list holds. */
    public int size() {
        return modules.size();
    }

    @Override
    public Iterator<Module> iterator() {
        return java.util.Collections.unmodifiableList(modules).iterator();
    }

    /** Refused: a ModuleList is a container; call its modules. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleList has no forward: iterate over its modules");
    }
}

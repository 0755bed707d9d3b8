package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Modules applied one after the other, named "0", "1", ... as in {@code torch.nn.Sequential}. */
public class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** The given modules, in order. */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            layers.add(registerModule(Integer.toString(layers.size()), m));
        }
    }

    /** The i-th module. */
    public Module get(int i) {
        return layers.get(i);
    }

    /** The number of modules. */
    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module m : layers) {
            x = m.call(x);
        }
        return x;
    }
}

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

    /** The max poolings a ReLU may trade places with: every window's maximum, adaptive windows too. */
    private static final java.util.Set<Class<?>> MAX_POOLS = java.util.Set.of(MaxPool1d.class, MaxPool2d.class,
            MaxPool3d.class, AdaptiveMaxPool1d.class, AdaptiveMaxPool2d.class, AdaptiveMaxPool3d.class);

    /**
     * The modules in turn, except that a ReLU followed by a max pooling runs as the pooling followed by the ReLU.
     * Both are monotone, so the two orders give the same values and the same gradients (the window's largest input is
     * the one whose ReLU is largest, and a window whose largest input is not positive passes no gradient either way),
     * and the ReLU then runs over the pooled map: a quarter of the values for 2x2 windows, in forward and backward. A
     * CNN's first maps are its largest tensors (the CNN trainer's step on one thread of a Zen 4: 24.6 -> 23.2 ms, BENCHMARKS.md). Hooked
     * modules run as written.
     */
    @Override
    public Tensor forward(Tensor x) {
        for (int i = 0, n = layers.size(); i < n; i++) {
            Module m = layers.get(i);
            if (i + 1 < n && reluBeforeMaxPool(m, layers.get(i + 1))) {
                x = m.forward(layers.get(++i).forward(x));
            } else {
                x = m.call(x);
            }
        }
        return x;
    }

    private static boolean reluBeforeMaxPool(Module first, Module second) {
        return first.getClass() == ReLU.class && MAX_POOLS.contains(second.getClass()) && !first.hasHooks()
                && !second.hasHooks();
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Map;

/**
 * {@code torch.nn.LazyLinear}: a {@link Linear} whose in_features is taken from its first input's last dimension. Until
 * then its weight and bias are empty placeholders (an optimizer made now holds them, and keeps working); the first
 * call gives them their shapes and draws them from the generator then, as Linear draws (after whatever was drawn from
 * it in between, as torch's global generator). Loading a state dict first takes the shapes from it instead, drawing
 * nothing.
 */
public class LazyLinear extends Linear {
    private final Generator g;
    private boolean uninitialized = true;

    /** With a bias, drawn from the default generator on the first call. */
    public LazyLinear(int out) {
        this(out, true, Generator.defaultGenerator());
    }

    /** PyTorch's {@code LazyLinear(out_features, bias)}, drawn from {@code g} on the first call. */
    public LazyLinear(int out, boolean bias, Generator g) {
        super(out, bias);
        this.g = g;
    }

    /** Whether the parameters are still placeholders ({@code has_uninitialized_params}). */
    public boolean hasUninitializedParams() {
        return uninitialized;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (uninitialized) {
            int in = x.size(-1);
            float bound = initBound(in);
            LazyParameters.materialize(weight, Init.uniform(g, -bound, bound, outFeatures(), in));
            if (bias != null) {
                LazyParameters.materialize(bias, Init.uniform(g, -bound, bound, outFeatures()));
            }
            this.in = in;
            uninitialized = false;
        }
        return super.forward(x);
    }

    @Override
    protected void beforeLoadingState(String prefix, Map<String, Tensor> state) {
        int[] w = LazyParameters.shapeIn(state, prefix, "weight");
        if (uninitialized && w != null && w.length == 2) {
            LazyParameters.materialize(weight, Tensor.zeros(w));
            LazyParameters.materialize(bias, Tensor.zeros(outFeatures()));
            this.in = w[1];
            uninitialized = false;
        }
    }
}

package dev.vgrad.spark;

import dev.vgrad.Tensor;
import java.util.List;

/**
 * A model's parameters and their gradients, each living in one flat float buffer: every parameter tensor is rebound
 * ({@link Tensor#setData}) to a view into {@link #values()}, and its gradient is a view into {@link #grads()}, so a
 * whole model crosses the network as one array and its gradient comes back as one array.
 *
 * <p>Gradients accumulate into the flat buffer because backward adds into an existing {@code grad} in place and
 * {@code Optimizer.zeroGrad()} zeros it in place (it does not drop it unless asked to).
 */
public final class FlatParameters {
    private final List<Tensor> params;
    private final float[] values;
    private final float[] grads;

    /** Moves {@code params} (in order) into one buffer, their values unchanged, their gradients zero. */
    public FlatParameters(List<Tensor> params) {
        this.params = List.copyOf(params);
        long total = 0;
        for (Tensor p : this.params) {
            total += p.numel();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the parameters hold " + total + " values, more than one float[] holds");
        }
        values = new float[(int) total];
        grads = new float[(int) total];
        Tensor flatValues = Tensor.wrap(values, values.length), flatGrads = Tensor.wrap(grads, grads.length);
        int offset = 0;
        for (Tensor p : this.params) {
            int n = p.numel();
            Tensor valueView = flatValues.narrow(0, offset, n).view(p.shape());
            valueView.copy_(p.detach());
            p.setData(valueView);
            p.setGrad(flatGrads.narrow(0, offset, n).view(p.shape()));
            offset += n;
        }
    }

    /** How many floats the parameters hold together. */
    public int size() {
        return values.length;
    }

    /** The flat buffer the parameters' values live in (writes through it change the model). */
    public float[] values() {
        return values;
    }

    /** The flat buffer the parameters' gradients accumulate into. */
    public float[] grads() {
        return grads;
    }

    /** Overwrites every parameter's value from {@code source}, laid out as {@link #values()}. */
    public void load(float[] source) {
        if (source.length != size()) {
            throw new IllegalArgumentException("expected " + size() + " parameter values, got " + source.length);
        }
        System.arraycopy(source, 0, values, 0, source.length);
    }

    /** The parameters, in the order their values are laid out. */
    public List<Tensor> parameters() {
        return params;
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.List;

/**
 * A gated recurrent unit network, as {@code torch.nn.GRU}: per step, reset and update gates
 * {@code r, z = sigmoid(x W_i + b_i + h W_h + b_h)} (their thirds), {@code n = tanh(x W_in + b_in + r (h W_hn +
 * b_hn))}, {@code h' = (h - n) z + n}. See {@link Recurrent} for layouts, parameters and initialisation.
 */
public class GRU extends Recurrent {
    /** One layer over [T, B, inputSize], from {@code g}. */
    public GRU(int inputSize, int hiddenSize, Generator g) {
        this(inputSize, hiddenSize, 1, true, false, 0f, false, g);
    }

    /**
     * PyTorch's {@code GRU(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional)}, from
     * {@code g} (which also draws the dropout masks).
     */
    public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, float dropout,
               boolean bidirectional, Generator g) {
        super(3, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, g);
    }

    /** The output sequence (the last layer's h at every step) from a zero state. */
    @Override
    public Tensor forward(Tensor x) {
        return run(x, new Tensor[1]).get(0);
    }

    /** [output, h_n] from the initial state h0 ([layers * directions, B, H]; null for zeros). */
    public List<Tensor> forward(Tensor x, Tensor h0) {
        return run(x, new Tensor[] {h0});
    }

    /** {@link GRUCell}'s step from the input projection xw ([B, 3H]) and the state h: h'. */
    static Tensor step(Tensor xw, Tensor h, Tensor whh, Tensor bhh) {
        List<Tensor> i = xw.chunk(3, 1), hw = Functional.linear(h, whh, bhh).chunk(3, 1);
        Tensor r = hw.get(0).add(i.get(0)).sigmoid(), z = hw.get(1).add(i.get(1)).sigmoid();
        Tensor n = i.get(2).add(hw.get(2).mul(r)).tanh();
        return h.sub(n).mul(z).add(n);
    }

    /** The whole direction as one op (its backward runs through time without a node per step). */
    @Override
    List<Tensor> direction(Tensor projected, Tensor[] state, Tensor whh, Tensor bhh, boolean reverse) {
        return dev.vgrad.Recurrence.gru(projected, state[0], whh, bhh, reverse);
    }

    @Override
    int stateCount() {
        return 1;
    }

    @Override
    Tensor[] cellStep(Tensor xw, Tensor[] state, Tensor whh, Tensor bhh) {
        return new Tensor[] {step(xw, state[0], whh, bhh)};
    }

    /**
     * Over a packed batch (PyTorch's GRU on a PackedSequence): the packed outputs and [h_n] ([layers * directions, B,
     * H], original batch order), from h0 (null for zeros).
     */
    public PackedRnnOutput forward(dev.vgrad.nn.utils.PackedSequence x, Tensor h0) {
        return runPacked(x, new Tensor[] {h0});
    }
}

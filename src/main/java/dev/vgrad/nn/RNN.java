package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.List;

/**
 * An Elman recurrent network, as {@code torch.nn.RNN}: per step {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)}
 * with act tanh (the default) or relu. See {@link Recurrent} for layouts, parameters and initialisation.
 */
public class RNN extends Recurrent {
    private final boolean relu;

    /** One tanh layer over [T, B, inputSize], from {@code g}. */
    public RNN(int inputSize, int hiddenSize, Generator g) {
        this(inputSize, hiddenSize, 1, "tanh", true, false, 0f, false, g);
    }

    /**
     * PyTorch's {@code RNN(input_size, hidden_size, num_layers, nonlinearity, bias, batch_first, dropout,
     * bidirectional)}, from {@code g} (which also draws the dropout masks); nonlinearity is "tanh" or "relu".
     */
    public RNN(int inputSize, int hiddenSize, int numLayers, String nonlinearity, boolean bias, boolean batchFirst,
               float dropout, boolean bidirectional, Generator g) {
        super(gates(nonlinearity), inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, g);
        this.relu = nonlinearity.equals("relu");
    }

    /** One gate block, once the nonlinearity is known (checked before any parameter is drawn, as torch does). */
    private static int gates(String nonlinearity) {
        if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
            throw new IllegalArgumentException("Unknown nonlinearity '" + nonlinearity + "' (expected tanh or relu)");
        }
        return 1;
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

    /** {@link RNNCell}'s step from the input projection xw: {@code act(xw + h W_hh^T + b_hh)}. */
    static Tensor step(Tensor xw, Tensor h, Tensor whh, Tensor bhh, boolean relu) {
        Tensor pre = xw.add(Functional.linear(h, whh, bhh));
        return relu ? pre.relu() : pre.tanh();
    }

    /** The whole direction as one op (its backward runs through time without a node per step). */
    @Override
    List<Tensor> direction(Tensor projected, Tensor[] state, Tensor whh, Tensor bhh, boolean reverse) {
        return dev.vgrad.Recurrence.rnn(projected, state[0], whh, bhh, relu, reverse);
    }

    @Override
    int stateCount() {
        return 1;
    }

    @Override
    Tensor[] cellStep(Tensor xw, Tensor[] state, Tensor whh, Tensor bhh) {
        return new Tensor[] {step(xw, state[0], whh, bhh, relu)};
    }

    /**
     * Over a packed batch (PyTorch's RNN on a PackedSequence): the packed outputs and [h_n] ([layers * directions, B,
     * H], original batch order), from h0 (null for zeros).
     */
    public PackedRnnOutput forward(dev.vgrad.nn.utils.PackedSequence x, Tensor h0) {
        return runPacked(x, new Tensor[] {h0});
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.List;

/**
 * A long short-term memory network, as {@code torch.nn.LSTM}: per step, gates {@code x W_ih^T + b_ih + h W_hh^T +
 * b_hh} split into input, forget, cell and output gates (i, f, g, o), {@code c' = f c + i g}, {@code h' = o tanh(c')}.
 * See {@link Recurrent} for layouts, parameters and initialisation.
 */
public class LSTM extends Recurrent {
    /** One layer over [T, B, inputSize], from {@code g}. */
    public LSTM(int inputSize, int hiddenSize, Generator g) {
        this(inputSize, hiddenSize, 1, true, false, 0f, false, g);
    }

    /**
     * PyTorch's {@code LSTM(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional)}, from
     * {@code g} (which also draws the dropout masks).
     */
    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, float dropout,
                boolean bidirectional, Generator g) {
        super(4, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, g);
    }

    /** The output sequence (the last layer's h at every step) from zero states. */
    @Override
    public Tensor forward(Tensor x) {
        return run(x, new Tensor[2]).get(0);
    }

    /** [output, h_n, c_n] from the initial states h0 and c0 ([layers * directions, B, H]; null for zeros). */
    public List<Tensor> forward(Tensor x, Tensor h0, Tensor c0) {
        return run(x, new Tensor[] {h0, c0});
    }

    /** {@link LSTMCell}'s step from the input projection xw ([B, 4H]) and the states h, c: [h', c']. */
    static Tensor[] step(Tensor xw, Tensor h, Tensor c, Tensor whh, Tensor bhh) {
        List<Tensor> g = xw.add(Functional.linear(h, whh, bhh)).chunk(4, 1);
        Tensor next = g.get(1).sigmoid().mul(c).add(g.get(0).sigmoid().mul(g.get(2).tanh()));
        return new Tensor[] {g.get(3).sigmoid().mul(next.tanh()), next};
    }

    /** The whole direction as one op (its backward runs through time without a node per step). */
    @Override
    List<Tensor> direction(Tensor projected, Tensor[] state, Tensor whh, Tensor bhh, boolean reverse) {
        return dev.vgrad.Recurrence.lstm(projected, state[0], state[1], whh, bhh, reverse);
    }

    @Override
    int stateCount() {
        return 2;
    }

    @Override
    Tensor[] cellStep(Tensor xw, Tensor[] state, Tensor whh, Tensor bhh) {
        return step(xw, state[0], state[1], whh, bhh);
    }

    /**
     * Over a packed batch (PyTorch's LSTM on a PackedSequence): the packed outputs and [h_n, c_n] ([layers *
     * directions, B, H], original batch order), from h0 and c0 (null for zeros).
     */
    public PackedRnnOutput forward(dev.vgrad.nn.utils.PackedSequence x, Tensor h0, Tensor c0) {
        return runPacked(x, new Tensor[] {h0, c0});
    }
}

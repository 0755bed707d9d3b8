package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** One step of an Elman network, as {@code torch.nn.RNNCell}: {@code h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)}. */
public class RNNCell extends RecurrentCell {
    private final boolean relu;

    /** A tanh cell with biases, from {@code g}. */
    public RNNCell(int inputSize, int hiddenSize, Generator g) {
        this(inputSize, hiddenSize, true, "tanh", g);
    }

    /** PyTorch's {@code RNNCell(input_size, hidden_size, bias, nonlinearity)} ("tanh" or "relu"), from {@code g}. */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity, Generator g) {
        super(gates(nonlinearity), inputSize, hiddenSize, bias, g);
        this.relu = nonlinearity.equals("relu");
    }

    private static int gates(String nonlinearity) {
        if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
            throw new IllegalArgumentException("Unknown nonlinearity: " + nonlinearity + " (expected tanh or relu)");
        }
        return 1;
    }

    /** h' from a zero state. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** h' from the state hx ([B, H], or [H] for an unbatched x; null for zeros). */
    public Tensor forward(Tensor x, Tensor hx) {
        return step(x, new Tensor[] {hx})[0];
    }

    @Override
    Tensor[] cell(Tensor xw, Tensor[] state) {
        return new Tensor[] {RNN.step(xw, state[0], weightHh, biasHh, relu)};
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (relu ? ", nonlinearity=relu" : "");
    }
}

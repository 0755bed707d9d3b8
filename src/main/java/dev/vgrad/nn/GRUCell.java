package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;

/** One step of a GRU, as {@code torch.nn.GRUCell}: the gates and update of {@link GRU}. */
public class GRUCell extends RecurrentCell {
    /** A cell with biases, from {@code g}. */
    public GRUCell(int inputSize, int hiddenSize, Generator g) {
        this(inputSize, hiddenSize, true, g);
    }

    /** PyTorch's {@code GRUCell(input_size, hidden_size, bias)}, from {@code g}. */
    public GRUCell(int inputSize, int hiddenSize, boolean bias, Generator g) {
        super(3, inputSize, hiddenSize, bias, g);
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
        return new Tensor[] {GRU.step(xw, state[0], weightHh, biasHh)};
    }
}

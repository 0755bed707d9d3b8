package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.List;

/** One step of an LSTM, as {@code torch.nn.LSTMCell}: the gates and update of {@link LSTM}. */
public class LSTMCell extends RecurrentCell {
    /** A cell with biases, from {@code g}. */
    public LSTMCell(int inputSize, int hiddenSize, Generator g) {
        this(inputSize, hiddenSize, true, g);
    }

    /** PyTorch's {@code LSTMCell(input_size, hidden_size, bias)}, from {@code g}. */
    public LSTMCell(int inputSize, int hiddenSize, boolean bias, Generator g) {
        super(4, inputSize, hiddenSize, bias, g);
    }

    /** h' from zero states (c' is in {@link #forward(Tensor, Tensor, Tensor)}'s result). */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, null).get(0);
    }

    /** [h', c'] from the states hx and cx ([B, H], or [H] for an unbatched x; null for zeros). */
    public List<Tensor> forward(Tensor x, Tensor hx, Tensor cx) {
        return List.of(step(x, new Tensor[] {hx, cx}));
    }

    @Override
    Tensor[] cell(Tensor xw, Tensor[] state) {
        return LSTM.step(xw, state[0], state[1], weightHh, biasHh);
    }
}

package dev.vgrad.nn;

import dev.vgrad.Tensor;
import dev.vgrad.nn.utils.PackedSequence;
import java.util.List;

/**
 * What LSTM, GRU and RNN return over a {@link PackedSequence}, as PyTorch's {@code (output, h_n)} or {@code (output,
 * (h_n, c_n))}: the last layer's outputs at every step, packed as the input was, and the final states
 * ([layers * directions, B, H] each, in the batch's original order; each sequence's from its own last step).
 *
 * @param output the outputs, packed
 * @param states h_n, then c_n for an LSTM
 */
public record PackedRnnOutput(PackedSequence output, List<Tensor> states) {}

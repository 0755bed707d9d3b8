package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * The recurrent cells as functions of their weights (torch.lstm_cell, gru_cell, rnn_tanh_cell, rnn_relu_cell): one
 * step over an input [B, input] (or [input]) and states [B, H] (or [H]), the same gates as the cell modules, with the
 * weights passed in; the biases may be null. Differentiable in everything.
 */
final class CellFunctions {
    private CellFunctions() {}

    /** [h', c'] of an LSTM step: weightIh [4H, input], weightHh [4H, H]. */
    static List<Tensor> lstm(Tensor x, Tensor h, Tensor c, Tensor weightIh, Tensor weightHh, Tensor biasIh,
                             Tensor biasHh) {
        Tensor[] state = batched("lstm_cell", x, new Tensor[] {h, c}, weightIh, weightHh, 4);
        Tensor[] next = LSTM.step(Functional.linear(rows(x), weightIh, biasIh), state[0], state[1], weightHh,
                biasHh);
        return List.of(unbatched(x, next[0]), unbatched(x, next[1]));
    }

    /** h' of a GRU step: weightIh [3H, input], weightHh [3H, H]. */
    static Tensor gru(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        Tensor[] state = batched("gru_cell", x, new Tensor[] {h}, weightIh, weightHh, 3);
        return unbatched(x, GRU.step(Functional.linear(rows(x), weightIh, biasIh), state[0], weightHh, biasHh));
    }

    /** h' of an Elman step, {@code act(x W_ih^T + b_ih + h W_hh^T + b_hh)} with tanh or relu. */
    static Tensor rnn(String op, Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh,
                      boolean relu) {
        Tensor[] state = batched(op, x, new Tensor[] {h}, weightIh, weightHh, 1);
        return unbatched(x, RNN.step(Functional.linear(rows(x), weightIh, biasIh), state[0], weightHh, biasHh, relu));
    }

    private static Tensor rows(Tensor x) {
        return x.dim() == 1 ? x.unsqueeze(0) : x;
    }

    private static Tensor unbatched(Tensor x, Tensor out) {
        return x.dim() == 1 ? out.squeeze(0) : out;
    }

    /** The states as [B, H], after checking every shape against the weights. */
    private static Tensor[] batched(String op, Tensor x, Tensor[] states, Tensor weightIh, Tensor weightHh,
                                    int gates) {
        if (weightHh.dim() != 2 || weightIh.dim() != 2 || weightHh.size(0) % gates != 0) {
            throw new IllegalArgumentException(op + ": expected weights [" + gates + " H, input] and [" + gates
                    + " H, H], got " + Arrays.toString(weightIh.shape()) + " and " + Arrays.toString(weightHh.shape()));
        }
        int hidden = weightHh.size(0) / gates;
        if ((x.dim() != 1 && x.dim() != 2) || x.size(-1) != weightIh.size(1) || weightHh.size(1) != hidden
                || weightIh.size(0) != gates * hidden) {
            throw new IllegalArgumentException(op + ": input " + Arrays.toString(x.shape()) + " does not fit weights "
                    + Arrays.toString(weightIh.shape()) + " and " + Arrays.toString(weightHh.shape()));
        }
        int[] want = x.dim() == 1 ? new int[] {hidden} : new int[] {x.size(0), hidden};
        Tensor[] out = new Tensor[states.length];
        for (int i = 0; i < states.length; i++) {
            if (!Arrays.equals(states[i].shape(), want)) {
                throw new IllegalArgumentException(op + ": expected hidden state " + i + " of shape "
                        + Arrays.toString(want) + ", got " + Arrays.toString(states[i].shape()));
            }
            out[i] = x.dim() == 1 ? states[i].unsqueeze(0) : states[i];
        }
        return out;
    }
}

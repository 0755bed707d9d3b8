package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * What RNNCell, LSTMCell and GRUCell share, as PyTorch's RNNCellBase: one step of the matching network's cell over
 * an input [B, input] (or an unbatched [input]) and the state ([B, H] or [H] each; null for zeros), with the
 * parameters weight_ih [gates H, input], weight_hh [gates H, H], bias_ih and bias_hh [gates H], drawn from
 * U(-1/sqrt(H), 1/sqrt(H)) in that order, as torch draws them for a seed.
 */
abstract class RecurrentCell extends Module {
    final int inputSize, hiddenSize;
    final boolean bias;
    Tensor weightIh, weightHh, biasIh, biasHh;

    RecurrentCell(int gates, int inputSize, int hiddenSize, boolean bias, Generator g) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input_size and hidden_size must be "
                    + "positive, got " + inputSize + ", " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        float bound = (float) (1.0 / Math.sqrt(hiddenSize));
        weightIh = registerParameter("weight_ih", Init.uniform(g, -bound, bound, gates * hiddenSize, inputSize));
        weightHh = registerParameter("weight_hh", Init.uniform(g, -bound, bound, gates * hiddenSize, hiddenSize));
        biasIh = bias ? registerParameter("bias_ih", Init.uniform(g, -bound, bound, gates * hiddenSize)) : null;
        biasHh = bias ? registerParameter("bias_hh", Init.uniform(g, -bound, bound, gates * hiddenSize)) : null;
    }

    /** The cell's new state from the input projection {@code x W_ih^T + b_ih} ([B, gates H]) and the state. */
    abstract Tensor[] cell(Tensor xw, Tensor[] state);

    /** The new state from x and the state (entries null for zeros), checked and batched as PyTorch's cells do. */
    Tensor[] step(Tensor x, Tensor[] state) {
        boolean unbatched = x.dim() == 1;
        if ((x.dim() != 2 && !unbatched) || x.size(-1) != inputSize) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected input of shape [B, "
                    + inputSize + "] or [" + inputSize + "], got " + Arrays.toString(x.shape()));
        }
        Tensor batched = unbatched ? x.unsqueeze(0) : x;
        int batch = batched.size(0);
        Tensor[] s = new Tensor[state.length];
        for (int i = 0; i < s.length; i++) {
            int[] want = unbatched ? new int[] {hiddenSize} : new int[] {batch, hiddenSize};
            if (state[i] != null && !Arrays.equals(state[i].shape(), want)) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": expected hidden state of shape "
                        + Arrays.toString(want) + ", got " + Arrays.toString(state[i].shape()));
            }
            s[i] = state[i] == null ? Tensor.zeros(batch, hiddenSize) : unbatched ? state[i].unsqueeze(0) : state[i];
        }
        Tensor[] next = cell(Functional.linear(batched, weightIh, biasIh), s);
        for (int i = 0; unbatched && i < next.length; i++) {
            next[i] = next[i].squeeze(0);
        }
        return next;
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (!bias ? ", bias=False" : "");
    }
}

package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.nn.utils.PackedSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * What RNN, LSTM and GRU share, as PyTorch's RNNBase: stacked layers, optionally bidirectional, over [T, B, input] (or
 * [B, T, input] with batchFirst, or an unbatched [T, input]); per layer and direction the parameters weight_ih,
 * weight_hh, bias_ih, bias_hh ([gates H, input], [gates H, H], [gates H] twice; "_reverse" for the backward
 * direction), all drawn from U(-1/sqrt(H), 1/sqrt(H)) in that order, as torch draws them for a seed. The input
 * projections of every time step are one product per layer; each step then adds the hidden projection and applies the
 * cell, as one op per layer and direction whose backward runs through time ({@link dev.vgrad.Recurrence}; gradients
 * of higher order hold). Dropout, if any, applies to the outputs of every layer but the last, in training.
 */
abstract class Recurrent extends Module {
    final int inputSize, hiddenSize, numLayers, gates;
    final boolean bias, batchFirst, bidirectional;
    final float dropout;
    private final Generator dropoutGenerator;
    /** Per layer and direction: weight_ih, weight_hh, bias_ih, bias_hh (the biases null without bias). */
    final List<Tensor[]> cells = new ArrayList<>();

    Recurrent(int gates, int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, float dropout,
              boolean bidirectional, Generator g) {
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input_size, hidden_size and num_layers "
                    + "must be positive, got " + inputSize + ", " + hiddenSize + ", " + numLayers);
        }
        if (!(dropout >= 0f && dropout <= 1f)) {
            throw new IllegalArgumentException("dropout should be a number in range [0, 1] representing the "
                    + "probability of an element being zeroed, got " + dropout);
        }
        this.gates = gates;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        this.dropoutGenerator = g;
        float bound = (float) (1.0 / Math.sqrt(hiddenSize));
        int directions = bidirectional ? 2 : 1;
        for (int layer = 0; layer < numLayers; layer++) {
            for (int dir = 0; dir < directions; dir++) {
                String suffix = "_l" + layer + (dir == 1 ? "_reverse" : "");
                int in = layer == 0 ? inputSize : hiddenSize * directions;
                Tensor wih = registerParameter("weight_ih" + suffix, Init.uniform(g, -bound, bound, gates * hiddenSize,
                        in));
                Tensor whh = registerParameter("weight_hh" + suffix, Init.uniform(g, -bound, bound,
                        gates * hiddenSize, hiddenSize));
                Tensor bih = bias ? registerParameter("bias_ih" + suffix, Init.uniform(g, -bound, bound,
                        gates * hiddenSize)) : null;
                Tensor bhh = bias ? registerParameter("bias_hh" + suffix, Init.uniform(g, -bound, bound,
                        gates * hiddenSize)) : null;
                cells.add(new Tensor[] {wih, whh, bih, bhh});
            }
        }
    }

    /**
     * Keeps {@link #cells} pointing at what is registered or set under each parameter's name ("weight_hh_l1_reverse"),
     * so that weight_norm or a parametrization on one of them reaches the layers.
     */
    @Override
    protected void bindTensor(String name, Tensor value) {
        super.bindTensor(name, value);
        java.util.regex.Matcher m = PARAMETER_NAME.matcher(name);
        if (m.matches()) {
            int cell = Integer.parseInt(m.group(3)) * (bidirectional ? 2 : 1) + (m.group(4) != null ? 1 : 0);
            if (cell < cells.size()) {
                cells.get(cell)[(m.group(1).equals("weight") ? 0 : 2) + (m.group(2).equals("ih") ? 0 : 1)] = value;
            }
        }
    }

    private static final java.util.regex.Pattern PARAMETER_NAME =
            java.util.regex.Pattern.compile("(weight|bias)_(ih|hh)_l(\\d+)(_reverse)?");

    /**
     * One direction of one layer over the input projections [T, B, gates H] from the initial state: [output [T, B, H],
     * final state...], each a {@link dev.vgrad.Recurrence} op.
     */
    abstract List<Tensor> direction(Tensor projected, Tensor[] state, Tensor whh, Tensor bhh, boolean reverse);

    /** How many state tensors the cell carries: 2 for an LSTM (h, c), 1 for a GRU or an RNN. */
    abstract int stateCount();

    /** One step of the cell from the input projection xw ([B, gates H]) and the state: the new state (h first). */
    abstract Tensor[] cellStep(Tensor xw, Tensor[] state, Tensor whh, Tensor bhh);

    /**
     * Runs the layers over a packed batch from the initial states (each [layers * directions, B, H] in the batch's
     * original order; null for zeros), as PyTorch runs packed sequences: at step t only the batchSizes[t] sequences
     * that long take a step, so each sequence's final state is the one at its own last step (the reverse direction
     * starting each sequence from its end). Step by step with the cell's ops, so differentiable to any order.
     */
    PackedRnnOutput runPacked(PackedSequence x, Tensor[] initial) {
        Tensor data = x.data();
        if (data.dim() != 2 || data.size(1) != inputSize) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected packed data of shape [N, "
                    + inputSize + "], got " + java.util.Arrays.toString(data.shape()));
        }
        int[] sizes = x.batchSizes(), offsets = new int[sizes.length + 1];
        for (int t = 0; t < sizes.length; t++) {
            offsets[t + 1] = offsets[t] + sizes[t];
        }
        Tensor[] first = initialStates(initial, false, x.batch());
        for (int s = 0; s < first.length; s++) {
            if (initial[s] != null && x.sortedIndices() != null) {
                first[s] = first[s].indexSelect(1, x.sortedIndices());   // into length order, as the data is
            }
        }
        List<Tensor> ran = layers(data, first, (projected, state, whh, bhh, reverse) -> packedDirection(projected,
                state, whh, bhh, reverse, sizes, offsets));
        List<Tensor> states = new ArrayList<>();
        for (Tensor f : ran.subList(1, ran.size())) {
            states.add(x.unsortedIndices() == null ? f : f.indexSelect(1, x.unsortedIndices()));
        }
        return new PackedRnnOutput(x.withData(ran.get(0)), states);
    }

    /**
     * One direction over packed projections [N, gates H]: at step t the first sizes[t] sequences (the ones that long)
     * step, the rest keep their state - finished, or in reverse not yet begun. [output [N, H], final state...].
     */
    private List<Tensor> packedDirection(Tensor projected, Tensor[] state, Tensor whh, Tensor bhh, boolean reverse,
                                         int[] sizes, int[] offsets) {
        int batch = state[0].size(0);
        Tensor[] steps = new Tensor[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            int t = reverse ? sizes.length - 1 - k : k, size = sizes[t];
            Tensor[] head = new Tensor[state.length];
            for (int s = 0; s < state.length; s++) {
                head[s] = state[s].narrow(0, 0, size);
            }
            Tensor[] next = cellStep(projected.narrow(0, offsets[t], size), head, whh, bhh);
            for (int s = 0; s < state.length; s++) {
                state[s] = size == batch ? next[s] : Tensor.cat(List.of(next[s], state[s].narrow(0, size,
                        batch - size)), 0);
            }
            steps[t] = next[0];
        }
        List<Tensor> out = new ArrayList<>();
        out.add(Tensor.cat(List.of(steps), 0));
        out.addAll(List.of(state));
        return out;
    }

    /**
     * Runs the layers over x from the initial states (each [layers * directions, B, H], or [layers * directions, H]
     * unbatched; null for zeros): [output, final state...].
     */
    List<Tensor> run(Tensor x, Tensor[] initial) {
        boolean unbatched = x.dim() == 2;
        if ((x.dim() != 3 && !unbatched) || x.size(-1) != inputSize) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected input of shape [T, B, "
                    + inputSize + "]" + (batchFirst ? " with batch_first, [B, T, " + inputSize + "]" : "")
                    + " or unbatched [T, " + inputSize + "], got " + java.util.Arrays.toString(x.shape()));
        }
        Tensor seq = unbatched ? x.unsqueeze(1) : batchFirst ? x.transpose(0, 1) : x;
        List<Tensor> ran = layers(seq, initialStates(initial, unbatched, seq.size(1)), this::direction);
        Tensor out = ran.get(0);
        List<Tensor> result = new ArrayList<>();
        result.add(unbatched ? out.squeeze(1) : batchFirst ? out.transpose(0, 1) : out);
        for (Tensor f : ran.subList(1, ran.size())) {
            result.add(unbatched ? f.squeeze(1) : f);
        }
        return result;
    }

    /** The initial states [layers * directions, B, H] (batched): the given ones after checking, zeros for null. */
    private Tensor[] initialStates(Tensor[] initial, boolean unbatched, int batch) {
        int directions = bidirectional ? 2 : 1;
        Tensor[] first = new Tensor[stateCount()];
        for (int s = 0; s < first.length; s++) {
            first[s] = initial[s] == null ? Tensor.zeros(numLayers * directions, batch, hiddenSize)
                    : checkedState(initial[s], unbatched, batch, directions);
        }
        return first;
    }

    /** One direction of one layer: [output, final state...], from its input projections and initial state. */
    @FunctionalInterface
    private interface DirectionRun {
        List<Tensor> run(Tensor projected, Tensor[] state, Tensor whh, Tensor bhh, boolean reverse);
    }

    /**
     * The stacked layers over input (time and batch leading, features last) from the initial states (each [layers
     * * directions, B, H]): [the last layer's output, then each state's finals stacked [layers * directions, B, H]].
     * The input projections of a layer and direction are one product; dropout, if any, follows every layer but the
     * last, in training.
     */
    private List<Tensor> layers(Tensor input, Tensor[] first, DirectionRun direction) {
        int directions = bidirectional ? 2 : 1;
        List<List<Tensor>> finals = new ArrayList<>();
        for (int s = 0; s < first.length; s++) {
            finals.add(new ArrayList<>());
        }
        Tensor layerInput = input;
        for (int layer = 0; layer < numLayers; layer++) {
            List<Tensor> outputs = new ArrayList<>(directions);
            for (int dir = 0; dir < directions; dir++) {
                Tensor[] p = cells.get(layer * directions + dir);
                Tensor projected = Functional.linear(layerInput, p[0], p[2]);   // [..., gates H]: one product
                Tensor[] state = new Tensor[first.length];
                for (int s = 0; s < state.length; s++) {
                    state[s] = first[s].select(0, layer * directions + dir);
                }
                List<Tensor> ran = direction.run(projected, state, p[1], p[3], dir == 1);
                outputs.add(ran.get(0));
                for (int s = 0; s < state.length; s++) {
                    finals.get(s).add(ran.get(s + 1));
                }
            }
            layerInput = directions == 1 ? outputs.get(0) : Tensor.cat(outputs, layerInput.dim() - 1);
            if (dropout > 0f && layer < numLayers - 1) {
                layerInput = Functional.dropout(layerInput, dropout, isTraining(), dropoutGenerator);
            }
        }
        List<Tensor> result = new ArrayList<>();
        result.add(layerInput);
        for (List<Tensor> f : finals) {
            result.add(Tensor.stack(f, 0));
        }
        return result;
    }

    private Tensor checkedState(Tensor h, boolean unbatched, int batch, int directions) {
        int[] want = unbatched ? new int[] {numLayers * directions, hiddenSize}
                : new int[] {numLayers * directions, batch, hiddenSize};
        if (!java.util.Arrays.equals(h.shape(), want)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": expected hidden size "
                    + java.util.Arrays.toString(want) + ", got " + java.util.Arrays.toString(h.shape()));
        }
        return unbatched ? h.unsqueeze(1) : h;
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (numLayers != 1 ? ", num_layers=" + numLayers : "")
                + (!bias ? ", bias=False" : "") + (batchFirst ? ", batch_first=True" : "")
                + (dropout != 0f ? ", dropout=" + PythonRepr.floatLiteral(dropout) : "")
                + (bidirectional ? ", bidirectional=True" : "");
    }
}

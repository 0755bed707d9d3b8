package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import dev.vgrad.autograd.GradMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code torch.nn.AdaptiveLogSoftmaxWithLoss} (Grave et al.'s adaptive softmax), as PyTorch 1.13 computes it: the
 * classes below {@code cutoffs[0]} (the shortlist) and one entry per further cluster are scored by the head; each
 * cluster's classes by its own two-layer projection {@code in -> in / divValue^(i+1) -> cluster size} (no biases),
 * evaluated only on the rows whose target falls in it. Parameters are drawn in PyTorch's order for a seed (the head,
 * then each cluster's two layers), so the state dict's names and values match torch's ("head.weight",
 * "tail.0.0.weight", ...). Targets are float tensors holding class indices.
 */
public class AdaptiveLogSoftmaxWithLoss extends Module {
    private final int nClasses, shortlistSize;
    /** The cutoffs with nClasses appended, as PyTorch keeps them. */
    private final int[] cutoffs;
    /** Scores the shortlist and the clusters. */
    public final Linear head;
    /** Each cluster's projection: a Sequential of two Linear layers without bias. */
    public final ModuleList tail;

    /** What {@link #forward(Tensor, Tensor)} returns: each row's log-probability of its target, and the mean loss. */
    public record Output(Tensor output, Tensor loss) {}

    /** With PyTorch's defaults, divValue 4 and no head bias, from the default generator. */
    public AdaptiveLogSoftmaxWithLoss(int inFeatures, int nClasses, int[] cutoffs) {
        this(inFeatures, nClasses, cutoffs, 4f, false, Generator.defaultGenerator());
    }

    /**
     * PyTorch's {@code AdaptiveLogSoftmaxWithLoss(in_features, n_classes, cutoffs, div_value, head_bias)}, drawn from
     * {@code g}. The cutoffs must be unique, increasing and between 1 and nClasses - 1.
     */
    public AdaptiveLogSoftmaxWithLoss(int inFeatures, int nClasses, int[] cutoffs, float divValue, boolean headBias,
                                      Generator g) {
        boolean ok = cutoffs.length > 0 && cutoffs[0] > 0 && cutoffs[cutoffs.length - 1] <= nClasses - 1;
        for (int i = 1; ok && i < cutoffs.length; i++) {
            ok = cutoffs[i] > cutoffs[i - 1];
        }
        if (!ok) {
            throw new IllegalArgumentException("cutoffs should be a sequence of unique, positive integers sorted in an "
                    + "increasing order, where each value is between 1 and n_classes-1; got "
                    + Arrays.toString(cutoffs) + " for n_classes=" + nClasses);
        }
        this.nClasses = nClasses;
        this.cutoffs = Arrays.copyOf(cutoffs, cutoffs.length + 1);
        this.cutoffs[cutoffs.length] = nClasses;
        this.shortlistSize = cutoffs[0];
        int clusters = cutoffs.length;
        this.head = registerModule("head", new Linear(inFeatures, shortlistSize + clusters, headBias, g));
        this.tail = registerModule("tail", new ModuleList());
        for (int i = 0; i < clusters; i++) {
            int hidden = (int) Math.floor(inFeatures / Math.pow(divValue, i + 1));
            int size = this.cutoffs[i + 1] - this.cutoffs[i];
            tail.add(new Sequential(new Linear(inFeatures, hidden, false, g), new Linear(hidden, size, false, g)));
        }
    }

    /** Refused: the adaptive softmax needs the targets; see {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("AdaptiveLogSoftmaxWithLoss needs the targets: forward(input, target)");
    }

    /**
     * The log-probability of each row's target ([B] for input [B, in] and target [B]; a scalar for input [in] and a
     * scalar target) and the loss, the mean of their negatives. A target outside [0, nClasses - 1] or not an integer
     * is refused, naming it.
     */
    public Output forward(Tensor input, Tensor target) {
        if (target.dim() == 1) {
            if (input.dim() != 2) {
                throw new IllegalArgumentException("AdaptiveLogSoftmaxWithLoss: 1D target tensor expects 2D input "
                        + "tensors, but found inputs with size " + Arrays.toString(input.shape()));
            }
            if (input.size(0) != target.size(0)) {
                throw new IllegalArgumentException("AdaptiveLogSoftmaxWithLoss: Input and target should have the same "
                        + "size in the batch dimension, got " + Arrays.toString(input.shape()) + " and "
                        + Arrays.toString(target.shape()));
            }
        } else if (target.dim() == 0) {
            if (input.dim() != 1) {
                throw new IllegalArgumentException("AdaptiveLogSoftmaxWithLoss: 0D target tensor expects 1D input "
                        + "tensors, but found inputs with size " + Arrays.toString(input.shape()));
            }
        } else {
            throw new IllegalArgumentException("AdaptiveLogSoftmaxWithLoss: 0D or 1D target tensor expected, "
                    + "multi-target not supported; got " + Arrays.toString(target.shape()));
        }
        boolean batched = target.dim() > 0;
        Tensor x = batched ? input : input.unsqueeze(0);
        float[] t = target.contiguous().toArray();
        int batch = t.length;
        for (int r = 0; r < batch; r++) {
            if (!(t[r] >= 0 && t[r] <= nClasses - 1) || t[r] != Math.rint(t[r])) {
                throw new IllegalArgumentException("AdaptiveLogSoftmaxWithLoss: Target values should be in [0, "
                        + (nClasses - 1) + "], but target[" + r + "] is " + t[r]);
            }
        }
        float[] headIndex = new float[batch];
        Tensor clusterPart = null;
        for (int i = 0; i < cutoffs.length; i++) {
            int low = i == 0 ? 0 : cutoffs[i - 1], high = cutoffs[i];
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < batch; r++) {
                if (t[r] >= low && t[r] < high) {
                    rows.add(r);
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            float[] rowIndex = new float[rows.size()], relative = new float[rows.size()];
            for (int k = 0; k < rows.size(); k++) {
                int r = rows.get(k);
                rowIndex[k] = r;
                relative[k] = t[r] - low;
                headIndex[r] = i == 0 ? t[r] : shortlistSize + i - 1;
            }
            if (i > 0) {
                Tensor index = Tensor.of(rowIndex, rows.size());
                Tensor logprob = tail.get(i - 1).call(x.indexSelect(0, index)).logSoftmax(1);
                Tensor local = logprob.gather(1, Tensor.of(relative, rows.size(), 1)).squeeze(1);
                Tensor placed = Tensor.zeros(batch).indexCopy(0, index, local);
                clusterPart = clusterPart == null ? placed : clusterPart.add(placed);
            }
        }
        Tensor headLogprob = head.call(x).logSoftmax(1);
        Tensor output = headLogprob.gather(1, Tensor.of(headIndex, batch, 1)).squeeze(1);
        if (clusterPart != null) {
            output = clusterPart.add(output);
        }
        Tensor loss = output.neg().mean();
        return new Output(batched ? output : output.squeeze(0), loss);
    }

    /** The log-probability of every class for each row of {@code input} [B, in]: [B, nClasses] ({@code log_prob}). */
    public Tensor logProb(Tensor input) {
        return fullLogProb(input, head.call(input));
    }

    private Tensor fullLogProb(Tensor input, Tensor headOutput) {
        Tensor headLogprob = headOutput.logSoftmax(1);
        List<Tensor> parts = new ArrayList<>();
        parts.add(headLogprob.narrow(1, 0, shortlistSize));
        for (int i = 0; i + 1 < cutoffs.length; i++) {
            Tensor clusterLogprob = tail.get(i).call(input).logSoftmax(1);
            parts.add(clusterLogprob.add(headLogprob.narrow(1, shortlistSize + i, 1)));
        }
        return Tensor.cat(parts, 1);
    }

    /**
     * The most likely class of each row of {@code input} [B, in] ({@code predict}), as float indices: the head's
     * choice where it is a shortlist class, otherwise the argmax of the full log-probabilities.
     */
    public Tensor predict(Tensor input) {
        try (var noGrad = GradMode.noGrad()) {
            Tensor headOutput = head.call(input);
            float[] best = headOutput.argmax(1, false).toArray();
            List<Integer> outside = new ArrayList<>();
            for (int r = 0; r < best.length; r++) {
                if (best[r] >= shortlistSize) {
                    outside.add(r);
                }
            }
            if (outside.isEmpty()) {
                return Tensor.of(best, best.length);
            }
            float[] rows = new float[outside.size()];
            for (int k = 0; k < rows.length; k++) {
                rows[k] = outside.get(k);
            }
            Tensor index = Tensor.of(rows, rows.length);
            float[] full = fullLogProb(input.indexSelect(0, index), headOutput.indexSelect(0, index))
                    .argmax(1, false).toArray();
            for (int k = 0; k < rows.length; k++) {
                best[outside.get(k)] = full[k];
            }
            return Tensor.of(best, best.length);
        }
    }

    /** {@code n_classes}. */
    public int nClasses() {
        return nClasses;
    }

    /** {@code cutoffs}: the ones given, then nClasses, as PyTorch keeps them. */
    public int[] cutoffs() {
        return cutoffs.clone();
    }
}

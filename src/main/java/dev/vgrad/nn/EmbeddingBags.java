package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * {@code torch.nn.functional.embedding_bag}: the rows of a table that each bag of indices picks, reduced per bag by
 * sum, mean or max without materializing the bags. Sum and mean add the picked rows into their bags (one gather, one
 * index-add); max finds each bag's largest value per column here and gathers exactly those entries, so the gradient
 * goes to the first largest row of each column, as PyTorch's. Empty bags give zeros; padding entries are left out of
 * their bags (and of the mean's count).
 */
final class EmbeddingBags {
    private EmbeddingBags() {}

    static Tensor bag(Tensor input, Tensor weight, Tensor offsets, String mode, Tensor perSampleWeights,
                      boolean includeLastOffset, Integer paddingIdx) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("embedding_bag: weight must be [num_embeddings, embedding_dim], got "
                    + Arrays.toString(weight.shape()));
        }
        if (!mode.equals("sum") && !mode.equals("mean") && !mode.equals("max")) {
            throw new IllegalArgumentException("embedding_bag: mode has to be one of sum, mean or max, got " + mode);
        }
        if (perSampleWeights != null && !mode.equals("sum")) {
            throw new IllegalArgumentException("embedding_bag: per_sample_weights is only supported for mode='sum' "
                    + "(got mode='" + mode + "')");
        }
        if (perSampleWeights != null && !Arrays.equals(perSampleWeights.shape(), input.shape())) {
            throw new IllegalArgumentException("embedding_bag: per_sample_weights " + Arrays.toString(
                    perSampleWeights.shape()) + " must have the input's shape " + Arrays.toString(input.shape()));
        }
        int rows = weight.size(0), dim = weight.size(1);
        int padding = paddingIdx == null ? -1 : paddingIdx < 0 ? paddingIdx + rows : paddingIdx;
        int[] starts = starts(input, offsets, includeLastOffset);
        int bags = starts.length - 1;
        float[] indices = input.contiguous().toArray();
        int kept = 0;
        for (int i = 0; i < indices.length; i++) {
            float v = indices[i];
            if (!(v >= 0 && v < rows && v == Math.rint(v))) {
                throw new IllegalArgumentException("embedding_bag: index " + v + " at position " + i
                        + " is not a row of weight " + Arrays.toString(weight.shape()));
            }
            kept += (int) v == padding ? 0 : 1;
        }
        float[] picked = new float[kept], bagOf = new float[kept], position = new float[kept], count = new float[bags];
        int k = 0;
        for (int b = 0; b < bags; b++) {
            for (int i = starts[b]; i < starts[b + 1]; i++) {
                if ((int) indices[i] != padding) {
                    picked[k] = indices[i];
                    bagOf[k] = b;
                    position[k++] = i;
                    count[b]++;
                }
            }
        }
        if (mode.equals("max")) {
            return max(weight, picked, bagOf, count, bags, dim);
        }
        // with every bag empty too, so that the output stays connected to weight (a zero gradient, as PyTorch's)
        Tensor chosen = weight.indexSelect(0, Tensor.of(picked));
        if (perSampleWeights != null) {
            chosen = chosen.mul(perSampleWeights.reshape(-1).indexSelect(0, Tensor.of(position)).unsqueeze(1));
        }
        Tensor summed = Tensor.zeros(bags, dim).indexAdd(0, Tensor.of(bagOf), chosen);
        if (mode.equals("sum")) {
            return summed;
        }
        for (int b = 0; b < bags; b++) {
            count[b] = Math.max(count[b], 1);   // an empty bag's mean is 0
        }
        return summed.div(Tensor.of(count, bags, 1));
    }

    /** Each bag's first largest entry per column, gathered from its column (rows exact as floats); zeros if empty. */
    private static Tensor max(Tensor weight, float[] picked, float[] bagOf, float[] count, int bags, int dim) {
        // only the rows the bags pick, not a copy of the whole table
        float[] rows = weight.detach().indexSelect(0, Tensor.of(picked)).contiguous().toArray();
        float[] rowOf = new float[bags * dim], filled = new float[bags];
        float[] best = new float[bags * dim];
        boolean[] seen = new boolean[bags];
        for (int k = 0; k < picked.length; k++) {
            int b = (int) bagOf[k], row = (int) picked[k];
            for (int d = 0; d < dim; d++) {
                float v = rows[k * dim + d];
                if (!seen[b] || v > best[b * dim + d]) {   // strictly larger: a tie keeps the first row
                    best[b * dim + d] = v;
                    rowOf[b * dim + d] = row;
                }
            }
            seen[b] = true;
        }
        for (int b = 0; b < bags; b++) {
            filled[b] = count[b] > 0 ? 1f : 0f;
        }
        Tensor gathered = weight.gather(0, Tensor.of(rowOf, bags, dim));
        return Tensor.where(Tensor.of(filled, bags, 1), gathered, Tensor.zeros(1));
    }

    /** Where each bag starts in the flattened input, with the end of the last appended. */
    private static int[] starts(Tensor input, Tensor offsets, boolean includeLastOffset) {
        if (input.dim() == 2) {
            if (offsets != null) {
                throw new IllegalArgumentException("embedding_bag: if input is 2D, then offsets has to be None, as "
                        + "input is treated is a mini-batch of fixed length sequences; got input "
                        + Arrays.toString(input.shape()) + " and offsets " + Arrays.toString(offsets.shape()));
            }
            int[] starts = new int[input.size(0) + 1];
            for (int b = 0; b < starts.length; b++) {
                starts[b] = b * input.size(1);
            }
            return starts;
        }
        if (input.dim() != 1) {
            throw new IllegalArgumentException("embedding_bag: input has to be 1D or 2D Tensor, but got Tensor of "
                    + "dimension " + input.dim() + " " + Arrays.toString(input.shape()));
        }
        if (offsets == null || offsets.dim() != 1) {
            throw new IllegalArgumentException("embedding_bag: a 1D input " + Arrays.toString(input.shape())
                    + " needs 1D offsets (where each bag starts), got "
                    + (offsets == null ? "none" : Arrays.toString(offsets.shape())));
        }
        float[] o = offsets.contiguous().toArray();
        int n = input.size(0), bags = includeLastOffset ? o.length - 1 : o.length;
        if (bags < 0 || (includeLastOffset && o.length == 0)) {
            throw new IllegalArgumentException("embedding_bag: include_last_offset needs at least one offset");
        }
        int[] starts = new int[bags + 1];
        for (int b = 0; b < o.length; b++) {
            float v = o[b];
            float previous = b == 0 ? 0 : o[b - 1];
            if (!(v == Math.rint(v) && v >= previous && v <= n) || (b == 0 && v != 0)) {
                throw new IllegalArgumentException("embedding_bag: offsets[" + b + "] = " + v + (b == 0
                        ? " must be 0 (the first bag starts the input)"
                        : " must be an integer from offsets[" + (b - 1) + "] = " + previous + " to the input's "
                        + "length " + n));
            }
            if (b <= bags) {
                starts[b] = (int) v;
            }
        }
        if (!includeLastOffset) {
            starts[bags] = n;
        }
        return starts;
    }
}

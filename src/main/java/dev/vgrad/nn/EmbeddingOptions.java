package dev.vgrad.nn;

import dev.vgrad.Tensor;
import dev.vgrad.autograd.Function;
import dev.vgrad.autograd.GradMode;
import java.util.Arrays;

/**
 * What F.embedding's max_norm and scale_grad_by_freq do beyond a plain row lookup: the rows an input picks renormed in
 * place first (torch.embedding_renorm_), and a table gradient scaled at each position by one over how often the batch
 * picks that row.
 */
final class EmbeddingOptions {
    private EmbeddingOptions() {}

    /**
     * Scales, in place and untracked, each row of weight that indices pick (once, however often picked) whose p-norm
     * exceeds maxNorm to {@code maxNorm / (norm + 1e-7)} of itself, as PyTorch's embedding_renorm_ (the scale in
     * double, the multiply in float). The indices are checked before any row is written.
     */
    static Tensor renorm(Tensor weight, Tensor indices, float maxNorm, float normType) {
        try (var off = GradMode.noGrad()) {
            Tensor flat = indices.reshape(-1);
            weight.indexSelect(0, flat);   // refuses a bad index before anything changes
            Tensor rows = flat.unique(false, false).get(0);
            float[] picked = rows.toArray(), norms = weight.indexSelect(0, rows).norm(normType, 1, false).toArray();
            int over = 0;
            float[] overRows = new float[picked.length], scales = new float[picked.length];
            for (int i = 0; i < picked.length; i++) {
                if (norms[i] > maxNorm) {
                    overRows[over] = picked[i];
                    scales[over++] = (float) (maxNorm / ((double) norms[i] + 1e-7));
                }
            }
            if (over > 0) {
                Tensor which = Tensor.of(Arrays.copyOf(overRows, over), over);
                Tensor scale = Tensor.of(Arrays.copyOf(scales, over), over, 1);
                weight.indexCopy_(0, which, weight.indexSelect(0, which).mul(scale));
            }
        }
        return weight;
    }

    /**
     * The rows indices pick, [indices.numel(), dim], whose gradient reaches each table row divided by the number of
     * positions that pick it (scale_grad_by_freq), the padding row (-1: none) left out as PyTorch leaves it.
     */
    static Tensor lookupScaledByFrequency(Tensor weight, Tensor flatIndices, int paddingRow) {
        return new FrequencyScaledLookup(flatIndices, paddingRow).apply(weight);
    }

    /** The lookup; its backward is {@link FrequencyScaledBackward}, so that under createGraph it is recorded too. */
    private static final class FrequencyScaledLookup extends Function {
        private final Tensor indices;
        private final int paddingRow;
        private int tableRows;

        FrequencyScaledLookup(Tensor indices, int paddingRow) {
            this.indices = indices;
            this.paddingRow = paddingRow;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            tableRows = in[0].size(0);
            return in[0].indexSelect(0, indices);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... g) {
            return new Tensor[] {new FrequencyScaledBackward(indices, paddingRow, tableRows).apply(g[0])};
        }
    }

    /**
     * The table's gradient from the rows' gradient g: each position's row of g, over its table row's count, added
     * into that row; the padding row's positions left out (not multiplied by 0: an infinite g would give NaN). Its
     * own backward is PyTorch's embedding_dense_double_backward, which picks the rows back without the scaling.
     */
    private static final class FrequencyScaledBackward extends Function {
        private final Tensor indices;
        private final int paddingRow, tableRows;

        FrequencyScaledBackward(Tensor indices, int paddingRow, int tableRows) {
            this.indices = indices;
            this.paddingRow = paddingRow;
            this.tableRows = tableRows;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... g) {
            float[] picks = indices.toArray();
            int[] counts = new int[tableRows];
            for (float k : picks) {
                counts[(int) k]++;
            }
            int kept = 0, n = picks.length;
            float[] positions = new float[n], rows = new float[n], scales = new float[n];
            for (int i = 0; i < picks.length; i++) {
                int k = (int) picks[i];
                if (k != paddingRow) {
                    positions[kept] = i;
                    rows[kept] = k;
                    scales[kept++] = (float) (1.0 / counts[k]);
                }
            }
            Tensor position = Tensor.of(Arrays.copyOf(positions, kept), kept);
            Tensor scaled = g[0].indexSelect(0, position).mul(Tensor.of(Arrays.copyOf(scales, kept), kept, 1));
            Tensor row = Tensor.of(Arrays.copyOf(rows, kept), kept);
            return Tensor.zeros(tableRows, g[0].size(1)).indexAdd(0, row, scaled);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor... gg) {
            Tensor picked = gg[0].indexSelect(0, indices);
            return new Tensor[] {paddingRow < 0 ? picked : picked.maskedFill(indices.eq(paddingRow).unsqueeze(1), 0f)};
        }
    }
}

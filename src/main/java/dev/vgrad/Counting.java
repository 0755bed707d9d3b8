package dev.vgrad;

import java.util.Arrays;
import java.util.List;

/**
 * Counting and searching ops with integer results and no gradient, as PyTorch's: bincount, histc, unique,
 * searchsorted and bucketize, and the index lists of triangles. Results are float tensors holding integers (exact to
 * 2^24); a NaN input where a count or a position needs a number is refused, not skipped.
 */
final class Counting {
    private Counting() {}

    /** How many times each value 0..max occurs in x (1-D, non-negative integers), each count weighted if weights. */
    static Tensor bincount(Tensor x, Tensor weights, int minlength) {
        if (x.dim() != 1 || (weights != null && !Arrays.equals(weights.shape, x.shape)) || minlength < 0) {
            throw new IllegalArgumentException("bincount only supports 1-d non-negative integral inputs with weights of "
                    + "the same shape and minlength >= 0, got " + Shapes.str(x.shape)
                    + (weights != null ? " and weights " + Shapes.str(weights.shape) : "") + ", minlength " + minlength);
        }
        float[] v = x.toArray(), w = weights == null ? null : weights.toArray();
        int max = -1;
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0f) || v[i] != Math.rint(v[i]) || v[i] > (1 << 24)) {
                throw new IllegalArgumentException("bincount: value " + v[i] + " at position " + i
                        + " is not a non-negative integer");
            }
            max = Math.max(max, (int) v[i]);
        }
        float[] counts = new float[Math.max(max + 1, minlength)];
        for (int i = 0; i < v.length; i++) {
            counts[(int) v[i]] += w == null ? 1f : w[i];
        }
        return Tensor.of(counts);
    }

    /**
     * A histogram of x's elements in {@code bins} equal bins over [min, max] (torch.histc): elements outside are left
     * out, max itself falls in the last bin; with min == max the data's own range is used (widened by 1 each side if
     * that is a single value).
     */
    static Tensor histc(Tensor x, int bins, float min, float max) {
        if (bins <= 0) {
            throw new IllegalArgumentException("torch.histc(): bins must be > 0, but got " + bins);
        }
        float[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                throw new IllegalArgumentException("torch.histc(): input holds NaN at flat position " + i);
            }
        }
        float lo = min, hi = max;
        if (lo == hi && v.length > 0) {
            lo = Float.POSITIVE_INFINITY;
            hi = Float.NEGATIVE_INFINITY;
            for (float f : v) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        if (lo == hi) {
            lo -= 1;
            hi += 1;
        }
        if (!(lo < hi) || Float.isInfinite(lo) || Float.isInfinite(hi)) {
            throw new IllegalArgumentException("torch.histc(): max must be larger than min and both finite, got ["
                    + lo + ", " + hi + "]");
        }
        float[] counts = new float[bins];
        for (float f : v) {
            if (f >= lo && f <= hi) {
                int b = (int) ((f - lo) * bins / (hi - lo));
                counts[Math.min(b, bins - 1)] += 1f;
            }
        }
        return Tensor.of(counts);
    }

    /**
     * The distinct elements of x in ascending order (torch.unique, sorted), then, if asked, the index of each element
     * of x among them (x's shape) and how often each occurs. Each NaN is distinct, as in PyTorch, and sorts last.
     */
    static List<Tensor> unique(Tensor x, boolean returnInverse, boolean returnCounts) {
        float[] v = x.toArray();
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Float.compare(v[p], v[q]));
        float[] values = new float[v.length], counts = new float[v.length], inverse = new float[v.length];
        int distinct = 0;
        for (int k = 0; k < v.length; k++) {
            float f = v[order[k]];
            if (distinct == 0 || Float.isNaN(f) || f != values[distinct - 1]) {
                values[distinct++] = f;
            }
            counts[distinct - 1]++;
            inverse[order[k]] = distinct - 1;
        }
        List<Tensor> out = new java.util.ArrayList<>();
        out.add(Tensor.of(Arrays.copyOf(values, distinct)));
        if (returnInverse) {
            out.add(Tensor.of(inverse, x.shape.clone()));
        }
        if (returnCounts) {
            out.add(Tensor.of(Arrays.copyOf(counts, distinct)));
        }
        return out;
    }

    /**
     * For each value, the index where it would be inserted into the ascending sequence to keep it sorted: before equal
     * elements, or after them with right (torch.searchsorted). A 1-D sequence serves values of any shape; otherwise
     * the sequence [.., M] and values [.., N] share their leading dimensions, one sequence a row.
     */
    static Tensor searchsorted(Tensor sequence, Tensor values, boolean right) {
        int m = sequence.dim() == 0 ? 0 : sequence.size(-1);
        boolean shared = sequence.dim() == 1;
        if (sequence.dim() == 0 || (!shared && (values.dim() != sequence.dim() || !Arrays.equals(
                Arrays.copyOf(sequence.shape, sequence.dim() - 1), Arrays.copyOf(values.shape, values.dim() - 1))))) {
            throw new IllegalArgumentException("torch.searchsorted(): boundaries tensor should be 1 dimension or the "
                    + "first N-1 dimensions of boundaries tensor and input value tensor must match, but we got "
                    + "boundaries tensor " + Shapes.str(sequence.shape) + " and input value tensor "
                    + Shapes.str(values.shape));
        }
        float[] s = sequence.toArray(), v = values.toArray(), out = new float[v.length];
        int n = shared || values.dim() == 0 ? Math.max(1, v.length) : values.size(-1);
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                throw new IllegalArgumentException("torch.searchsorted(): value NaN at flat position " + i
                        + " has no place in a sorted sequence");
            }
            int base = shared ? 0 : (i / n) * m, lo = 0, hi = m;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                float e = s[base + mid];
                if (right ? e <= v[i] : e < v[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[i] = lo;
        }
        return Tensor.of(out, values.shape.clone());
    }

    /** The [2, n] row and column indices of a rows x cols matrix's upper (or lower) triangle from the offset diagonal. */
    static Tensor triangleIndices(int rows, int cols, int offset, boolean upper) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException((upper ? "triu" : "tril") + "_indices: row and col must be non-negative, "
                    + "got " + rows + " and " + cols);
        }
        int count = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                count += (upper ? j - i >= offset : j - i <= offset) ? 1 : 0;
            }
        }
        float[] out = new float[2 * count];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (upper ? j - i >= offset : j - i <= offset) {
                    out[k] = i;
                    out[count + k++] = j;
                }
            }
        }
        return Tensor.of(out, 2, count);
    }
}

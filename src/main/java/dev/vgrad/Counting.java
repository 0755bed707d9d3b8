package dev.vgrad;

import java.util.Arrays;
import java.util.List;

/**
 * Counting and searching ops with integer results and no gradient, as PyTorch's: bincount, histc, histogram, unique,
 * unique_consecutive, searchsorted and bucketize, and the index lists of triangles. Results are float tensors holding
 * integers (exact to 2^24); a NaN input where a count or a position needs a number is refused, not skipped.
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
        float[] v = numbers("torch.histc()", x);
        float lo = min, hi = max;
        if (lo == hi && v.length > 0) {
            float[] extent = extent(v, 0, 1);
            lo = extent[0];
            hi = extent[1];
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
     * torch.histogram with a number of bins: [hist, bin_edges], the edges {@code linspace(lo, hi, bins + 1)} over range
     * (null: the data's minimum and maximum, widened by 0.5 each way when they are equal); each element in [lo, hi]
     * adds 1 (or its weight) to its bin, found as PyTorch's CPU kernel finds it (an estimate, then a search among the
     * neighbouring edges; hi itself goes to the last bin). With density the counts are divided by their sum and by
     * each bin's width. NaN in the input is refused (PyTorch refuses it without a range, and counts it in some bin
     * with one).
     */
    static List<Tensor> histogram(Tensor x, int bins, float[] range, Tensor weight, boolean density) {
        if (bins <= 0) {
            throw new IllegalArgumentException("torch.histogram(): bins must be > 0, but got " + bins);
        }
        float[] v = numbers("torch.histogram()", x);
        float lo, hi;
        if (range != null) {
            lo = range[0];
            hi = range[1];
        } else {
            float[] extent = v.length == 0 ? new float[2] : extent(v, 0, 1);
            lo = extent[0];
            hi = extent[1];
        }
        return binned(v, x, evenEdges(lo, hi, bins, 0), weight, density, true);
    }

    /**
     * {@code bins} equal bins' edges over [lo, hi] (one dimension's of histogram or histogramdd), after PyTorch's
     * checks (finite, lo not above hi), widened by 0.5 each way where lo equals hi.
     */
    private static Tensor evenEdges(float lo, float hi, int bins, int dim) {
        if (!Float.isFinite(lo) || !Float.isFinite(hi)) {
            throw new IllegalArgumentException("torch.histogramdd: dimension " + dim + "'s range [" + lo + ", " + hi
                    + "] is not finite");
        }
        if (lo > hi) {
            throw new IllegalArgumentException("torch.histogramdd: min should not exceed max, but got min " + lo
                    + " max " + hi + " for dimension " + dim);
        }
        return lo == hi ? Tensor.linspace(lo - 0.5f, hi + 0.5f, bins + 1) : Tensor.linspace(lo, hi, bins + 1);
    }

    /** torch.histogram with the bin edges given (1-D, increasing): elements in [first, last] found by bisection. */
    static List<Tensor> histogram(Tensor x, Tensor binEdges, Tensor weight, boolean density) {
        if (binEdges.dim() != 1 || binEdges.numel() < 2) {
            throw new IllegalArgumentException("torch.histogram(): bins tensor should have one dimension and at least "
                    + "2 elements, but got shape " + Shapes.str(binEdges.shape));
        }
        return binned(numbers("torch.histogram()", x), x, binEdges.detach().contiguous(), weight, density, false);
    }

    /** The smallest and largest of v's elements from {@code from} every {@code step} (at least one, no NaN). */
    private static float[] extent(float[] v, int from, int step) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int i = from; i < v.length; i += step) {
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
        }
        return new float[] {lo, hi};
    }

    private static float[] numbers(String op, Tensor x) {
        float[] v = x.toArray();
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                throw new IllegalArgumentException(op + ": input holds NaN at flat position " + i);
            }
        }
        return v;
    }

    /** The one-dimensional histogram: x's elements as points of one coordinate. */
    private static List<Tensor> binned(float[] v, Tensor x, Tensor edges, Tensor weight, boolean density,
            boolean estimate) {
        if (weight != null && !Arrays.equals(weight.shape, x.shape)) {
            throw new IllegalArgumentException("torch.histogram(): if weight tensor is provided it should have the "
                    + "same shape as the input tensor excluding its innermost dimension, got input "
                    + Shapes.str(x.shape) + " and weight " + Shapes.str(weight.shape));
        }
        return binnedPoints(v, x.reshape(-1, 1), 1, List.of(edges), weight == null ? null : weight.reshape(-1),
                density, estimate);
    }

    /**
     * torch.histogramdd with a number of bins per dimension: x [..., D] holds points of D coordinates; [hist (bins[0] x
     * ... x bins[D-1]), then each dimension's edges]. Each dimension's edges span range (2 D values: each
     * dimension's lo and hi) or its data's minimum and maximum (widened by 0.5 each way when equal), and each
     * coordinate finds its bin as {@link #histogram(Tensor, int, float[], Tensor, boolean)} finds it; a point outside
     * any dimension's span is not counted. With density, hist divided by its sum, then by each bin's widths.
     */
    static List<Tensor> histogramdd(Tensor x, int[] bins, float[] range, Tensor weight, boolean density) {
        int dims = checkPoints(x, bins.length);
        if (range != null && range.length != 2 * dims) {
            throw new IllegalArgumentException("torch.histogramdd: expected " + (2 * dims) + " range values (a min and "
                    + "a max for each of the " + dims + " dimensions), got " + range.length);
        }
        float[] v = numbers("torch.histogramdd", x);
        List<Tensor> edges = new java.util.ArrayList<>();
        for (int d = 0; d < dims; d++) {
            if (bins[d] <= 0) {
                throw new IllegalArgumentException("torch.histogramdd: bins must be > 0, but got " + bins[d]
                        + " for dimension " + d);
            }
            float[] span = range != null ? new float[] {range[2 * d], range[2 * d + 1]}
                    : v.length == 0 ? new float[2] : extent(v, d, dims);
            edges.add(evenEdges(span[0], span[1], bins[d], d));
        }
        return binnedPoints(v, x, dims, edges, weight, density, true);
    }

    /** torch.histogramdd with each dimension's bin edges given (1-D, increasing): coordinates found by bisection. */
    static List<Tensor> histogramdd(Tensor x, List<Tensor> binEdges, Tensor weight, boolean density) {
        int dims = checkPoints(x, binEdges.size());
        List<Tensor> edges = new java.util.ArrayList<>();
        for (int d = 0; d < dims; d++) {
            Tensor e = binEdges.get(d);
            if (e.dim() != 1 || e.numel() < 2) {
                throw new IllegalArgumentException("torch.histogramdd: bins tensor should have one dimension and at "
                        + "least 2 elements, but got shape " + Shapes.str(e.shape) + " for dimension " + d);
            }
            edges.add(e.detach().contiguous());
        }
        return binnedPoints(numbers("torch.histogramdd", x), x, dims, edges, weight, density, false);
    }

    /** x's innermost size, which must be the number of bin counts or edge tensors given. */
    private static int checkPoints(Tensor x, int given) {
        if (x.dim() < 1 || x.shape[x.dim() - 1] != given) {
            throw new IllegalArgumentException("torch.histogramdd: expected input [..., D] with D = " + given
                    + " (one per bins entry), got " + Shapes.str(x.shape));
        }
        return given;
    }

    private static List<Tensor> binnedPoints(float[] v, Tensor x, int dims, List<Tensor> edges, Tensor weight,
                                             boolean density, boolean estimate) {
        int[] leading = Arrays.copyOf(x.shape, x.dim() - 1);
        if (weight != null && !Arrays.equals(weight.shape, leading)) {
            throw new IllegalArgumentException("torch.histogramdd: if weight tensor is provided it should have the "
                    + "same shape as the input tensor excluding its innermost dimension, got input "
                    + Shapes.str(x.shape) + " and weight " + Shapes.str(weight.shape));
        }
        float[][] e = new float[dims][];
        int[] shape = new int[dims];
        for (int d = 0; d < dims; d++) {
            e[d] = edges.get(d).toArray();
            shape[d] = e[d].length - 1;
        }
        float[] w = weight == null ? null : weight.toArray();
        int total = 1;
        for (int b : shape) {
            total *= b;
        }
        float[] hist = new float[total];
        points:
        for (int p = 0; p * dims < v.length; p++) {
            int flat = 0;
            for (int d = 0; d < dims; d++) {
                float f = v[p * dims + d];
                float[] ed = e[d];
                int count = ed.length;
                float lo = ed[0], hi = ed[count - 1];
                if (!(f >= lo && f <= hi)) {
                    continue points;
                }
                int from = 0, to = count;
                if (estimate) {   // PyTorch's linear estimate, then the search among its neighbours
                    int guess = (int) ((f - lo) * (count - 1) / (hi - lo));
                    from = Math.max(0, guess - 1);
                    to = Math.min(guess + 2, count);
                }
                int pos = upperBound(ed, from, to, f) - 1;
                flat = flat * shape[d] + (pos == count - 1 ? pos - 1 : pos);   // the last edge: the last bin
            }
            hist[flat] += w == null ? 1f : w[p];
        }
        Tensor h = Tensor.of(hist, shape);
        if (density) {   // PyTorch's order: over the sum, then over each dimension's bin widths in turn
            h = h.div(h.sum());
            for (int d = 0; d < dims; d++) {
                int[] line = new int[dims];
                Arrays.fill(line, 1);
                line[d] = shape[d];
                h = h.div(edges.get(d).diff().reshape(line));
            }
        }
        List<Tensor> out = new java.util.ArrayList<>();
        out.add(h);
        out.addAll(edges);
        return out;
    }

    /** The first position in [from, to) whose edge is above f (to if none). */
    private static int upperBound(float[] e, int from, int to, float f) {
        while (from < to) {
            int mid = (from + to) >>> 1;
            if (e[mid] <= f) {
                from = mid + 1;
            } else {
                to = mid;
            }
        }
        return from;
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
     * torch.unique_consecutive: the first element of each run of equal consecutive elements of x (flattened), then, if
     * asked, each element's run (x's shape) and each run's length. Each NaN is a run of its own; -0 and 0 are equal.
     */
    static List<Tensor> uniqueConsecutive(Tensor x, boolean returnInverse, boolean returnCounts) {
        float[] v = x.toArray();
        int[] runOf = new int[v.length];
        int runs = runs(v.length, (i, j) -> v[i] == v[j], runOf);
        float[] values = new float[runs];
        for (int i = v.length - 1; i >= 0; i--) {
            values[runOf[i]] = v[i];
        }
        return withRuns(Tensor.of(values), runOf, runs, x.shape.clone(), returnInverse, returnCounts);
    }

    /**
     * torch.unique_consecutive along dim: the first slice of each run of equal consecutive slices (every element
     * equal as a number: -0 equals 0, and a slice holding a NaN equals none), then, if asked, each slice's run (1-D)
     * and each run's length.
     */
    static List<Tensor> uniqueConsecutive(Tensor x, boolean returnInverse, boolean returnCounts, int dim) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("unique_consecutive: a 0-d tensor has no dimension " + dim);
        }
        int d = Shapes.wrapDim(dim, x.dim()), n = x.shape[d];
        float[] v = x.movedim(d, 0).toArray();
        int width = n == 0 ? 0 : v.length / n;
        int[] runOf = new int[n];
        int runs = runs(n, (i, j) -> sameSlice(v, i * width, j * width, width), runOf);
        float[] firsts = new float[runs];
        for (int i = n - 1; i >= 0; i--) {
            firsts[runOf[i]] = i;
        }
        Tensor values;
        try (var off = dev.vgrad.autograd.GradMode.noGrad()) {
            values = x.indexSelect(d, Tensor.of(firsts)).detach();
        }
        return withRuns(values, runOf, runs, new int[] {n}, returnInverse, returnCounts);
    }

    @FunctionalInterface
    private interface Same {
        boolean test(int i, int j);
    }

    /**
     * Whether the width floats from a and from b are equal as numbers, PyTorch's comparison: -0 equals 0, and a slice
     * holding a NaN equals none.
     */
    private static boolean sameSlice(float[] v, int a, int b, int width) {
        for (int k = 0; k < width; k++) {
            if (!(v[a + k] == v[b + k])) {
                return false;
            }
        }
        return true;
    }

    /** Numbers 0..n-1 by runs of consecutive equal items into runOf; returns the number of runs. */
    private static int runs(int n, Same same, int[] runOf) {
        int run = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || !same.test(i - 1, i)) {
                run++;
            }
            runOf[i] = run;
        }
        return run + 1;
    }

    private static List<Tensor> withRuns(Tensor values, int[] runOf, int runs, int[] inverseShape,
            boolean returnInverse, boolean returnCounts) {
        List<Tensor> out = new java.util.ArrayList<>();
        out.add(values);
        if (returnInverse) {
            float[] inverse = new float[runOf.length];
            for (int i = 0; i < runOf.length; i++) {
                inverse[i] = runOf[i];
            }
            out.add(Tensor.of(inverse, inverseShape));
        }
        if (returnCounts) {
            float[] counts = new float[runs];
            for (int r : runOf) {
                counts[r]++;
            }
            out.add(Tensor.of(counts));
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

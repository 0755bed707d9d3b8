package dev.vgrad;

import dev.vgrad.autograd.GradMode;
import dev.vgrad.kernels.UnaryOp;
import java.util.List;

/**
 * Ops that order, reverse or rotate elements along a dimension, or read the sorted order: sort, argsort, topk, flip,
 * roll, median, quantile and mode. The order is found on the values without recording; the values are then taken with
 * gather (or index_select), whose backward scatters the gradient to where each value came from, so these
 * differentiate, to any order, as the ops they are made of (roll records its own node: its gradient is a roll back).
 */
final class Ordering {
    private Ordering() {}

    /**
     * The indices that sort each line along dim, as floats: ascending, or descending. NaN sorts above every number
     * (last ascending, first descending), as PyTorch's; equal values keep their order (a stable sort).
     */
    static Tensor argsort(Tensor x, int dim, boolean descending) {
        int d = Shapes.wrapDim(dim, x.dim());
        int[] shape = x.shape;
        int len = x.dim() == 0 ? 1 : shape[d];
        int inner = Shapes.sizeAfter(shape, d);
        int outer = len == 0 ? 0 : x.numel() / (len * inner);
        float[] v = x.toArray();   // in row-major order whatever x's strides
        float[] out = new float[v.length];
        // One primitive sort a line: the value's order key in the high 32 bits, the position in the low, so equal
        // values keep their order and nothing is boxed.
        long[] keys = new long[len];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                for (int k = 0; k < len; k++) {
                    int key = orderKey(v[base + k * inner]);
                    keys[k] = (long) (descending ? ~key : key) << 32 | k;
                }
                java.util.Arrays.sort(keys);
                for (int k = 0; k < len; k++) {
                    out[base + k * inner] = (int) keys[k];
                }
            }
        }
        return Tensor.of(out, shape);
    }

    /**
     * An int whose signed order is the floats' ascending order, with every NaN above +inf and -0 equal to 0, as
     * PyTorch sorts: the bits of a non-negative float already order it; a negative one's magnitude bits are flipped.
     */
    private static int orderKey(float f) {
        int bits = Float.floatToIntBits(f == 0f ? 0f : f);   // one NaN, one zero
        return bits < 0 ? bits ^ 0x7FFFFFFF : bits;
    }

    /** [values, indices] of each line along dim, sorted ascending or descending. */
    static List<Tensor> sort(Tensor x, int dim, boolean descending) {
        Tensor indices;
        try (var off = GradMode.noGrad()) {
            indices = argsort(x, dim, descending);
        }
        return List.of(x.dim() == 0 ? x.clone() : x.gather(dim, indices), indices);
    }

    /** [values, indices] of the k largest (or smallest) of each line along dim, in sorted order. */
    static List<Tensor> topk(Tensor x, int k, int dim, boolean largest) {
        int d = Shapes.wrapDim(dim, x.dim());
        int len = x.dim() == 0 ? 1 : x.shape[d];
        if (k < 0 || k > len) {
            throw new IllegalArgumentException("topk: k (" + k + ") is out of range for dimension " + d + " of size "
                    + len + " (shape " + Shapes.str(x.shape) + ")");
        }
        Tensor indices;
        try (var off = GradMode.noGrad()) {
            indices = argsort(x, d, largest);
            if (x.dim() > 0) {
                indices = indices.narrow(d, 0, k).contiguous();
            }
        }
        return List.of(x.dim() == 0 ? x.clone() : x.gather(d, indices), indices);
    }

    /** A copy with the order of elements reversed along each of dims (torch.flip). */
    static Tensor flip(Tensor x, int... dims) {
        boolean[] seen = new boolean[Math.max(x.dim(), 1)];
        int[] stride = x.stride.clone();
        int offset = x.offset;
        for (int dim : dims) {
            int d = Shapes.wrapDim(dim, x.dim());
            if (seen[d]) {
                throw new IllegalArgumentException("flip: dim " + d + " appears multiple times in the list of dims");
            }
            seen[d] = true;
            if (x.dim() > 0 && x.shape[d] > 1) {
                offset += (x.shape[d] - 1) * stride[d];
                stride[d] = -stride[d];
            }
        }
        // One copy of a view that walks each flipped dimension backwards (never handed out: the kernels read negative
        // strides as any other). As an index select per dimension, flip(1) of 1024 x 1024 took 4.6x PyTorch 1.13's
        // time on a Zen 4 (2026-12-05): a transposing copy there and back.
        Tensor out = Compute.copy(x.numel() == 0 ? x : new Tensor(x, offset, x.shape.clone(), stride, null));
        int[] flipped = dims.clone();
        return Graph.recording(x) ? Graph.record(out, "FlipBackward0", x, g -> flip(g, flipped)) : out;
    }

    /**
     * A copy with the elements shifted by {@code shifts} along dim, those pushed off one end coming back at the other
     * (torch.roll): {@code out[i] = x[(i - shifts) mod n]}. Its gradient is the incoming one rolled back.
     */
    static Tensor roll(Tensor x, int shifts, int dim) {
        if (x.dim() == 0) {
            throw new IllegalArgumentException("roll: dim " + dim + " is out of range for a 0-dim tensor");
        }
        int d = Shapes.wrapDim(dim, x.dim());
        int n = x.shape[d];
        Tensor out = Tensor.empty(x.shape);
        if (out.numel() > 0) {
            // Two block copies, the last s slices to the front and the rest after them, each run along memory: as an
            // index select (a transposing copy there and back for an inner dim) roll(7, 1) of 1024 x 1024 took 13x
            // PyTorch 1.13's time on a Zen 4 (2026-12-05).
            int s = Math.floorMod(shifts, n);
            try (var off = GradMode.noGrad()) {
                if (s > 0) {
                    Compute.mapInto(UnaryOp.COPY, 0f, 0f, x.narrow(d, n - s, s), out.narrow(d, 0, s));
                }
                Compute.mapInto(UnaryOp.COPY, 0f, 0f, x.narrow(d, 0, n - s), out.narrow(d, s, n - s));
            }
        }
        return Graph.recording(x) ? Graph.record(out, "RollBackward0", x, g -> roll(g, -shifts, d)) : out;
    }

    /** roll along each of dims by the matching shift; without dims, over the flattened tensor, shape kept. */
    static Tensor roll(Tensor x, int[] shifts, int[] dims) {
        if (dims.length == 0) {
            if (shifts.length != 1) {
                throw new IllegalArgumentException("roll: shifts must have one element when no dims are given, got "
                        + shifts.length);
            }
            return x.dim() == 0 ? x.clone() : roll(x.reshape(-1), shifts[0], 0).view(x.shape());
        }
        if (shifts.length != dims.length) {
            throw new IllegalArgumentException("roll: shifts and dimensions must align. shifts: " + shifts.length
                    + ", dims: " + dims.length);
        }
        Tensor out = x;
        for (int k = 0; k < dims.length; k++) {
            out = roll(out, shifts[k], dims[k]);
        }
        return out;
    }

    /**
     * [values, indices] of the lower median of each line along dim (torch.median(dim)): the ((n - 1) / 2)-th
     * smallest, or, in a line holding a NaN, the first NaN. Equal values are ordered by position (a stable sort);
     * PyTorch leaves the index among equal values unspecified. The gradient goes to the element picked.
     */
    static List<Tensor> median(Tensor x, int dim, boolean keepdim) {
        if (x.dim() == 0) {
            return List.of(x.clone(), Tensor.scalar(0f));
        }
        int d = Shapes.wrapDim(dim, x.dim());
        int n = x.shape[d];
        if (n == 0) {
            throw new IllegalArgumentException("median(): Expected reduction dim " + d + " to have non-zero size.");
        }
        List<Tensor> sorted = sort(x, d, false);
        Tensor pick;
        try (var off = GradMode.noGrad()) {
            Tensor nans = x.isnan().sum(d, true);
            pick = Tensor.where(nans.gt(0f), nans.rsub(n), Tensor.full((n - 1) / 2, nans.shape()));
        }
        Tensor values = sorted.get(0).gather(d, pick), indices = sorted.get(1).gather(d, pick);
        return keepdim ? List.of(values, indices) : List.of(values.squeeze(d), indices.squeeze(d));
    }

    /**
     * median() and nanmedian() of a tensor with no elements: NaN, as PyTorch gives (along a dimension of size 0 both
     * refuse). Made from the input so that a graph reaches it; its gradient is the input's empty one.
     */
    static Tensor medianOfNothing(Tensor x) {
        return x.sum().mul(Float.NaN);
    }

    /** quantile's and nanquantile's arguments, refused with PyTorch's messages. */
    private static void checkQuantile(float q, String interpolation) {
        if (!(q >= 0f && q <= 1f)) {
            throw new IllegalArgumentException("quantile() q must be in the range [0, 1] but got " + q);
        }
        if (!List.of("linear", "lower", "higher", "midpoint", "nearest").contains(interpolation)) {
            throw new IllegalArgumentException("quantile() interpolation must be one of linear, lower, higher, "
                    + "midpoint or nearest. Got " + interpolation);
        }
    }

    /**
     * The q-quantile of each line along dim (torch.quantile): the sorted line read at rank {@code q (n - 1)} (in
     * float, as PyTorch), between neighbours as interpolation says: "linear" (lerp by the rank's fraction), "lower",
     * "higher", "midpoint" or "nearest" (the rank rounded half to even). A line holding a NaN gives NaN.
     */
    static Tensor quantile(Tensor x, float q, int dim, boolean keepdim, String interpolation) {
        checkQuantile(q, interpolation);
        Tensor line = x.dim() == 0 ? x.reshape(1) : x;
        int d = Shapes.wrapDim(dim, line.dim());
        int n = line.shape[d];
        if (n == 0) {
            throw new IllegalArgumentException("quantile() input tensor must be non-empty along dim " + d);
        }
        float rank = q * (n - 1);
        int below = (int) Math.floor(rank), above = (int) Math.ceil(rank);
        if (interpolation.equals("nearest")) {
            below = above = (int) Math.rint(rank);
        } else if (interpolation.equals("lower")) {
            above = below;
        } else if (interpolation.equals("higher")) {
            below = above;
        }
        float weight = interpolation.equals("midpoint") ? 0.5f : rank - (float) Math.floor(rank);
        Tensor sorted = sort(line, d, false).get(0);
        Tensor low, high;
        try (var off = GradMode.noGrad()) {
            Tensor hasNan = line.isnan().sum(d, true).gt(0f);
            low = Tensor.where(hasNan, Tensor.scalar(n - 1), Tensor.full(below, hasNan.shape()));
            high = Tensor.where(hasNan, Tensor.scalar(n - 1), Tensor.full(above, hasNan.shape()));
        }
        Tensor lo = sorted.gather(d, low), hi = sorted.gather(d, high);
        Tensor out = below == above && !interpolation.equals("midpoint") ? lo : lo.lerp(hi, weight);
        if (x.dim() == 0) {
            return out.reshape();
        }
        return keepdim ? out : out.squeeze(d);
    }

    /**
     * [values, indices] of the lower median of each line along dim, NaNs ignored (torch.nanmedian(dim)): the
     * ((k - 1) / 2)-th smallest of the line's k numbers (NaNs sort last); NaN for a line of NaNs only (its index is
     * then the line's first, where PyTorch's is unspecified). The gradient goes to the element picked.
     */
    static List<Tensor> nanmedian(Tensor x, int dim, boolean keepdim) {
        if (x.dim() == 0) {
            return List.of(x.clone(), Tensor.scalar(0f));
        }
        int d = Shapes.wrapDim(dim, x.dim());
        if (x.shape[d] == 0) {
            throw new IllegalArgumentException("nanmedian(): Expected reduction dim " + d + " to have non-zero size.");
        }
        List<Tensor> sorted = sort(x, d, false);
        Tensor pick;
        try (var off = GradMode.noGrad()) {
            Tensor numbers = x.isnan().eq(0f).sum(d, true);
            pick = numbers.sub(1f).div(2f).floor().clampMin(0f);
        }
        Tensor values = sorted.get(0).gather(d, pick), indices = sorted.get(1).gather(d, pick);
        return keepdim ? List.of(values, indices) : List.of(values.squeeze(d), indices.squeeze(d));
    }

    /**
     * The q-quantile of each line along dim with NaNs ignored (torch.nanquantile): as {@link #quantile} over the
     * line's k numbers, at rank {@code q (k - 1)}; NaN for a line of NaNs only.
     */
    static Tensor nanquantile(Tensor x, float q, int dim, boolean keepdim, String interpolation) {
        checkQuantile(q, interpolation);
        Tensor line = x.dim() == 0 ? x.reshape(1) : x;
        int d = Shapes.wrapDim(dim, line.dim());
        if (line.shape[d] == 0) {
            throw new IllegalArgumentException("quantile() input tensor must be non-empty along dim " + d);
        }
        Tensor sorted = sort(line, d, false).get(0);
        Tensor low, high, weight;
        try (var off = GradMode.noGrad()) {
            // a line of NaNs only has rank -q: read at 0, its first NaN
            Tensor rank = line.isnan().eq(0f).sum(d, true).sub(1f).mul(q).clampMin(0f);
            low = rank.floor();
            high = rank.ceil();
            if (interpolation.equals("nearest")) {
                low = high = rank.round();
            } else if (interpolation.equals("lower")) {
                high = low;
            } else if (interpolation.equals("higher")) {
                low = high;
            }
            weight = interpolation.equals("midpoint") ? Tensor.full(0.5f, rank.shape()) : rank.sub(rank.floor());
        }
        Tensor lo = sorted.gather(d, low), hi = sorted.gather(d, high);
        // PyTorch's lerp: from the start below a weight of 0.5, from the end from 0.5 on
        Tensor difference = hi.sub(lo);
        Tensor out = Tensor.where(weight.lt(0.5f), lo.add(difference.mul(weight)),
                hi.sub(difference.mul(weight.rsub(1f))));
        if (x.dim() == 0) {
            return out.reshape();
        }
        return keepdim ? out : out.squeeze(d);
    }

    /**
     * [values, indices] of the most frequent value of each line along dim (torch.mode): the smallest among equally
     * frequent ones, and its last position in the line (PyTorch's for lines of up to 16, where its sort is stable; its
     * index among equal values is unspecified beyond that). Zeros of either sign are one value; each NaN is a value
     * of its own that sorts last. The gradient goes to the element picked.
     */
    static List<Tensor> mode(Tensor x, int dim, boolean keepdim) {
        if (x.dim() == 0) {
            return List.of(x.clone(), Tensor.scalar(0f));
        }
        int d = Shapes.wrapDim(dim, x.dim());
        int len = x.shape[d];
        if (len == 0) {
            throw new IllegalArgumentException("mode(): Expected reduction dim " + d + " to have non-zero size.");
        }
        Tensor order = argsort(x, d, false);
        float[] v = x.toArray(), sorted = order.toArray();
        int inner = Shapes.sizeAfter(x.shape, d);
        int outer = x.numel() / (len * inner);
        int[] keptShape = x.shape.clone();
        keptShape[d] = 1;
        float[] picked = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in, best = 0, bestPosition = 0;
                for (int k = 0; k < len; ) {
                    int at = (int) sorted[base + k * inner], run = 1, last = at;
                    float value = v[base + at * inner];
                    while (k + run < len) {
                        int next = (int) sorted[base + (k + run) * inner];
                        if (!(v[base + next * inner] == value)) {   // NaN equals nothing: a run of one
                            break;
                        }
                        last = Math.max(last, next);
                        run++;
                    }
                    if (run > best) {
                        best = run;
                        bestPosition = last;
                    }
                    k += run;
                }
                picked[o * inner + in] = bestPosition;
            }
        }
        Tensor indices = Tensor.of(picked, keptShape), values = x.gather(d, indices);
        return keepdim ? List.of(values, indices) : List.of(values.squeeze(d), indices.squeeze(d));
    }
}

package dev.vgrad;

import dev.vgrad.autograd.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's advanced indexing by tensors (aten::index, the {@code x[i, j]} of Python, and index_put, its
 * {@code x[i, j] = v}): one index tensor (integers held as floats; negative ones count from the end) or null (a full
 * slice, Python's {@code :}) for each leading dimension. The index tensors broadcast together to a shape B; where the
 * indexed dimensions are adjacent, B takes their place in the result, else it comes first, as NumPy and PyTorch lay it
 * out. Both ops reduce to a list of flat positions into the tensor; each is the other's backward (a gather's gradient
 * is an accumulating put, a put's gradient to its values a gather), so both differentiate to any order.
 */
final class AdvancedIndexing {
    private AdvancedIndexing() {}

    /** The flat positions an indexing reads, in the result's row-major order, and the result's shape. */
    private record Plan(int[] positions, int[] shape) {}

    /** torch's {@code x[indices]}: the result of gathering x at the indexed positions. */
    static Tensor index(Tensor x, Tensor[] indices) {
        Plan plan = plan("index", x, indices);
        return gathered(x, plan.positions(), plan.shape());
    }

    /**
     * torch.index_put: a copy of x with values (broadcast to the indexing result's shape) written at the indexed
     * positions, or added there with accumulate (repeated positions add up; without accumulate the last write stays).
     */
    static Tensor indexPut(Tensor x, Tensor[] indices, Tensor values, boolean accumulate) {
        Plan plan = plan("index_put", x, indices);
        if (!expandsTo(values.shape, plan.shape())) {
            throw new IllegalArgumentException("index_put: shape mismatch: value tensor of shape "
                    + Shapes.str(values.shape) + " cannot be broadcast to indexing result of shape "
                    + Shapes.str(plan.shape()));
        }
        return put(x, plan.positions(), values.expand(plan.shape()), accumulate);
    }

    /** Whether a tensor of shape {@code from} expands to {@code to} (its trailing dimensions equal, or 1). */
    private static boolean expandsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        for (int k = 1; k <= from.length; k++) {
            int f = from[from.length - k];
            if (f != 1 && f != to[to.length - k]) {
                return false;
            }
        }
        return true;
    }

    /** x's elements at the flat positions, shaped; its gradient is an accumulating put into zeros. */
    private static Tensor gathered(Tensor x, int[] positions, int[] shape) {
        float[] v = x.toArray(), out = new float[positions.length];
        for (int k = 0; k < positions.length; k++) {
            out[k] = v[positions[k]];
        }
        Tensor result = Tensor.of(out, shape);
        if (Graph.recording(x)) {
            int[] xShape = x.shape;
            result.setGradFn(new Node("IndexBackward0", x) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    return grads(put(Tensor.zeros(xShape), positions, g, true));
                }
            });
        }
        return result;
    }

    /**
     * x with values (the positions' count of elements, in order) written or added at the flat positions. Gradients:
     * x's is g, with the written positions zeroed unless accumulating; the values' is g gathered at the positions.
     */
    private static Tensor put(Tensor x, int[] positions, Tensor values, boolean accumulate) {
        float[] out = x.toArray(), v = values.toArray();
        for (int k = 0; k < positions.length; k++) {
            out[positions[k]] = accumulate ? out[positions[k]] + v[k] : v[k];
        }
        Tensor result = Tensor.of(out, x.shape.clone());
        if (Graph.recording(x, values)) {
            int[] valueShape = values.shape;
            result.setGradFn(new Node("IndexPutBackward0", x, values) {
                @Override
                protected Tensor[] apply(Tensor g) {
                    Tensor gx = null;
                    if (needsGrad(0)) {
                        gx = accumulate ? g : put(g, positions, Tensor.zeros(positions.length), false);
                    }
                    return grads(gx, needsGrad(1) ? gathered(g, positions, valueShape) : null);
                }
            });
        }
        return result;
    }

    /** Checks the indices against x, broadcasts them and lists the flat positions the indexing touches. */
    private static Plan plan(String op, Tensor x, Tensor[] indices) {
        int rank = x.dim();
        if (indices.length > rank) {
            throw new IllegalArgumentException(op + ": too many indices for tensor of dimension " + rank + " (got "
                    + indices.length + ")");
        }
        List<Integer> indexed = new ArrayList<>();
        int[] broadcast = new int[0];
        for (int a = 0; a < indices.length; a++) {
            if (indices[a] != null) {
                indexed.add(a);
                broadcast = broadcastIndices(op, broadcast, indices, a);
            }
        }
        if (indexed.isEmpty()) {
            throw new IllegalArgumentException(op + ": expected at least one index tensor (null entries are full "
                    + "slices)");
        }
        int first = indexed.get(0), last = indexed.get(indexed.size() - 1);
        boolean adjacent = last - first + 1 == indexed.size();
        // the result's dimensions: each either a position of the broadcast index (-1) or a sliced dimension of x
        List<Integer> layout = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            if (indices.length > a && indices[a] != null) {
                if (a == (adjacent ? first : -1)) {
                    for (int b = 0; b < broadcast.length; b++) {
                        layout.add(-1 - b);
                    }
                }
                continue;
            }
            layout.add(a);
        }
        if (!adjacent) {
            for (int b = broadcast.length - 1; b >= 0; b--) {
                layout.add(0, -1 - b);
            }
        }
        int[] shape = new int[layout.size()];
        for (int d = 0; d < shape.length; d++) {
            int at = layout.get(d);
            shape[d] = at >= 0 ? x.shape[at] : broadcast[-1 - at];
        }
        float[][] values = new float[rank][];
        for (int a : indexed) {
            values[a] = indices[a].expand(broadcast).toArray();
            checkValues(op, values[a], x.shape[a], a);
        }
        int[] strides = Shapes.contiguousStrides(x.shape), bStrides = Shapes.contiguousStrides(broadcast);
        int count = 1;
        for (int s : shape) {
            count *= s;
        }
        int[] positions = new int[count], at = new int[shape.length];
        for (int k = 0; k < count; k++) {
            int b = 0, flat = 0;
            for (int d = 0; d < shape.length; d++) {
                int dim = layout.get(d);
                if (dim < 0) {
                    b += at[d] * bStrides[-1 - dim];
                } else {
                    flat += at[d] * strides[dim];
                }
            }
            for (int a : indexed) {
                int i = (int) values[a][b];
                flat += (i < 0 ? i + x.shape[a] : i) * strides[a];
            }
            positions[k] = flat;
            Indexing.next(at, shape);
        }
        return new Plan(positions, shape);
    }

    private static int[] broadcastIndices(String op, int[] shape, Tensor[] indices, int a) {
        try {
            return Shapes.broadcast(shape, indices[a].shape, op);
        } catch (IllegalArgumentException e) {
            StringBuilder shapes = new StringBuilder();
            for (Tensor t : indices) {
                if (t != null) {
                    shapes.append(shapes.length() > 0 ? ", " : "").append(Shapes.str(t.shape));
                }
            }
            throw new IllegalArgumentException(op + ": shape mismatch: indexing tensors could not be broadcast "
                    + "together with shapes " + shapes);
        }
    }

    private static void checkValues(String op, float[] values, int size, int dim) {
        for (int k = 0; k < values.length; k++) {
            float f = values[k];
            if (f != Math.rint(f) || Float.isInfinite(f)) {
                throw new IllegalArgumentException(op + ": index " + f + " at position " + k + " of the index for "
                        + "dimension " + dim + " is not an integer (index tensors hold integers as floats)");
            }
            if (f < -size || f >= size) {
                throw new IllegalArgumentException(op + ": index " + (long) f + " is out of bounds for dimension "
                        + dim + " with size " + size);
            }
        }
    }
}

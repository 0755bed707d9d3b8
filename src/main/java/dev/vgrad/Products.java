package dev.vgrad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Products and distances built from the differentiable ops: the cross product of 3-vectors, the Kronecker product,
 * tensordot (as an einsum), pairwise p-norm distances between two sets of vectors (cdist), and meshgrid. Their
 * gradients, of any order, are those of the ops they are made of.
 */
final class Products {
    private Products() {}

    /** a x b along dim (size 3 in both), broadcasting the other dimensions (torch.linalg.cross). */
    static Tensor cross(Tensor a, Tensor b, int dim) {
        int[] shape = Shapes.broadcast(a.shape, b.shape, "linalg.cross");
        int d = Shapes.wrapDim(dim, shape.length);
        if (shape[d] != 3 || sizeAt(a, d - shape.length) != 3 || sizeAt(b, d - shape.length) != 3) {
            throw new IllegalArgumentException("linalg.cross: inputs dimension " + dim + " must have length 3. Got "
                    + Shapes.str(a.shape) + " and " + Shapes.str(b.shape));
        }
        Tensor x = a.expand(shape), y = b.expand(shape);
        List<Tensor> parts = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            int j = (i + 1) % 3, k = (i + 2) % 3;
            parts.add(x.narrow(d, j, 1).mul(y.narrow(d, k, 1)).sub(x.narrow(d, k, 1).mul(y.narrow(d, j, 1))));
        }
        return Tensor.cat(parts, d);
    }

    /** t's size at a negative (from the end) dimension, 1 where t has fewer dimensions (it broadcasts there). */
    private static int sizeAt(Tensor t, int fromEnd) {
        return t.dim() + fromEnd < 0 ? 1 : t.shape[t.dim() + fromEnd];
    }

    /** The Kronecker product (torch.kron): shapes padded to one rank with leading 1s, each output size their product. */
    static Tensor kron(Tensor a, Tensor b) {
        int rank = Math.max(a.dim(), b.dim());
        int[] sa = padded(a.shape, rank), sb = padded(b.shape, rank);
        int[] spreadA = new int[2 * rank], spreadB = new int[2 * rank], out = new int[rank];
        for (int d = 0; d < rank; d++) {
            spreadA[2 * d] = sa[d];
            spreadA[2 * d + 1] = 1;
            spreadB[2 * d] = 1;
            spreadB[2 * d + 1] = sb[d];
            out[d] = sa[d] * sb[d];
        }
        return a.reshape(spreadA).mul(b.reshape(spreadB)).reshape(out);
    }

    private static int[] padded(int[] shape, int rank) {
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }

    /** a and b contracted over dimsA of a against dimsB of b, in pairs (torch.tensordot), as one einsum. */
    static Tensor tensordot(Tensor a, Tensor b, int[] dimsA, int[] dimsB) {
        if (dimsA.length != dimsB.length) {
            throw new IllegalArgumentException("tensordot: both dimension lists should have the same length, got "
                    + Arrays.toString(dimsA) + " and " + Arrays.toString(dimsB));
        }
        if (a.dim() + b.dim() > 52) {
            throw new IllegalArgumentException("tensordot: at most 52 dimensions in all, got " + (a.dim() + b.dim()));
        }
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        char[] la = new char[a.dim()], lb = new char[b.dim()];
        for (int d = 0; d < la.length; d++) {
            la[d] = letters.charAt(d);
        }
        for (int d = 0; d < lb.length; d++) {
            lb[d] = letters.charAt(la.length + d);
        }
        boolean[] summedA = new boolean[la.length], summedB = new boolean[lb.length];
        for (int i = 0; i < dimsA.length; i++) {
            int da = Shapes.wrapDim(dimsA[i], a.dim()), db = Shapes.wrapDim(dimsB[i], b.dim());
            if (summedA[da] || summedB[db]) {
                throw new IllegalArgumentException("tensordot: a dimension appears twice in " + Arrays.toString(dimsA)
                        + " or " + Arrays.toString(dimsB));
            }
            if (a.shape[da] != b.shape[db]) {
                throw new IllegalArgumentException("tensordot: contracted dimensions need to match, but first has size "
                        + a.shape[da] + " in dim " + da + " and second has size " + b.shape[db] + " in dim " + db);
            }
            lb[db] = la[da];
            summedA[da] = true;
            summedB[db] = true;
        }
        StringBuilder out = new StringBuilder();
        for (int d = 0; d < la.length; d++) {
            if (!summedA[d]) {
                out.append(la[d]);
            }
        }
        for (int d = 0; d < lb.length; d++) {
            if (!summedB[d]) {
                out.append(lb[d]);
            }
        }
        return Tensor.einsum(new String(la) + "," + new String(lb) + "->" + out, a, b);
    }

    /** tensordot over a's last {@code dims} dimensions against b's first {@code dims}. */
    static Tensor tensordot(Tensor a, Tensor b, int dims) {
        if (dims < 0 || dims > a.dim() || dims > b.dim()) {
            throw new IllegalArgumentException("tensordot: dims must be in [0, " + Math.min(a.dim(), b.dim())
                    + "], got " + dims);
        }
        int[] da = new int[dims], db = new int[dims];
        for (int i = 0; i < dims; i++) {
            da[i] = a.dim() - dims + i;
            db[i] = i;
        }
        return tensordot(a, b, da, db);
    }

    /**
     * The p-norm distance between every row of x1 [.., P, M] and every row of x2 [.., R, M]: [.., P, R]
     * (torch.cdist), computed from the differences (PyTorch switches to a matrix-product form for p = 2 above 25
     * rows, which rounds differently; the differences are the more accurate of the two).
     */
    static Tensor cdist(Tensor x1, Tensor x2, float p) {
        if (x1.dim() < 2 || x2.dim() < 2 || x1.size(-1) != x2.size(-1)) {
            throw new IllegalArgumentException("cdist: X1 and X2 must have the same number of columns, and at least 2 "
                    + "dimensions: got " + Shapes.str(x1.shape) + " and " + Shapes.str(x2.shape));
        }
        if (!(p >= 0f)) {
            throw new IllegalArgumentException("cdist only supports non-negative p values, got " + p);
        }
        return x1.unsqueeze(-2).sub(x2.unsqueeze(-3)).norm(p, -1, false);
    }

    /**
     * Coordinate grids from 1-D tensors (torch.meshgrid): with "ij" output k varies along dimension k; with "xy" the
     * first two dimensions swap places (Cartesian indexing). Each output is an expanded view of its input.
     */
    static List<Tensor> meshgrid(List<Tensor> tensors, String indexing) {
        boolean xy = "xy".equals(indexing);
        if (!xy && !"ij".equals(indexing)) {
            throw new IllegalArgumentException("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: "
                    + indexing);
        }
        int n = tensors.size();
        int[] shape = new int[n];
        for (int k = 0; k < n; k++) {
            Tensor t = tensors.get(k);
            if (t.dim() > 1) {
                throw new IllegalArgumentException("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got "
                        + Shapes.str(t.shape) + " at position " + k);
            }
            shape[k] = t.numel();
        }
        if (xy && n >= 2) {
            int s = shape[0];
            shape[0] = shape[1];
            shape[1] = s;
        }
        List<Tensor> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int along = xy && n >= 2 && k < 2 ? 1 - k : k;
            int[] view = new int[n];
            Arrays.fill(view, 1);
            view[along] = shape[along];
            out.add(tensors.get(k).reshape(view).expand(shape));
        }
        return out;
    }
}

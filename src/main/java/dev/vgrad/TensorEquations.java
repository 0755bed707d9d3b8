package dev.vgrad;

import java.util.Arrays;

/**
 * torch.linalg.tensorinv and tensorsolve behind {@link Linalg}: a tensor read as the square matrix its leading and
 * trailing dimensions make, then inverted or solved with, and the result shaped back. Composed of differentiable ops
 * (reshape, permute, inv, solve), so their gradients are those ops'.
 */
final class TensorEquations {
    private TensorEquations() {}

    /** a's inverse as a tensor of shape a.shape[ind:] + a.shape[:ind] (torch.linalg.tensorinv). */
    static Tensor tensorinv(Tensor a, int ind) {
        if (ind <= 0) {
            throw new IllegalArgumentException("Expected a strictly positive integer for 'ind', but got " + ind);
        }
        int cut = Math.min(ind, a.dim());  // past the last dimension, as Python's slices: all leading, none trailing
        int[] leading = Arrays.copyOfRange(a.shape, 0, cut), trailing = Arrays.copyOfRange(a.shape, cut, a.dim());
        long rows = Shapes.numel(leading), cols = Shapes.numel(trailing);
        if (rows != cols) {
            throw new IllegalArgumentException("Expected self to satisfy the requirement prod(self.shape[ind:]) == "
                    + "prod(self.shape[:ind]), but got " + cols + " != " + rows + " (self " + Shapes.str(a.shape)
                    + ", ind " + ind + ")");
        }
        int[] shape = new int[a.dim()];
        System.arraycopy(trailing, 0, shape, 0, trailing.length);
        System.arraycopy(leading, 0, shape, trailing.length, leading.length);
        return Linalg.inv(a.reshape((int) rows, (int) cols)).reshape(shape);
    }

    /**
     * x with tensordot(a, x, x.dim()) = b (torch.linalg.tensorsolve): a's dimensions {@code dims} (null for none) moved
     * to its end first, x then has a's trailing shape past b's rank.
     */
    static Tensor tensorsolve(Tensor a, Tensor b, int[] dims) {
        Tensor moved = dims == null ? a : a.permute(movedToEnd(a, dims));
        int rank = b.dim();
        if (rank > moved.dim()) {
            throw new IllegalArgumentException("torch.linalg.tensorsolve: b " + Shapes.str(b.shape) + " has more "
                    + "dimensions than a " + Shapes.str(a.shape));
        }
        int[] resultShape = Arrays.copyOfRange(moved.shape, rank, moved.dim());
        long unknowns = Shapes.numel(resultShape), equations = Shapes.numel(b.shape);
        long rows = Shapes.numel(Arrays.copyOfRange(moved.shape, 0, rank));
        if (unknowns != equations) {
            throw new IllegalArgumentException("Expected self to satisfy the requirement prod(self.shape[other.ndim:]) "
                    + "== prod(self.shape[:other.ndim]), but got " + unknowns + " != " + equations + " (self "
                    + Shapes.str(moved.shape) + ", other " + Shapes.str(b.shape) + ")");
        }
        if (rows != equations) {
            throw new IllegalArgumentException("torch.linalg.tensorsolve: a's leading dimensions "
                    + Shapes.str(Arrays.copyOfRange(moved.shape, 0, rank)) + " must hold as many elements as b "
                    + Shapes.str(b.shape) + " (a " + Shapes.str(moved.shape) + ")");
        }
        int n = (int) equations;
        return Linalg.solve(moved.reshape(n, n), b.reshape(n)).reshape(resultShape);
    }

    /** The permutation that keeps a's other dimensions in order and puts {@code dims}, in their order, last. */
    private static int[] movedToEnd(Tensor a, int[] dims) {
        int rank = a.dim();
        boolean[] moved = new boolean[rank];
        int[] order = new int[rank];
        int at = rank - dims.length;
        for (int i = 0; i < dims.length; i++) {
            int d = dims[i] < 0 ? dims[i] + rank : dims[i];
            if (d < 0 || d >= rank || moved[d]) {
                throw new IllegalArgumentException("torch.linalg.tensorsolve: dims " + Arrays.toString(dims)
                        + " must be distinct dimensions of a " + Shapes.str(a.shape));
            }
            moved[d] = true;
            order[at + i] = d;
        }
        for (int d = 0, next = 0; d < rank; d++) {
            if (!moved[d]) {
                order[next++] = d;
            }
        }
        return order;
    }
}

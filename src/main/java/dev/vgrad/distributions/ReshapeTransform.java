package dev.vgrad.distributions;

import dev.vgrad.Tensor;
import dev.vgrad.distributions.constraints.Constraint;
import dev.vgrad.distributions.constraints.Constraints;
import java.util.Arrays;

/**
 * Reshapes the rightmost dimensions from {@code inShape} to {@code outShape} (as many elements), as
 * {@code torch.distributions.transforms.ReshapeTransform}: a unit Jacobian, events of the two shapes.
 */
public final class ReshapeTransform extends Transform {
    private final int[] inShape, outShape;

    /** Without a cache. */
    public ReshapeTransform(int[] inShape, int[] outShape) {
        this(inShape, outShape, 0);
    }

    /** With PyTorch's cache_size (0 or 1). */
    public ReshapeTransform(int[] inShape, int[] outShape, int cacheSize) {
        super(cacheSize);
        if (numel(inShape) != numel(outShape)) {
            throw new IllegalArgumentException("in_shape, out_shape have different numbers of elements: "
                    + Arrays.toString(inShape) + " and " + Arrays.toString(outShape));
        }
        this.inShape = inShape.clone();
        this.outShape = outShape.clone();
    }

    private static long numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    @Override
    protected Tensor forward(Tensor x) {
        return x.reshape(replaced(x.shape(), inShape.length, outShape));
    }

    @Override
    protected Tensor inverse(Tensor y) {
        return y.reshape(replaced(y.shape(), outShape.length, inShape));
    }

    /** Zeros of x's batch shape. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return Tensor.zeros(Arrays.copyOf(x.shape(), x.dim() - inShape.length));
    }

    /** {@code shape} with its last {@code drop} sizes replaced by {@code by}. */
    private static int[] replaced(int[] shape, int drop, int[] by) {
        int cut = shape.length - drop;
        int[] s = Arrays.copyOf(shape, cut + by.length);
        System.arraycopy(by, 0, s, cut, by.length);
        return s;
    }

    @Override
    public Constraint domain() {
        return Constraints.independent(Constraints.REAL, inShape.length);
    }

    @Override
    public Constraint codomain() {
        return Constraints.independent(Constraints.REAL, outShape.length);
    }

    @Override
    public boolean bijective() {
        return true;
    }

    @Override
    public int[] forwardShape(int[] shape) {
        return checkedReplace(shape, inShape, outShape);
    }

    @Override
    public int[] inverseShape(int[] shape) {
        return checkedReplace(shape, outShape, inShape);
    }

    /** {@code shape} ending in {@code from}, that end replaced by {@code to}; refused when it does not end so. */
    private static int[] checkedReplace(int[] shape, int[] from, int[] to) {
        TransformShapes.requireDims(shape, from.length);
        int cut = shape.length - from.length;
        int[] tail = Arrays.copyOfRange(shape, cut, shape.length);
        if (!Arrays.equals(tail, from)) {
            throw new IllegalArgumentException("Shape mismatch: expected " + Arrays.toString(tail) + " but got "
                    + Arrays.toString(from));
        }
        return replaced(shape, from.length, to);
    }
}

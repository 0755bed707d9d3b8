package dev.vgrad;

import java.util.Arrays;

/** Shape arithmetic and the wording of shape errors. */
final class Shapes {
    static final int[] SCALAR = new int[0];

    private Shapes() {}

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * The number of elements of {@code shape}: 0 if any dimension is 0, whatever the others (as in PyTorch, where
     * {@code zeros(2**31, 2, 0)} is a valid empty tensor); otherwise at most what one Java array holds.
     */
    static int numel(int[] shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension " + s + " in shape " + str(shape));
            }
            if (s == 0) {
                return 0;
            }
        }
        long n = 1;
        for (int s : shape) {
            n *= s;   // n and s below 2^31 before: no overflow before the check
            if (n > MAX_NUMEL) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than " + MAX_NUMEL
                        + " elements, the most one tensor holds");
            }
        }
        return (int) n;
    }

    /** The most elements one tensor holds: a Java array's limit, less the headroom the JVM keeps. */
    static final int MAX_NUMEL = Integer.MAX_VALUE - 16;

    /** A cached shape and its contiguous strides; final fields publish both arrays safely to every thread. */
    private record StrideEntry(int[] shape, int[] strides) {}

    private static final int STRIDE_SETS_LOG2 = 8;
    private static final StrideEntry[] STRIDES = new StrideEntry[2 << STRIDE_SETS_LOG2];

    /**
     * The row-major strides of {@code shape}. The array may be shared with other tensors of the same shape (a
     * training step makes the same shapes again and again), so callers must never write into it; none does:
     * every stride array in vgrad is built fresh before it is written and never changed after.
     */
    static int[] contiguousStrides(int[] shape) {
        int h = shape.length;
        for (int s : shape) {
            h = h * 31 + s;
        }
        // Fibonacci hashing takes the slot from the hash's high bits: the low bits alone put shapes whose sizes differ
        // by multiples of 256 ([64, 128] and [64, 384]) in one slot, and a transformer step then missed every time.
        // Two ways per set: two shapes a step alternates between can share a set without evicting each other.
        int set = ((h * 0x9E3779B9) >>> (32 - STRIDE_SETS_LOG2)) << 1;
        for (int way = set; way < set + 2; way++) {
            StrideEntry e = STRIDES[way];
            if (e != null && Arrays.equals(e.shape, shape)) {
                return e.strides;
            }
        }
        int[] st = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= Math.max(shape[d], 1);
        }
        // The newest entry goes to the first way, the one it displaces to the second (least recently made out).
        STRIDES[set + 1] = STRIDES[set];
        STRIDES[set] = new StrideEntry(shape.clone(), st);
        return st;
    }

    static boolean isContiguous(int[] shape, int[] stride) {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            if (shape[d] == 0) {
                return true;
            }
            if (stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** PyTorch's dimension wrapping: -1 is the last dimension. A 0-d tensor accepts 0 and -1. */
    static int wrapDim(int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException("Dimension out of range (expected to be in range of [" + (-r) + ", "
                    + (r - 1) + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** The broadcast shape of a and b, or PyTorch's error naming the dimension and both shapes. */
    static int[] broadcast(int[] a, int[] b, String op) {
        if (Arrays.equals(a, b)) {
            return a;
        }
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length), db = i - (r - b.length);
            int sa = da >= 0 ? a[da] : 1, sb = db >= 0 ? b[db] : 1;
            if (sa != sb && sa != 1 && sb != 1) {
                throw new IllegalArgumentException(op + ": the size of tensor a (" + sa + ") must match the size of "
                        + "tensor b (" + sb + ") at non-singleton dimension " + i + " (shapes " + str(a) + " and "
                        + str(b) + ")");
            }
            out[i] = sa == 1 ? sb : sa;
        }
        return out;
    }

    /** The strides that read a tensor of {@code shape}/{@code stride} broadcast to {@code target}: 0 where expanded. */
    static int[] broadcastStrides(int[] shape, int[] stride, int[] target) {
        int[] st = new int[target.length];
        int lead = target.length - shape.length;
        for (int d = 0; d < shape.length; d++) {
            st[lead + d] = shape[d] == 1 && target[lead + d] != 1 ? 0 : stride[d];
        }
        return st;
    }

    /** Resolves one -1 in a requested shape against numel, as view/reshape do. */
    static int[] inferSize(int[] requested, int numel) {
        int[] shape = requested.clone();
        int infer = -1;
        long known = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one dimension can be inferred");
                }
                infer = d;
            } else if (shape[d] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + shape[d] + " in " + str(requested));
            } else {
                known *= shape[d];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("shape '" + str(requested) + "' is invalid for input of size " + numel);
            }
            shape[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("shape '" + str(requested) + "' is invalid for input of size " + numel);
        }
        return shape;
    }

    /**
     * Strides that view a tensor of (oldShape, oldStride) as newShape without copying, or null when the memory
     * layout does not allow it (PyTorch's computeStride).
     */
    static int[] viewStrides(int[] oldShape, int[] oldStride, int[] newShape) {
        int[] newStride = new int[newShape.length];
        if (numel(oldShape) == 0 || oldShape.length == 0) {
            // Nothing to keep apart: no elements, or one element (a 0-d source), which any layout can address.
            return contiguousStrides(newShape);
        }
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStride.length > 0 ? oldStride[oldStride.length - 1] : 1;
        long tensorNumel = 1, viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1
                    && oldStride[tensorD - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStride[viewD] = (int) (viewNumel * chunkBaseStride);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (tensorD > 0) {
                    chunkBaseStride = oldStride[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) {
            return null;
        }
        return newStride;
    }
}

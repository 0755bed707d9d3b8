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

    /**
     * The product of {@code shape}'s dimensions after {@code d}: the distance between consecutive elements along d in
     * a contiguous tensor of that shape, and the length of the runs a reduction along d walks side by side.
     */
    static int sizeAfter(int[] shape, int d) {
        int size = 1;
        for (int k = d + 1; k < shape.length; k++) {
            size *= shape[k];
        }
        return size;
    }

    /** The most elements one tensor holds: a Java array's limit, less the headroom the JVM keeps. */
    static final int MAX_NUMEL = Integer.MAX_VALUE - 16;

    /** A cached shape and its contiguous strides; final fields publish both arrays safely to every thread. */
    private record StrideEntry(int[] shape, int[] strides) {}

    private static final int STRIDE_SETS_LOG2 = 8;
    private static final StrideEntry[] STRIDES = new StrideEntry[2 << STRIDE_SETS_LOG2];
    /** Each thread's key buffer: a shape is looked up by its sizes before any array is made for it. */
    private static final ThreadLocal<int[][]> KEY = ThreadLocal.withInitial(() -> new int[][] {new int[8]});

    /**
     * The row-major strides of {@code shape}. The array may be shared with other tensors of the same shape (a
     * training step makes the same shapes again and again), so callers must never write into it; none does:
     * every stride array in vgrad is built fresh before it is written and never changed after.
     */
    static int[] contiguousStrides(int[] shape) {
        return entry(shape, shape.length).strides;
    }

    /**
     * The shape {@code [a]}, shared like {@link #contiguousStrides}: a shape array is never written after a tensor
     * takes it, so tensors of equal shapes can hold one array, and an op that makes the same shape every step
     * allocates none (a training step's per-op shape and stride arrays were a fifth of what it allocated).
     */
    static int[] of(int a) {
        int[] k = key(1);
        k[0] = a;
        return entry(k, 1).shape;
    }

    /** The shape {@code [a, b]}, shared (see {@link #of(int)}). */
    static int[] of(int a, int b) {
        int[] k = key(2);
        k[0] = a;
        k[1] = b;
        return entry(k, 2).shape;
    }

    /** The shape {@code [a, b, c]}, shared (see {@link #of(int)}). */
    static int[] of(int a, int b, int c) {
        int[] k = key(3);
        k[0] = a;
        k[1] = b;
        k[2] = c;
        return entry(k, 3).shape;
    }

    /** {@code base} with dimension {@code d} set to {@code size}, shared (see {@link #of(int)}). */
    static int[] with(int[] base, int d, int size) {
        int[] k = key(base.length);
        System.arraycopy(base, 0, k, 0, base.length);
        k[d] = size;
        return entry(k, base.length).shape;
    }

    private static int[] key(int rank) {
        int[][] holder = KEY.get();
        if (holder[0].length < rank) {
            holder[0] = new int[rank];
        }
        return holder[0];
    }

    /** The cache's entry for the shape {@code key[0, rank)}, made on a miss (the key's array is never kept). */
    private static StrideEntry entry(int[] key, int rank) {
        int h = rank;
        for (int d = 0; d < rank; d++) {
            h = h * 31 + key[d];
        }
        // Fibonacci hashing takes the slot from the hash's high bits: the low bits alone put shapes whose sizes differ
        // by multiples of 256 ([64, 128] and [64, 384]) in one slot, and a transformer step then missed every time.
        // Two ways per set: two shapes a step alternates between can share a set without evicting each other.
        int set = ((h * 0x9E3779B9) >>> (32 - STRIDE_SETS_LOG2)) << 1;
        for (int way = set; way < set + 2; way++) {
            StrideEntry e = STRIDES[way];
            if (e != null && Arrays.equals(e.shape, 0, e.shape.length, key, 0, rank)) {
                return e;
            }
        }
        int[] shape = Arrays.copyOf(key, rank);
        int[] st = new int[rank];
        int s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            st[d] = s;
            s *= Math.max(shape[d], 1);
        }
        StrideEntry e = new StrideEntry(shape, st);
        // The newest entry goes to the first way, the one it displaces to the second (least recently made out).
        STRIDES[set + 1] = STRIDES[set];
        STRIDES[set] = e;
        return e;
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

    /**
     * The strides that read a tensor of {@code shape}/{@code stride} broadcast to {@code target}: 0 where expanded.
     * Shared like a shape (see {@link #of(int)}): no caller writes them, and a broadcasting op makes the same ones
     * every step.
     */
    static int[] broadcastStrides(int[] shape, int[] stride, int[] target) {
        int rank = target.length, lead = rank - shape.length;
        int[] k = key(rank);
        Arrays.fill(k, 0, lead, 0);
        for (int d = 0; d < shape.length; d++) {
            k[lead + d] = shape[d] == 1 && target[lead + d] != 1 ? 0 : stride[d];
        }
        return entry(k, rank).shape;
    }

    /**
     * {@code base} with entries d0 and d1 exchanged: a transposed view's shape or strides, shared (see
     * {@link #of(int)}; strides are tuples like shapes, and as never written).
     */
    static int[] swapped(int[] base, int d0, int d1) {
        int[] k = key(base.length);
        System.arraycopy(base, 0, k, 0, base.length);
        k[d0] = base[d1];
        k[d1] = base[d0];
        return entry(k, base.length).shape;
    }

    /** {@code base} with {@code value} inserted before entry d (d may be its length): unsqueeze's, shared. */
    static int[] inserted(int[] base, int d, int value) {
        int[] k = key(base.length + 1);
        System.arraycopy(base, 0, k, 0, d);
        k[d] = value;
        System.arraycopy(base, d, k, d + 1, base.length - d);
        return entry(k, base.length + 1).shape;
    }

    /** base followed by tail: a batch shape with a matrix's (or a vector's) dimensions after it. */
    static int[] appended(int[] base, int... tail) {
        int[] out = java.util.Arrays.copyOf(base, base.length + tail.length);
        System.arraycopy(tail, 0, out, base.length, tail.length);
        return out;
    }

    /** {@code base} without entry d: squeeze's, shared. */
    static int[] removed(int[] base, int d) {
        int[] k = key(base.length - 1);
        System.arraycopy(base, 0, k, 0, d);
        System.arraycopy(base, d + 1, k, d, base.length - d - 1);
        return entry(k, base.length - 1).shape;
    }

    /** Resolves one -1 in a requested shape against numel, as view/reshape do. */
    static int[] inferSize(int[] requested, int numel) {
        int infer = -1;
        long known = 1;
        for (int d = 0; d < requested.length; d++) {
            if (requested[d] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("only one dimension can be inferred");
                }
                infer = d;
            } else if (requested[d] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + requested[d] + " in " + str(requested));
            } else {
                known *= requested[d];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("shape '" + str(requested) + "' is invalid for input of size " + numel);
            }
            return with(requested, infer, (int) (numel / known));
        } else if (known != numel) {
            throw new IllegalArgumentException("shape '" + str(requested) + "' is invalid for input of size " + numel);
        }
        // A shared copy, never the caller's array (which the caller may change later).
        return requested.length == 0 ? SCALAR : with(requested, 0, requested[0]);
    }

    /**
     * Strides that view a tensor of (oldShape, oldStride) as newShape without copying, or null when the memory
     * layout does not allow it (PyTorch's computeStride).
     */
    static int[] viewStrides(int[] oldShape, int[] oldStride, int[] newShape) {
        if (numel(oldShape) == 0 || oldShape.length == 0 || isContiguous(oldShape, oldStride)) {
            // Nothing to keep apart: no elements, one element (a 0-d source), which any layout can address, or one
            // row-major block, which every shape of its size views row-major (and the shared strides cost nothing).
            return contiguousStrides(newShape);
        }
        int[] newStride = new int[newShape.length];
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

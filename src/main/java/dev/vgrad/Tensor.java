package dev.vgrad;

import dev.vgrad.autograd.AccumulateGrad;
import dev.vgrad.autograd.Autograd;
import dev.vgrad.autograd.GradMode;
import dev.vgrad.autograd.Node;
import dev.vgrad.autograd.RemovableHandle;
import dev.vgrad.autograd.VersionCounter;
import dev.vgrad.memory.Storage;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A float32 tensor: a strided view (shape, strides, offset) over a float buffer, which remembers the
 * operation that made it so that {@link #backward()} can compute gradients — PyTorch's {@code torch.Tensor}
 * with camelCase names.
 *
 * <pre>{@code
 * Tensor x = Tensor.scalar(2f).requiresGrad_();
 * Tensor y = x.pow(4).mul(2).add(x.pow(3)).add(x.pow(2).mul(3)).add(x.mul(5)).add(1);
 * y.backward();
 * x.grad();   // tensor(93.)
 * }</pre>
 *
 * <p>Views (view, reshape when possible, t, transpose, permute, unsqueeze, squeeze, expand, narrow, select)
 * share storage with their source. Operations broadcast as NumPy and PyTorch do. Bad shapes throw
 * {@link IllegalArgumentException} naming both shapes and the dimension; graph misuse throws
 * {@link IllegalStateException} with PyTorch's wording. A tensor is confined to one thread at a time.
 */
public final class Tensor {
    static {
        new dev.vgrad.autograd.TensorAccess() {
            @Override
            protected void setGradFn(Tensor out, Node node) {
                out.setGradFn(node);
            }

            @Override
            protected void checkInPlace(Tensor self, String op) {
                InPlace.check(self, op, GradMode.isEnabled());
            }

            @Override
            protected void attachInPlace(Tensor self, Node node) {
                InPlace.attach(self, node);
            }

            @Override
            protected Storage storage(Tensor t) {
                return t.storage;
            }

            @Override
            protected boolean coversItsStorage(Tensor t) {
                return t.offset == 0 && t.contiguous && t.numel() == t.storage.size();
            }
        };
    }

    Storage storage;
    /**
     * The lending of {@link #storage} this tensor (or the tensor it views) was made on ({@link Storage#generation()}):
     * an arena lends storage objects again after a reset, and the engine gives gradients back within a step, so the
     * storage's current lending may be a later one's.
     */
    private int generation;
    int offset;
    int[] shape;
    int[] stride;
    boolean contiguous;

    private boolean requiresGrad;
    /**
     * The node that made this tensor (its grad_fn), or, once it gets a gradient, an accumulator or retains its gradient,
     * a {@link GradState} that holds that node too; null for a leaf with none of these. One field for both: an
     * intermediate has a node and no state, a leaf a state and no node, and with one reference less a tensor (one per op
     * of every step) is 48 bytes instead of 56.
     */
    private Object history;
    /** Made on first use: most intermediates are never viewed, saved or changed in place. Shared by views. */
    private VersionCounter version;
    /** The tensor whose storage this view reads, or null when this is not a view. */
    Tensor base;
    /**
     * For a view made while grad mode was on: 1 + the shared version counter's value when its history was last set
     * (PyTorch's attr_version); 0 for any other tensor. A write into the storage after that (through the base or
     * another view) may have given the base a new history, which this view's then no longer continues: it is made again
     * from the base's on its next use ({@link #refreshView}), as PyTorch regenerates a view's grad_fn.
     */
    private int viewVersion;
    /** Made under {@link GradMode#inferenceMode()}: no version counting, never saved for backward. */
    private final boolean inference;

    /** A tensor on a storage just made or lent (the lending is this tensor's). */
    Tensor(Storage storage, int offset, int[] shape, int[] stride, VersionCounter version) {
        this(storage, storage.generation(), offset, shape, stride, version);
    }

    /** A tensor on {@code source}'s storage, valid as long as {@code source} is. */
    Tensor(Tensor source, int offset, int[] shape, int[] stride, VersionCounter version) {
        this(source.storage, source.generation, offset, shape, stride, version);
    }

    private Tensor(Storage storage, int generation, int offset, int[] shape, int[] stride, VersionCounter version) {
        this.storage = storage;
        this.generation = generation;
        setLayout(offset, shape, stride);
        // A view shares its source's kind (through the counter it shares); a new tensor takes the thread's mode.
        this.inference = version != null ? version == VersionCounter.UNCOUNTED : GradMode.isInferenceMode();
        this.version = inference ? VersionCounter.UNCOUNTED : version;
    }

    /** Takes {@code like}'s layout over the same storage (an in-place view op: t_, unsqueeze_, ...). */
    void relayout(Tensor like) {
        setLayout(like.offset, like.shape, like.stride);
    }

    private void setLayout(int offset, int[] shape, int[] stride) {
        this.offset = offset;
        this.shape = shape;
        this.stride = stride;
        Shapes.numel(shape);   // checks the sizes (none negative, at most MAX_NUMEL elements); numel() multiplies them
        this.contiguous = Shapes.isContiguous(shape, stride);
    }

    /**
     * A new contiguous tensor whose contents are unspecified (arena memory is reused): for outputs that are
     * written in full. {@code madeBy} names the op in arena errors.
     */
    static Tensor empty(int[] shape, Object madeBy) {
        int n = Shapes.numel(shape);
        return new Tensor(Storage.allocate(n, madeBy), 0, shape, Shapes.contiguousStrides(shape), null);
    }

    /**
     * {@code torch.empty(shape)}: a new contiguous tensor whose contents are unspecified, as PyTorch's: zeros outside
     * an arena, whatever the arena's reused memory held inside one. For tensors that are written in full.
     */
    public static Tensor empty(int... shape) {
        return empty(shape, "a factory");
    }

    /** {@code torch.empty_like}: {@link #empty} of this tensor's shape. */
    public Tensor emptyLike() {
        return empty(shape);
    }

    /**
     * {@code torch.empty_strided(size, stride)}: a tensor of {@code size} laid over new storage with {@code stride}
     * (non-negative), the storage as long as the strides reach; contents unspecified, as {@link #empty}'s.
     */
    public static Tensor emptyStrided(int[] size, int[] stride) {
        if (size.length != stride.length) {
            throw new IllegalArgumentException("empty_strided: mismatch in length of strides and shape: size "
                    + Arrays.toString(size) + ", stride " + Arrays.toString(stride));
        }
        long span = 1;
        for (int d = 0; d < size.length; d++) {
            if (size[d] < 0 || stride[d] < 0) {
                throw new IllegalArgumentException("empty_strided: negative size or stride: size "
                        + Arrays.toString(size) + ", stride " + Arrays.toString(stride));
            }
            if (size[d] == 0) {
                span = 0;
                break;
            }
            span += (long) (size[d] - 1) * stride[d];
        }
        // An empty tensor still gets one element of storage: as_strided checks the reach of the strides themselves.
        return empty(Math.toIntExact(Math.max(1, span))).asStrided(size.clone(), stride.clone(), 0);
    }

    /** {@code torch.scalar_tensor(value)}: {@link #scalar}. */
    public static Tensor scalarTensor(float value) {
        return scalar(value);
    }

    /** A new contiguous tensor of zeros. */
    static Tensor zerosOf(int[] shape, Object madeBy) {
        int n = Shapes.numel(shape);
        return new Tensor(Storage.allocateZeroed(n, madeBy), 0, shape, Shapes.contiguousStrides(shape), null);
    }

    /** A view of this tensor's storage with another layout. */
    Tensor viewOf(int newOffset, int[] newShape, int[] newStride) {
        Tensor t = new Tensor(this, newOffset, newShape, newStride, versionCounter());
        t.base = base != null ? base : this;
        if (GradMode.isEnabled()) {
            t.viewVersion = t.version.get() + 1;
        }
        return t;
    }

    float[] array() {
        return storage.array(generation);
    }

    // ---------------------------------------------------------------- factories

    /** The tensors, all of one shape, stacked along a new first dimension (differentiable: StackBackward0). */
    public static Tensor stack(java.util.List<Tensor> tensors) {
        return Joining.stack(tensors, 0);
    }

    /** The tensors, all of one shape, stacked along a new dimension {@code dim} (torch.stack). */
    public static Tensor stack(java.util.List<Tensor> tensors, int dim) {
        return Joining.stack(tensors, dim);
    }

    /** The tensors concatenated along {@code dim}; they agree in every other dimension (torch.cat). */
    public static Tensor cat(java.util.List<Tensor> tensors, int dim) {
        return Joining.cat(tensors, dim);
    }

    /** {@code cond ? x : y} elementwise, the three broadcast together; a nonzero cond is true (torch.where). */
    public static Tensor where(Tensor cond, Tensor x, Tensor y) {
        return Selection.where(cond, x, y);
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor of(float... values) {
        java.util.Objects.requireNonNull(values, "Tensor.of: values is null");
        return of(values, values.length);
    }

    /** A tensor of {@code shape} holding a copy of {@code values} in row-major order. */
    public static Tensor of(float[] values, int... shape) {
        java.util.Objects.requireNonNull(values, "Tensor.of: values is null");
        java.util.Objects.requireNonNull(shape, "Tensor.of: shape is null");
        int n = Shapes.numel(shape);
        if (n != values.length) {
            throw new IllegalArgumentException("shape '" + Shapes.str(shape) + "' is invalid for input of size "
                    + values.length);
        }
        Tensor t = empty(shape.clone());
        System.arraycopy(values, 0, t.array(), 0, n);
        return t;
    }

    /**
     * A contiguous tensor of {@code shape} over the first elements of {@code data}, without copying (as
     * {@code torch.from_numpy}): the tensor and the caller share the array.
     */
    public static Tensor wrap(float[] data, int... shape) {
        int n = Shapes.numel(shape);
        if (n > data.length) {
            throw new IllegalArgumentException("wrap: shape " + Shapes.str(shape) + " needs " + n
                    + " floats, the array holds " + data.length);
        }
        return new Tensor(Storage.wrap(data), 0, shape.clone(), Shapes.contiguousStrides(shape), new VersionCounter());
    }

    /**
     * The array behind this tensor when its elements are exactly the array's first {@link #numel()} floats in
     * row-major order (contiguous, offset 0), else null. Writes through it bypass autograd's version checks,
     * as writes through {@code tensor.numpy()} do in PyTorch.
     */
    public float[] sharedArray() {
        return contiguous && offset == 0 ? array() : null;
    }

    /** A 0-d tensor. */
    public static Tensor scalar(float value) {
        Tensor t = empty(Shapes.SCALAR);
        t.array()[0] = value;
        return t;
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return zerosOf(shape.clone(), "zeros");
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = empty(shape.clone());
        Arrays.fill(t.array(), value);
        return t;
    }

    /** Zeros of this tensor's shape. */
    public Tensor zerosLike() {
        return zeros(shape);
    }

    /** Ones of this tensor's shape. */
    public Tensor onesLike() {
        return ones(shape);
    }

    /** {@code value} in this tensor's shape. */
    public Tensor fullLike(float value) {
        return full(value, shape);
    }

    /**
     * The values {@code start, start+step, ...} below {@code end} (above it for a negative step), as
     * {@code torch.arange}: the count is {@code ceil((end - start) / step)}, computed in double.
     */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0f || !Float.isFinite(step) || !Float.isFinite(start) || !Float.isFinite(end)) {
            throw new IllegalArgumentException("arange: step must be nonzero and the bounds finite (start=" + start
                    + ", end=" + end + ", step=" + step + ")");
        }
        if ((step > 0 && end < start) || (step < 0 && end > start)) {
            throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign (start="
                    + start + ", end=" + end + ", step=" + step + ")");
        }
        double count = Math.ceil(((double) end - start) / step);
        if (count > Shapes.MAX_NUMEL) {
            throw new IllegalArgumentException("arange: start=" + start + ", end=" + end + ", step=" + step + " gives "
                    + String.format("%.0f", count) + " elements, more than one tensor holds (" + Shapes.MAX_NUMEL + ")");
        }
        int n = (int) count;
        Tensor t = empty(Shapes.of(n));
        for (int i = 0; i < n; i++) {
            t.array()[i] = (float) (start + (double) i * step);
        }
        return t;
    }

    /**
     * torch.range(start, end, step) (deprecated in PyTorch for arange, and still there): from start to end inclusive,
     * floor((end - start) / step) + 1 values, each {@code start + i step} computed in double and rounded, as PyTorch's
     * kernel computes them (so range(0, 0.3, 0.1) has 3 values: (0.3 - 0) / 0.1 is just under 3 in double).
     *
     * @throws IllegalArgumentException for a step of 0 or one that points away from end
     */
    public static Tensor range(double start, double end, double step) {
        if (step == 0 || (step > 0 ? end < start : end > start)) {
            throw new IllegalArgumentException("range: upper bound and larger bound inconsistent with step sign (start="
                    + start + ", end=" + end + ", step=" + step + ")");
        }
        int n = (int) ((end - start) / step + 1);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (start + step * i);
        }
        return of(v, n);
    }

    /** torch.range(start, end): step 1, end included. */
    public static Tensor range(double start, double end) {
        return range(start, end, 1);
    }

    /** {@code arange(0, end, 1)}. */
    public static Tensor arange(float end) {
        return arange(0f, end, 1f);
    }

    /** {@code arange(start, end, 1)}: torch.arange(start, end) with its default step. */
    public static Tensor arange(float start, float end) {
        return arange(start, end, 1f);
    }

    /**
     * {@code steps} values from start to end inclusive, evenly spaced, computed as PyTorch's CPU kernel does: the
     * first half counting up from start, the second half counting down from end, so both ends are exact. The bits are
     * PyTorch 1.13's on x86 (its AVX2 kernel, whose scalar loop the compiler fuses): {@code fma(step, i, start)} and
     * {@code fma(-step, steps - 1 - i, end)}, and in blocks of 16 where the kernel runs its vector loop, each 8 values
     * counting up from their first as {@code base + k * step}, product and sum each rounded (matched against
     * torch.linspace for 300 random ranges of 2 to 200 points, every point; plain arithmetic throughout differed in
     * 196 of them, fused throughout in 157). One ulp matters: torch.histogram bins an element by comparing it with
     * these edges, and an element on an edge went one bin lower where a plain {@code end - step * 3} rounded the edge
     * above it (scripts/fixture-seeds.sh 303).
     */
    public static Tensor linspace(float start, float end, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: number of steps must be non-negative, got " + steps);
        }
        Tensor t = empty(Shapes.of(steps));
        float[] v = t.array();
        if (steps == 1) {
            v[0] = start;
        } else if (steps > 1) {
            float step = (end - start) / (steps - 1);
            int half = steps / 2, i = 0;
            for (; i <= steps - 16; i += 16) {   // the kernel's vector loop: two 8-float vectors at a time
                for (int first = i; first < i + 16; first += 8) {
                    float base = linspacePoint(start, end, step, steps, half, first);
                    for (int k = 0; k < 8; k++) {
                        v[first + k] = base + k * step;   // its vectors' lanes: rounded products, then sums
                    }
                }
            }
            for (; i < steps; i++) {
                v[i] = linspacePoint(start, end, step, steps, half, i);
            }
        }
        return t;
    }

    /** Point i of {@link #linspace} as PyTorch's scalar loop fuses it: from start below half, from end above. */
    private static float linspacePoint(float start, float end, float step, int steps, int half, int i) {
        return i < half ? Math.fma(step, i, start) : Math.fma(-step, steps - i - 1, end);
    }

    /**
     * Integers drawn uniformly from [low, high), as floats, drawing what {@code torch.randint} draws from a generator
     * with the same seed. Both bounds must lie within +-2^24, where floats hold every integer.
     */
    public static Tensor randint(Generator g, int low, int high, int... shape) {
        if (low >= high) {
            throw new IllegalArgumentException("randint: random_ expects 'from' to be less than 'to', but got from="
                    + low + " >= to=" + high);
        }
        if (low < -(1 << 24) || high > (1 << 24)) {
            throw new IllegalArgumentException("randint: bounds [" + low + ", " + high + ") reach past 2^24, beyond "
                    + "which float tensors do not hold every integer");
        }
        Tensor t = empty(shape.clone());
        float[] v = t.array();
        long range = (long) high - low;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (low + Integer.toUnsignedLong(g.nextInt()) % range);
        }
        return t;
    }

    /** The n x n identity matrix. */
    public static Tensor eye(int n) {
        Tensor t = zeros(n, n);
        for (int i = 0; i < n; i++) {
            t.array()[i * n + i] = 1f;
        }
        return t;
    }

    /** Uniform samples in [0, 1), drawn as {@code torch.rand} draws them from a generator with the same seed. */
    public static Tensor rand(Generator g, int... shape) {
        Tensor t = empty(shape.clone());
        g.fillUniform(t.array(), 0, t.numel());
        return t;
    }

    /** Standard normal samples, drawn as {@code torch.randn} draws them from a generator with the same seed. */
    public static Tensor randn(Generator g, int... shape) {
        Tensor t = empty(shape.clone());
        g.fillNormal(t.array(), 0, t.numel());
        return t;
    }

    /** {@link #rand(Generator, int...)} from the default generator ({@link Generator#defaultGenerator()}). */
    public static Tensor rand(int... shape) {
        return rand(Generator.defaultGenerator(), shape);
    }

    /** {@link #randn(Generator, int...)} from the default generator ({@link Generator#defaultGenerator()}). */
    public static Tensor randn(int... shape) {
        return randn(Generator.defaultGenerator(), shape);
    }

    /**
     * {@code torch.manual_seed(seed)}: restarts the default generator (the calling thread's, in a DataLoader worker)
     * from {@code seed}, so that the draws after it are PyTorch's after the same call; returns that generator.
     */
    public static Generator manualSeed(long seed) {
        return Generator.defaultGenerator().manualSeed(seed);
    }

    /**
     * {@code torch.seed()}: seeds the default generator from a non-deterministic source and returns the seed, so the
     * run can be repeated with {@link #manualSeed}.
     */
    public static long seed() {
        long seed = new java.security.SecureRandom().nextLong() >>> 1;
        manualSeed(seed);
        return seed;
    }

    /** {@code torch.initial_seed()}: the default generator's last seed. */
    public static long initialSeed() {
        return Generator.defaultGenerator().initialSeed();
    }

    /** {@code torch.get_rng_state()}: where the default generator stands, for {@link #setRngState}. */
    public static Generator.State getRngState() {
        return Generator.defaultGenerator().getState();
    }

    /** {@code torch.set_rng_state(state)}: puts the default generator back where {@code state} was taken. */
    public static void setRngState(Generator.State state) {
        Generator.defaultGenerator().setState(state);
    }

    // ---------------------------------------------------------------- layout

    /** The size of each dimension (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of dimension {@code dim} (negative counts from the end). */
    public int size(int dim) {
        return shape[Shapes.wrapDim(dim, shape.length)];
    }

    /** The number of dimensions. */
    public int dim() {
        return shape.length;
    }

    /** The number of elements. */
    public int numel() {
        // Not a field: a tensor is made for every op of every step, and four bytes less brings it to 48 (with the
        // single grad-history field below). The sizes were checked when the tensor was made, so no overflow.
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** The step in the storage between neighbours along each dimension (a copy). */
    public int[] stride() {
        return stride.clone();
    }

    /** Where this tensor's first element is in its storage. */
    public int storageOffset() {
        return offset;
    }

    /** Whether the elements lie in row-major order without gaps. */
    public boolean isContiguous() {
        return contiguous;
    }

    /** Whether this tensor is a view of another's storage (PyTorch's {@code _is_view()}). */
    public boolean isView() {
        return base != null;
    }

    /** The value of a one-element tensor. */
    public float item() {
        int numel = numel();
        if (numel != 1) {
            throw new IllegalArgumentException("a Tensor with " + numel + " elements cannot be converted to Scalar");
        }
        return array()[offset];
    }

    /** The element at {@code index} (one index per dimension). */
    public float get(int... index) {
        return array()[elementOffset(index)];
    }

    int elementOffset(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: expected " + shape.length + " indices for shape "
                    + Shapes.str(shape) + ", got " + index.length);
        }
        int off = offset;
        for (int d = 0; d < index.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IllegalArgumentException("index " + index[d] + " is out of bounds for dimension " + d
                        + " with size " + shape[d]);
            }
            off += i * stride[d];
        }
        return off;
    }

    /** A row-major copy of the elements. */
    public float[] toArray() {
        int numel = numel();
        float[] out = new float[numel];
        if (numel == 0) {
            return out;   // an empty view's offset may lie past its storage's end: nothing to read
        }
        if (contiguous) {
            System.arraycopy(array(), offset, out, 0, numel);
        } else {
            Compute.copyInto(this, out, 0);
        }
        return out;
    }

    // ---------------------------------------------------------------- autograd state

    /** Whether gradients flow to or through this tensor. */
    public boolean requiresGrad() {
        if (!requiresGrad && base != null && staleView()) {
            refreshView();
        }
        return requiresGrad;
    }

    /** Sets whether autograd records operations on this leaf (PyTorch's {@code requires_grad_}). */
    public Tensor requiresGrad_(boolean on) {
        if (on && inference && !GradMode.isInferenceMode()) {
            throw new IllegalStateException("Setting requires_grad=True on inference tensor outside InferenceMode is "
                    + "not allowed.");
        }
        Node gradFn = gradFn();
        if (gradFn != null && !on) {
            throw new IllegalStateException("you can only change requires_grad flags of leaf variables. If you want "
                    + "to use a computed variable in a subgraph that doesn't require differentiation use "
                    + "var_no_grad = var.detach().");
        }
        if (gradFn == null) {
            requiresGrad = on;
            if (on) {
                storage.markRequiresGrad();
            }
        }
        return this;
    }

    /** {@code requiresGrad_(true)}. */
    public Tensor requiresGrad_() {
        return requiresGrad_(true);
    }

    /** The accumulated gradient: set by backward on leaves (and on tensors that {@link #retainGrad()}), else null. */
    public Tensor grad() {
        return history instanceof GradState state ? state.grad : null;
    }

    /** Replaces the gradient; null clears it, like {@code x.grad = None}. Its shape must match this tensor's. */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape)) {
            throw new IllegalArgumentException("assigned grad has data of a different size: grad " + Shapes.str(g.shape)
                    + ", tensor " + Shapes.str(shape));
        }
        if (g != null || history instanceof GradState) {
            gradState().grad = g;
        }
    }

    /** The node that made this tensor (its {@code grad_fn}); null for leaves. */
    public Node gradFn() {
        if (base != null && staleView()) {
            refreshView();
        }
        return history instanceof GradState state ? state.gradFn : (Node) history;
    }

    private boolean staleView() {
        return viewVersion != 0 && version.get() + 1 != viewVersion;
    }

    /**
     * Makes this view's history again from its base's current one (as_strided of the base), after a write into their
     * storage: without it, a view taken before an in-place op on its base would send its gradient to the base's old
     * history, as though the op had not happened.
     */
    private void refreshView() {
        viewVersion = version.get() + 1;
        if (!base.requiresGrad() || !base.isContiguous()) {
            // a base made non-contiguous in place (t_) had its layout changed, not its data: the old history holds
            return;
        }
        Tensor fresh;
        try (var on = GradMode.enableGrad()) {
            fresh = base.asStrided(shape, stride, offset);
        }
        setGradFn(fresh.gradFn());
    }

    /** Whether this tensor was made by the user rather than by a recorded operation. */
    public boolean isLeaf() {
        return gradFn() == null;
    }

    /**
     * The node that receives this tensor's gradient during backward: its {@link #gradFn()}, or for a leaf
     * that requires grad, the accumulator that adds into {@link #grad()}. Null if no gradient flows here.
     */
    public Node gradEdge() {
        if (!requiresGrad()) {
            return null;
        }
        Node gradFn = gradFn();
        if (gradFn != null) {
            return gradFn;
        }
        GradState state = gradState();
        if (state.accumulator == null) {
            state.accumulator = new AccumulateGrad(this);
        }
        return state.accumulator;
    }

    private GradState gradState() {
        if (history instanceof GradState state) {
            return state;
        }
        GradState state = new GradState();
        state.gradFn = (Node) history;
        history = state;
        return state;
    }

    /** Sets the node that made this tensor, in the state when there is one. */
    private void setHistory(Node fn) {
        if (history instanceof GradState state) {
            state.gradFn = fn;
        } else {
            history = fn;
        }
    }

    /**
     * The gradient-related state of a leaf or of a tensor that retains its gradient, kept apart so that the many
     * intermediates of a step, which have none of it, are smaller objects (the training step allocates one Tensor
     * per op).
     */
    private static final class GradState {
        Node gradFn;
        Tensor grad;
        AccumulateGrad accumulator;
        boolean retainsGrad;
    }

    /** Records that {@code fn} made this tensor. */
    void setGradFn(Node fn) {
        setHistory(fn);
        requiresGrad = true;
        storage.madeBy(fn);
        if (base != null) {
            viewVersion = version.get() + 1;
        }
    }

    /**
     * Whether this tensor was made inside {@link GradMode#inferenceMode()} (PyTorch's {@code is_inference}): it
     * cannot be saved for backward, nor changed in place outside inference mode.
     */
    public boolean isInference() {
        return inference;
    }

    /**
     * Refuses, before anything is written, an in-place change that PyTorch refuses whatever the op: to an
     * inference tensor outside inference mode.
     */
    void checkWritable() {
        if (inference && !GradMode.isInferenceMode()) {
            throw new IllegalStateException("Inplace update to inference tensor outside InferenceMode is not allowed."
                    + "You can make a clone to get a normal tensor before doing inplace update."
                    + "See https://github.com/pytorch/rfcs/pull/17 for more details.");
        }
    }

    /** The counter of in-place modifications shared with this tensor's views. */
    public VersionCounter versionCounter() {
        if (version == null) {
            version = new VersionCounter();
        }
        return version;
    }

    /** How many in-place modifications this tensor's data has seen (PyTorch's {@code _version}). */
    public int version() {
        return version == null ? 0 : version.get();
    }

    /** Computes the gradient of this one-element tensor with respect to the graph's leaves. */
    public void backward() {
        Autograd.backward(this, null, false);
    }

    /** Backward with {@code gradient} as d(something)/d(this); it must have this tensor's shape. */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false);
    }

    /** Backward; with {@code retainGraph} the graph's saved tensors are kept for another backward. */
    public void backward(Tensor gradient, boolean retainGraph) {
        Autograd.backward(this, gradient, retainGraph);
    }

    /**
     * Backward; with {@code createGraph} the gradients accumulated into the leaves carry a graph of their own, so
     * they can be differentiated again (PyTorch's {@code create_graph=True}; pass {@code retainGraph} true as well
     * to backpropagate through this graph a second time).
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradient, retainGraph, createGraph);
    }

    /**
     * Backward adding only into the {@code grad} of {@code inputs} (PyTorch's {@code backward(inputs=...)}), a
     * non-leaf's included; see {@link Autograd#backward(java.util.List, java.util.List, boolean, boolean,
     * java.util.List)}.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph, java.util.List<Tensor> inputs) {
        Autograd.backward(java.util.List.of(this), java.util.Collections.singletonList(gradient), retainGraph,
                createGraph, inputs);
    }

    /** Keeps the gradient of this non-leaf in {@link #grad()} during backward; a no-op on leaves. */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("can't retain_grad on Tensor that has requires_grad=False");
        }
        Node gradFn = gradFn();
        if (gradFn == null || retainsGrad()) {
            return this;
        }
        GradState state = gradState();
        state.retainsGrad = true;
        gradFn.registerPreHook(g -> {
            try (var ignored = GradMode.noGrad()) {
                state.grad = state.grad == null ? g.clone() : state.grad.add(g);
            }
            return null;
        });
        return this;
    }

    /** Whether this non-leaf keeps its gradient. */
    public boolean retainsGrad() {
        return history instanceof GradState state && state.retainsGrad;
    }

    /**
     * Registers a hook called with this tensor's gradient each time one is computed; a non-null return value
     * replaces the gradient. {@link RemovableHandle#remove()} unregisters it.
     */
    public RemovableHandle registerHook(UnaryOperator<Tensor> hook) {
        if (!requiresGrad) {
            throw new IllegalStateException("cannot register a hook on a tensor that doesn't require gradient");
        }
        return gradEdge().registerPreHook(hook);
    }

    /** A tensor sharing this one's data (and version counter) but cut from the graph. */
    public Tensor detach() {
        return new Tensor(this, offset, shape, stride, versionCounter());
    }

    /** Cuts this tensor from the graph in place: it becomes a leaf that does not require grad. */
    public Tensor detach_() {
        setHistory(null);
        requiresGrad = false;
        viewVersion = 0;   // a view cut from the graph stays cut: its history is not made again from its base's
        return this;
    }

    /**
     * This tensor's data as an untracked tensor sharing the storage but not the version counter (PyTorch's
     * {@code .data}): changes through it are not seen by autograd's checks.
     */
    public Tensor data() {
        return new Tensor(this, offset, shape, stride, new VersionCounter());
    }

    /** Makes this tensor use {@code source}'s data (PyTorch's {@code x.data = source}). */
    public void setData(Tensor source) {
        storage = source.storage;
        generation = source.generation;
        setLayout(source.offset, source.shape, source.stride);
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other);
    }

    /** {@code this + s}. */
    public Tensor add(float s) {
        return Arithmetic.addScalar(this, s, "AddBackward0");
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    /** {@code this - s}. */
    public Tensor sub(float s) {
        return Arithmetic.addScalar(this, -s, "SubBackward0");
    }

    /** {@code s - this} (PyTorch's {@code rsub}). */
    public Tensor rsub(float s) {
        return Arithmetic.rsub(this, s);
    }

    /** {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    /** {@code this * s}. */
    public Tensor mul(float s) {
        return Arithmetic.mulScalar(this, s);
    }

    /** {@code this / other}, broadcasting. */
    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    /** {@code this / s}. */
    public Tensor div(float s) {
        return Arithmetic.divScalar(this, s);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return Pointwise.neg(this);
    }

    /** {@code this ^ exponent}. */
    public Tensor pow(float exponent) {
        return Arithmetic.powScalar(this, exponent);
    }

    /** {@code this ^ exponent}, elementwise and broadcasting. */
    public Tensor pow(Tensor exponent) {
        return Arithmetic.pow(this, exponent);
    }

    /** {@code e ^ this}. */
    public Tensor exp() {
        return Pointwise.exp(this);
    }

    /** The natural logarithm. */
    public Tensor log() {
        return Pointwise.log(this);
    }

    /** The square root. */
    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    /** The absolute value. */
    public Tensor abs() {
        return Pointwise.abs(this);
    }

    /** {@code max(this, 0)}. */
    public Tensor relu() {
        return Pointwise.relu(this);
    }

    /** The sine, elementwise. */
    public Tensor sin() {
        return Pointwise.sin(this);
    }

    /** The cosine, elementwise. */
    public Tensor cos() {
        return Pointwise.cos(this);
    }

    /** {@code ln(1 + this)}, accurate for small values. */
    public Tensor log1p() {
        return Pointwise.log1p(this);
    }

    /** {@code e^this - 1}, accurate for small values. */
    public Tensor expm1() {
        return Pointwise.expm1(this);
    }

    /** {@code 1 / this}. */
    public Tensor reciprocal() {
        return Pointwise.reciprocal(this);
    }

    /** {@code this * this}: {@code pow(2)}, as PyTorch's square (its grad_fn is PowBackward0). */
    public Tensor square() {
        return pow(2f);
    }

    /** {@code 1 / sqrt(this)}. */
    public Tensor rsqrt() {
        return Pointwise.rsqrt(this);
    }

    /** The error function, elementwise. */
    public Tensor erf() {
        return Pointwise.erf(this);
    }

    /** The modified Bessel function of the first kind of order 0 (torch.i0); its gradient is I1's. */
    public Tensor i0() {
        return SpecialOps.i0(this);
    }

    /** The complementary error function 1 - erf(x), accurate where it is tiny (torch.erfc). */
    public Tensor erfc() {
        return SpecialOps.erfc(this);
    }

    /** The inverse error function, NaN outside [-1, 1] and infinite at +-1 (torch.erfinv, PyTorch's float bits). */
    public Tensor erfinv() {
        return SpecialOps.erfinv(this);
    }

    /** {@code ln |Gamma(x)|}, +inf at 0 and the negative integers (torch.lgamma); its gradient is digamma's. */
    public Tensor lgamma() {
        return SpecialOps.lgamma(this);
    }

    /** The digamma function Gamma'(x) / Gamma(x) (torch.digamma); its gradient is polygamma(1, x)'s. */
    public Tensor digamma() {
        return SpecialOps.digamma(this);
    }

    /** The n-th derivative of the digamma function, n >= 0 (torch.polygamma(n, x)). */
    public Tensor polygamma(int n) {
        return SpecialOps.polygamma(n, this);
    }

    /** The multivariate log-gamma function of dimension p (torch.mvlgamma), p >= 1. */
    public Tensor mvlgamma(int p) {
        return SpecialOps.mvlgamma(this, p);
    }

    /** The tangent, elementwise. */
    public Tensor tan() {
        return ElementaryFunctions.tan(this);
    }

    /** The arcsine, elementwise; NaN outside [-1, 1]. */
    public Tensor asin() {
        return ElementaryFunctions.asin(this);
    }

    /** The arccosine, elementwise; NaN outside [-1, 1]. */
    public Tensor acos() {
        return ElementaryFunctions.acos(this);
    }

    /** The arctangent, elementwise. */
    public Tensor atan() {
        return ElementaryFunctions.atan(this);
    }

    /** The hyperbolic sine, elementwise. */
    public Tensor sinh() {
        return ElementaryFunctions.sinh(this);
    }

    /** The hyperbolic cosine, elementwise. */
    public Tensor cosh() {
        return ElementaryFunctions.cosh(this);
    }

    /** The inverse hyperbolic sine, elementwise. */
    public Tensor asinh() {
        return ElementaryFunctions.asinh(this);
    }

    /** The inverse hyperbolic cosine, elementwise; NaN below 1. */
    public Tensor acosh() {
        return ElementaryFunctions.acosh(this);
    }

    /** The inverse hyperbolic tangent, elementwise; NaN outside [-1, 1], infinite at -1 and 1. */
    public Tensor atanh() {
        return ElementaryFunctions.atanh(this);
    }

    /** The base-2 logarithm, elementwise. */
    public Tensor log2() {
        return ElementaryFunctions.log2(this);
    }

    /** The base-10 logarithm, elementwise. */
    public Tensor log10() {
        return ElementaryFunctions.log10(this);
    }

    /** {@code 2^this}, elementwise. */
    public Tensor exp2() {
        return ElementaryFunctions.exp2(this);
    }

    /**
     * The angle of the point (other, this) in radians, elementwise, broadcasting: {@code atan2(this, other)}, as
     * torch.atan2. Its gradient is NaN at the origin, as PyTorch's.
     */
    public Tensor atan2(Tensor other) {
        return ElementaryFunctions.atan2(this, other);
    }

    /** {@code sqrt(this^2 + other^2)} elementwise, broadcasting, without overflow in between (torch.hypot). */
    public Tensor hypot(Tensor other) {
        return ElementaryFunctions.hypot(this, other);
    }

    /** {@code log(e^this + e^other)} elementwise, broadcasting, without overflow (torch.logaddexp). */
    public Tensor logaddexp(Tensor other) {
        return ElementaryFunctions.logaddexp(this, other);
    }

    /**
     * {@code this * log(other)} elementwise, broadcasting, with 0 where this is 0 (unless other is NaN), as
     * torch.xlogy: the term of an entropy or a KL divergence that a zero probability leaves out.
     */
    public Tensor xlogy(Tensor other) {
        return ElementaryFunctions.xlogy(this, other);
    }

    /** {@code 1 / (1 + e^-this)}. */
    public Tensor sigmoid() {
        return Pointwise.sigmoid(this);
    }

    /** The hyperbolic tangent. */
    public Tensor tanh() {
        return Pointwise.tanh(this);
    }

    /** {@code min(max(this, min), max)}. */
    public Tensor clamp(float min, float max) {
        return Pointwise.clamp(this, min, max);
    }

    /**
     * Clamped between tensors, broadcasting (torch.clamp with tensor bounds): {@code min(max(this, min), max)}, either
     * bound null for none; NaN where any operand is NaN, {@code max} where min > max. The gradient goes to this where
     * it lies within the bounds, to a bound where this lies beyond it (PyTorch's rule).
     */
    public Tensor clamp(Tensor min, Tensor max) {
        return Clamping.clamp(this, min, max, "ClampBackward0");
    }

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements, as a 0-d tensor. */
    public Tensor sum() {
        return Reduction.sumAll(this);
    }

    /** The sums along {@code dim}; with keepdim the dimension stays with size 1. */
    public Tensor sum(int dim, boolean keepdim) {
        return Reduction.sum(this, new int[] {dim}, keepdim);
    }

    /** The sums along several dimensions. */
    public Tensor sum(int[] dims, boolean keepdim) {
        return Reduction.sum(this, dims, keepdim);
    }

    /** The mean of all elements, as a 0-d tensor. */
    public Tensor mean() {
        return Reduction.meanAll(this);
    }

    /** The means along {@code dim}. */
    public Tensor mean(int dim, boolean keepdim) {
        return Reduction.mean(this, new int[] {dim}, keepdim);
    }

    /** The means along several dimensions. */
    public Tensor mean(int[] dims, boolean keepdim) {
        return Reduction.mean(this, dims, keepdim);
    }

    /** The largest element (NaN if any is NaN), as a 0-d tensor. */
    public Tensor max() {
        return Reduction.maxAll(this);
    }

    /** The smallest element (NaN if any is NaN); ties share the gradient evenly. */
    public Tensor min() {
        return Statistics.minAll(this);
    }

    /** The smallest element along {@code dim}; the gradient goes to the first one. */
    public Tensor min(int dim, boolean keepdim) {
        return Statistics.min(this, dim, keepdim, false);
    }

    /** The index (as a float) of the first smallest element along {@code dim}. */
    public Tensor argmin(int dim, boolean keepdim) {
        return Statistics.min(this, dim, keepdim, true);
    }

    /**
     * The largest values along {@code dim} (torch.amax). Where several elements share the largest value, each gets an
     * equal share of the gradient (max(dim) gives all of it to one).
     */
    public Tensor amax(int dim, boolean keepdim) {
        return Statistics.amax(this, dim, keepdim, false);
    }

    /** The largest element, as a 0-d tensor; ties share the gradient evenly (torch.amax over every dim). */
    public Tensor amax() {
        return Statistics.amax(reshape(-1), 0, false, false);
    }

    /** The smallest values along {@code dim} (torch.amin); ties share the gradient evenly. */
    public Tensor amin(int dim, boolean keepdim) {
        return Statistics.amax(this, dim, keepdim, true);
    }

    /** The smallest element, as a 0-d tensor; ties share the gradient evenly (torch.amin over every dim). */
    public Tensor amin() {
        return Statistics.amax(reshape(-1), 0, false, true);
    }

    /** 1 if any element is non-zero (NaN counts), else 0, as a 0-d tensor; 0 for an empty tensor (torch.any). */
    public Tensor any() {
        return Predicates.any(this);
    }

    /** {@link #any()} along {@code dim}. */
    public Tensor any(int dim, boolean keepdim) {
        return Predicates.any(this, dim, keepdim);
    }

    /** 1 if every element is non-zero (NaN counts), else 0, as a 0-d tensor; 1 for an empty tensor (torch.all). */
    public Tensor all() {
        return Predicates.all(this);
    }

    /** {@link #all()} along {@code dim}. */
    public Tensor all(int dim, boolean keepdim) {
        return Predicates.all(this, dim, keepdim);
    }

    /** 1 where the element is NaN, else 0 (torch.isnan; no gradient). */
    public Tensor isnan() {
        return Predicates.isnan(this);
    }

    /** 1 where the element is +-infinity, else 0 (torch.isinf; no gradient). */
    public Tensor isinf() {
        return Predicates.isinf(this);
    }

    /** 1 where the element is neither NaN nor infinite, else 0 (torch.isfinite; no gradient). */
    public Tensor isfinite() {
        return Predicates.isfinite(this);
    }

    /** 1 where the element is -infinity, else 0 (torch.isneginf; no gradient). */
    public Tensor isneginf() {
        return Predicates.isneginf(this);
    }

    /** 1 where the element is +infinity, else 0 (torch.isposinf; no gradient). */
    public Tensor isposinf() {
        return Predicates.isposinf(this);
    }

    /** 1 for every element: vgrad's tensors are real (torch.isreal). */
    public Tensor isreal() {
        return Tensor.ones(shape.clone());
    }

    /** Whether other has this shape and every element equal (torch.equal: NaN equals nothing, -0 equals 0). */
    public boolean equal(Tensor other) {
        if (!java.util.Arrays.equals(shape, other.shape)) {
            return false;
        }
        float[] a = toArray(), b = other.toArray();
        for (int k = 0; k < a.length; k++) {
            if (!(a[k] == b[k])) {
                return false;
            }
        }
        return true;
    }

    /** The variance of all elements, with Bessel's correction (torch's default). */
    public Tensor var() {
        return var(true);
    }

    /** The variance of all elements, divided by n - 1 when {@code unbiased}, else by n. */
    public Tensor var(boolean unbiased) {
        return Statistics.var(reshape(-1), 0, unbiased, false);
    }

    /** The standard deviation of all elements, with Bessel's correction (torch's default). */
    public Tensor std() {
        return std(true);
    }

    /** The standard deviation of all elements, with Bessel's correction when {@code unbiased}. */
    public Tensor std(boolean unbiased) {
        return Statistics.std(reshape(-1), 0, unbiased, false);
    }

    /**
     * The lower median of all elements (NaN if any is NaN, or if there are none, as in PyTorch), as a 0-d tensor; its
     * gradient goes to that element.
     */
    public Tensor median() {
        return numel() == 0 ? Ordering.medianOfNothing(this) : Ordering.median(reshape(-1), 0, false).get(0);
    }

    /**
     * [values, indices] of the lower median of each line along {@code dim} (torch.median(dim)); a line holding a NaN
     * gives the first NaN and its index.
     */
    public java.util.List<Tensor> median(int dim, boolean keepdim) {
        return Ordering.median(this, dim, keepdim);
    }

    /** The q-quantile of all elements, interpolating linearly (torch.quantile). */
    public Tensor quantile(float q) {
        return Ordering.quantile(reshape(-1), q, 0, false, "linear");
    }

    /**
     * The q-quantile of each line along {@code dim} (torch.quantile), with interpolation "linear", "lower",
     * "higher", "midpoint" or "nearest"; NaN for a line holding a NaN.
     */
    public Tensor quantile(float q, int dim, boolean keepdim, String interpolation) {
        return Ordering.quantile(this, q, dim, keepdim, interpolation);
    }

    /**
     * The lower median of all elements with NaNs ignored (torch.nanmedian()); NaN if every element is NaN or there
     * are none.
     */
    public Tensor nanmedian() {
        return numel() == 0 ? Ordering.medianOfNothing(this) : Ordering.nanmedian(reshape(-1), 0, false).get(0);
    }

    /** [values, indices] of the lower median of each line along dim with NaNs ignored (torch.nanmedian(dim)). */
    public java.util.List<Tensor> nanmedian(int dim, boolean keepdim) {
        return Ordering.nanmedian(this, dim, keepdim);
    }

    /** [values, indices] of {@link #mode(int, boolean)} along the last dimension (torch.mode's default). */
    public java.util.List<Tensor> mode() {
        return Ordering.mode(this, -1, false);
    }

    /**
     * [values, indices] of the most frequent value of each line along dim (torch.mode): the smallest among equally
     * frequent ones, at its last position in the line; each NaN counts as a value of its own. The gradient goes to
     * the element picked.
     */
    public java.util.List<Tensor> mode(int dim, boolean keepdim) {
        return Ordering.mode(this, dim, keepdim);
    }

    /** The q-quantile of all elements with NaNs ignored, interpolating linearly (torch.nanquantile). */
    public Tensor nanquantile(float q) {
        return Ordering.nanquantile(reshape(-1), q, 0, false, "linear");
    }

    /**
     * The q-quantile of each line along dim with NaNs ignored (torch.nanquantile), interpolation as
     * {@link #quantile(float, int, boolean, String)}'s; NaN for a line of NaNs only.
     */
    public Tensor nanquantile(float q, int dim, boolean keepdim, String interpolation) {
        return Ordering.nanquantile(this, q, dim, keepdim, interpolation);
    }

    /** NaN replaced by 0 and the infinities by the largest finite floats (torch.nan_to_num); see the general form. */
    public Tensor nanToNum() {
        return nanToNum(0f, Float.MAX_VALUE, -Float.MAX_VALUE);
    }

    /**
     * NaN, +inf and -inf replaced by the given values (torch.nan_to_num); the gradient is
     * {@code grad * isfinite(this)}, as PyTorch's: 0 where a value was put (NaN there if the incoming gradient is NaN
     * or infinite).
     */
    public Tensor nanToNum(float nan, float posinf, float neginf) {
        return Pointwise.nanToNum(this, nan, posinf, neginf);
    }

    /** The variance along {@code dim}, divided by n - 1 when {@code unbiased}, else by n. */
    public Tensor var(int dim, boolean unbiased, boolean keepdim) {
        return Statistics.var(this, dim, unbiased, keepdim);
    }

    /** The standard deviation along {@code dim}, with Bessel's correction when {@code unbiased}. */
    public Tensor std(int dim, boolean unbiased, boolean keepdim) {
        return Statistics.std(this, dim, unbiased, keepdim);
    }

    /** {@code log(sum(exp(this)))} along {@code dim}, computed without overflow. */
    public Tensor logsumexp(int dim, boolean keepdim) {
        return Statistics.logsumexp(this, dim, keepdim);
    }

    /** Running sums along {@code dim}. */
    public Tensor cumsum(int dim) {
        return Statistics.cumsum(this, dim);
    }

    /**
     * Running products along {@code dim} (torch.cumprod). Its gradient stays finite where an element is 0: the
     * elements before a zero keep theirs, as PyTorch's.
     */
    public Tensor cumprod(int dim) {
        return Scans.cumprod(this, dim);
    }

    /**
     * [values, indices] of the running maximum along {@code dim} (torch.cummax): a tie moves the index to the later
     * element, and a NaN, once met, stays the value. The indices are floats holding integers.
     */
    public java.util.List<Tensor> cummax(int dim) {
        return Scans.cummaxmin(this, dim, true);
    }

    /** [values, indices] of the running minimum along {@code dim} (torch.cummin); ties and NaN as in cummax. */
    public java.util.List<Tensor> cummin(int dim) {
        return Scans.cummaxmin(this, dim, false);
    }

    /** {@code log(cumsum(exp(this)))} along {@code dim}, computed without overflow (torch.logcumsumexp). */
    public Tensor logcumsumexp(int dim) {
        return Scans.logcumsumexp(this, dim);
    }

    /** The product of all elements, as a 0-d tensor (1 for an empty tensor). */
    public Tensor prod() {
        return Scans.prod(reshape(-1), 0, false);
    }

    /**
     * The product along {@code dim}, keeping it as size 1 when {@code keepdim}. An element's gradient is the product of
     * the others in its line, so a line with one zero passes gradient to that element only, as PyTorch's.
     */
    public Tensor prod(int dim, boolean keepdim) {
        return Scans.prod(this, dim, keepdim);
    }

    /** The 2-norm of all elements. */
    public Tensor norm() {
        return Statistics.norm(this);
    }

    /**
     * The p-norm along {@code dim}, for any p as torch.norm: p = 0 counts the nonzero elements, p = +-infinity takes
     * the largest or smallest magnitude, any other p is {@code (sum |x|^p)^(1/p)}. Gradients as PyTorch's: none for
     * p = 0, and 0 (not NaN) at zero elements and where the norm is 0.
     */
    public Tensor norm(float p, int dim, boolean keepdim) {
        return Statistics.norm(this, p, dim, keepdim);
    }

    /** The largest values along {@code dim} (PyTorch's {@code max(dim).values}). */
    public Tensor max(int dim, boolean keepdim) {
        return Reduction.max(this, dim, keepdim, false);
    }

    /** The index of the first largest value along {@code dim}, as floats. */
    public Tensor argmax(int dim, boolean keepdim) {
        return Reduction.max(this, dim, keepdim, true);
    }

    /** The flat (row-major) index of the first largest element, as a 0-d float tensor (torch.argmax without dim). */
    public Tensor argmax() {
        if (numel() == 0) {
            throw new IllegalArgumentException(
                    "argmax(): Expected reduction dim to be specified for input.numel() == 0.");
        }
        return reshape(-1).argmax(0, false);
    }

    /** The flat (row-major) index of the first smallest element, as a 0-d float tensor (torch.argmin without dim). */
    public Tensor argmin() {
        if (numel() == 0) {
            throw new IllegalArgumentException(
                    "argmin(): Expected reduction dim to be specified for input.numel() == 0.");
        }
        return reshape(-1).argmin(0, false);
    }

    // ---------------------------------------------------------------- linear algebra

    /** The matrix product with {@code torch.matmul}'s rules for 1-D, 2-D and batched operands. */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other);
    }

    /** The product of two matrices. */
    public Tensor mm(Tensor other) {
        return LinearAlgebra.mm(this, other);
    }

    /**
     * 2-D convolution of input [N, C, H, W] with weight [O, C/groups, kh, kw] and bias [O] (or null), as
     * {@code torch.conv2d(input, weight, bias, stride, padding, dilation, groups)}: stride, padding and dilation are
     * (height, width) pairs. One node forward; both gradients are implicit-GEMM kernels that never write a patch
     * matrix, and are differentiable to any order.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return ConvProducts.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * Scaled dot-product attention over a batch, as {@code torch.nn.functional.scaled_dot_product_attention} for 3-D
     * operands: query [B, L, E], key [B, S, E], value [B, S, Ev] to [B, L, Ev], {@code softmax(q k^T / sqrt(E) + mask) v}.
     * attnMask is null or a float mask [L, S] added to every batch element's scores (-infinity hides a key); isCausal
     * instead hides from each query every key after it. One node forward and backward (differentiable to any order).
     */
    public static Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor attnMask,
                                                   boolean isCausal) {
        if (query.dim() != 3 || key.dim() != 3 || value.dim() != 3 || key.shape[0] != query.shape[0]
                || value.shape[0] != query.shape[0] || key.shape[2] != query.shape[2] || value.shape[1] != key.shape[1]) {
            throw new IllegalArgumentException("scaled_dot_product_attention: expected query [B, L, E], key [B, S, E] "
                    + "and value [B, S, Ev], got " + Shapes.str(query.shape) + ", " + Shapes.str(key.shape) + ", "
                    + Shapes.str(value.shape));
        }
        if (attnMask != null && (isCausal || attnMask.dim() != 2 || attnMask.shape[0] != query.shape[1]
                || attnMask.shape[1] != key.shape[1])) {
            throw new IllegalArgumentException("scaled_dot_product_attention: attn_mask must be [L, S] = ["
                    + query.shape[1] + ", " + key.shape[1] + "] and not given with is_causal, got "
                    + Shapes.str(attnMask.shape) + (isCausal ? " with is_causal" : ""));
        }
        if (attnMask != null && Graph.recording(attnMask)) {
            throw new IllegalArgumentException("scaled_dot_product_attention: the fused op takes a mask that does not "
                    + "require grad (compose the attention from matmul and softmax to differentiate the mask)");
        }
        return FusedAttention.attend(query, key, value, attnMask, isCausal);
    }

    /**
     * {@code linear(relu(linear(input, w1, b1)), w2, b2)}: a transformer layer's feed-forward block (weights [F, E]
     * and [E', F], biases [F] and [E']). For a contiguous input and contiguous 2-D weights with 1-D biases it is one op
     * whose relu and relu's backward run block by block right after the products that make their operands, the same
     * bits as the composition with less memory traffic; otherwise it is that composition (whose errors name the
     * shapes).
     */
    public static Tensor linearReluLinear(Tensor input, Tensor w1, Tensor b1, Tensor w2, Tensor b2) {
        if (LinearReluLinear.fusable(input, w1, b1, w2, b2)) {
            return LinearReluLinear.apply(input, w1, b1, w2, b2);
        }
        return LinearAlgebra.linear(LinearAlgebra.linear(input, w1, b1).relu(), w2, b2);
    }

    /**
     * Multi-head self-attention of packed projections, as {@code torch.nn.MultiheadAttention} computes it between its
     * in-projection and its out-projection: qkv [T, N, 3E] holds each position's query, key and value side by side
     * (one linear with the stacked [3E, E] weight makes them), split into numHeads heads of E / numHeads; the result is
     * [T, N, E] with the heads merged. attnMask is null or a float mask [T, T] that does not require grad; isCausal
     * instead hides from each query every key after it. One node forward and backward, reading each head in place
     * (differentiable to any order).
     */
    public static Tensor packedSelfAttention(Tensor qkv, int numHeads, Tensor attnMask, boolean isCausal) {
        return packedSelfAttention(qkv, numHeads, attnMask, isCausal, false);
    }

    /**
     * {@link #packedSelfAttention(Tensor, int, Tensor, boolean)}, with batchFirst on qkv [N, T, 3E] to [N, T, E]
     * (MultiheadAttention's batch_first): each batch element's rows side by side, read in place as the
     * sequence-first layout's are, with no transpose around the op.
     */
    public static Tensor packedSelfAttention(Tensor qkv, int numHeads, Tensor attnMask, boolean isCausal,
                                             boolean batchFirst) {
        String layout = batchFirst ? "[N, T, 3E]" : "[T, N, 3E]";
        if (qkv.dim() != 3 || numHeads <= 0 || qkv.shape[2] % (3 * numHeads) != 0 || qkv.shape[2] == 0) {
            throw new IllegalArgumentException("packed_self_attention: expected qkv " + layout + " with E divisible "
                    + "by num_heads=" + numHeads + ", got " + Shapes.str(qkv.shape));
        }
        int t = qkv.shape[batchFirst ? 1 : 0];
        if (attnMask != null && (isCausal || attnMask.dim() != 2 || attnMask.shape[0] != t || attnMask.shape[1] != t
                || Graph.recording(attnMask))) {
            // As scaledDotProductAttention: a mask that would be recorded is refused (the node has no edge to it); under
            // no_grad one that requires grad is just numbers.
            throw new IllegalArgumentException("packed_self_attention: attn_mask must be [T, T] = [" + t + ", " + t
                    + "], not require grad and not come with is_causal, got " + Shapes.str(attnMask.shape)
                    + (Graph.recording(attnMask) ? " requiring grad" : "") + (isCausal ? " with is_causal" : ""));
        }
        return FusedAttention.attendPacked(qkv.contiguous(), numHeads, attnMask, isCausal, batchFirst);
    }

    /**
     * 2-D max pooling of [N, C, H, W], as {@code torch.max_pool2d(input, kernel, stride, padding)} with dilation 1:
     * kernel, stride and padding are (height, width) pairs, padding at most half the kernel. One pass per plane,
     * forward and backward (twice differentiable).
     */
    public static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        if (input.dim() != 4 || kernel.length != 2 || stride.length != 2 || padding.length != 2) {
            throw new IllegalArgumentException("max_pool2d: expected input [N, C, H, W] and (height, width) pairs, got "
                    + "input " + Shapes.str(input.shape) + ", kernel " + java.util.Arrays.toString(kernel) + ", stride "
                    + java.util.Arrays.toString(stride) + ", padding " + java.util.Arrays.toString(padding));
        }
        for (int a = 0; a < 2; a++) {
            if (kernel[a] <= 0 || stride[a] <= 0 || padding[a] < 0 || padding[a] * 2 > kernel[a]) {
                throw new IllegalArgumentException("max_pool2d: kernel " + java.util.Arrays.toString(kernel)
                        + ", stride " + java.util.Arrays.toString(stride) + " and padding "
                        + java.util.Arrays.toString(padding) + " do not fit input " + Shapes.str(input.shape)
                        + " (positive kernel and stride, padding at most half the kernel)");
            }
        }
        int paddedH = input.shape[2] + 2 * padding[0], paddedW = input.shape[3] + 2 * padding[1];
        if (paddedH < kernel[0] || paddedW < kernel[1]) {
            throw new IllegalArgumentException("max_pool2d: Calculated padded input size per channel: (" + paddedH + " x "
                    + paddedW + "). Kernel size: (" + kernel[0] + " x " + kernel[1] + "). Kernel size can't be greater "
                    + "than actual input size");
        }
        return WindowMax.maxPool2d(input, kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1]);
    }

    /**
     * Exact GELU, {@code x Phi(x) = x/2 (1 + erf(x / sqrt 2))}, as {@code torch.nn.functional.gelu(input)}: one fused
     * op forward and backward (GeluBackward0, twice differentiable), within 4.5 ulp of the exact value
     * ({@link dev.vgrad.kernels.Gelu}). {@code nn.Functional.gelu} and the GELU module call it.
     */
    public static Tensor gelu(Tensor input) {
        return Pointwise.gelu(input);
    }

    /**
     * GELU with PyTorch's {@code approximate}: "none" ({@link #gelu(Tensor)}) or "tanh",
     * {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}, also one fused op (computed as {@code x sigmoid(2u)}, the
     * same function without the cancellation of 1 + tanh below 0). Any other value is an IllegalArgumentException.
     */
    public static Tensor gelu(Tensor input, String approximate) {
        return switch (approximate == null ? "" : approximate) {
            case "none" -> Pointwise.gelu(input);
            case "tanh" -> Pointwise.geluTanh(input);
            default -> throw new IllegalArgumentException("approximate argument must be either none or tanh, got "
                    + approximate);
        };
    }

    /**
     * Layer normalization over the last dimension, as {@code torch.layer_norm(input, [d], weight, bias, eps)}: each
     * row [d] centred by its mean and scaled by 1 / sqrt(biased variance + eps), then times weight and plus bias
     * ([d] each, or null). One fused op forward and backward (twice differentiable).
     */
    public static Tensor layerNorm(Tensor input, Tensor weight, Tensor bias, float eps) {
        if (input.dim() == 0) {
            throw new IllegalArgumentException("layer_norm: input must have at least one dimension, got a scalar");
        }
        checkLayerNormParameter(input, weight);
        checkLayerNormParameter(input, bias);
        return RowNormalization.layerNorm(input, weight, bias, eps);
    }

    private static void checkLayerNormParameter(Tensor input, Tensor p) {
        int d = input.shape[input.dim() - 1];
        if (p != null && (p.dim() != 1 || p.shape[0] != d)) {
            throw new IllegalArgumentException("layer_norm: weight and bias must have shape [" + d + "] (the last "
                    + "dimension of the input " + Shapes.str(input.shape) + "), got " + Shapes.str(p.shape));
        }
    }

    /**
     * {@code input W^T + bias} for an input [..., in] (2-D, or contiguous with more dimensions), weight [out, in] and
     * bias [out] or null (PyTorch's {@code F.linear}): one GEMM reading the weight through a transpose flag, the
     * input's leading dimensions read as rows, no view made.
     */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        return LinearAlgebra.linear(input, weight, bias);
    }

    /** {@code this + mat1 x mat2} in one fused GEMM, with this (the bias) broadcast to the product's shape. */
    public Tensor addmm(Tensor mat1, Tensor mat2) {
        return LinearAlgebra.addmm(this, mat1, mat2);
    }

    /** The product of a matrix and a vector. */
    public Tensor mv(Tensor vector) {
        if (dim() != 2 || vector.dim() != 1) {
            throw new IllegalArgumentException("vector + matrix @ vector expected, got " + dim() + ", "
                    + vector.dim() + " (shapes " + Shapes.str(shape) + " and " + Shapes.str(vector.shape) + ")");
        }
        return LinearAlgebra.mv(this, vector);
    }

    /** The dot product of two 1-D tensors. */
    public Tensor dot(Tensor other) {
        if (dim() != 1 || other.dim() != 1) {
            throw new IllegalArgumentException("1D tensors expected, but got " + dim() + "D and " + other.dim()
                    + "D tensors");
        }
        return LinearAlgebra.dot(this, other);
    }

    // ---------------------------------------------------------------- views and copies

    /** The transpose of a tensor of at most 2 dimensions (a view). */
    public Tensor t() {
        return Views.t(this);
    }

    /** Swaps two dimensions (a view). */
    public Tensor transpose(int dim0, int dim1) {
        return Views.transpose(this, dim0, dim1);
    }

    /** Reorders the dimensions (a view). */
    public Tensor permute(int... dims) {
        return Views.permute(this, dims);
    }

    /** The same data with another shape (a view; one size may be -1). Fails when the strides do not allow it. */
    public Tensor view(int... shape) {
        return Views.view(this, shape);
    }

    /** The same data with another shape: a view when possible, a copy otherwise. */
    public Tensor reshape(int... shape) {
        return Views.reshape(this, shape);
    }

    /** All dimensions from {@code startDim} on folded into one. */
    public Tensor flatten(int startDim) {
        return Views.flatten(this, startDim);
    }

    /** Dimensions {@code startDim} to {@code endDim} (inclusive) merged into one. */
    public Tensor flatten(int startDim, int endDim) {
        return Views.flatten(this, startDim, endDim);
    }

    /** Views of consecutive pieces of {@code splitSize} along {@code dim}; the last may be smaller. */
    public java.util.List<Tensor> split(int splitSize, int dim) {
        return Joining.split(this, splitSize, dim);
    }

    /**
     * Views of consecutive pieces of the given sizes along dim (torch.split with a list, split_with_sizes); the sizes
     * must add up to the dimension's size.
     */
    public java.util.List<Tensor> split(int[] sizes, int dim) {
        int d = Shapes.wrapDim(dim, dim()), total = 0;
        for (int size : sizes) {
            total += size;
        }
        if (total != shape[d] || java.util.Arrays.stream(sizes).anyMatch(size -> size < 0)) {
            throw new IllegalArgumentException("split_with_sizes expects split_sizes to sum exactly to " + shape[d]
                    + " (input tensor's size at dimension " + d + "), but got split_sizes="
                    + java.util.Arrays.toString(sizes));
        }
        java.util.List<Tensor> parts = new java.util.ArrayList<>(sizes.length);
        for (int k = 0, at = 0; k < sizes.length; at += sizes[k++]) {
            parts.add(narrow(d, at, sizes[k]));
        }
        return parts;
    }

    /**
     * torch.hsplit: {@code sections} equal parts along dimension 1 (0 for a 1-D tensor); the size must divide
     * evenly.
     */
    public java.util.List<Tensor> hsplit(int sections) {
        return Reshaping.evenSplit("hsplit", this, sections, dim() == 1 ? 0 : 1, 1);
    }

    /** torch.hsplit at indices along dimension 1 (0 for a 1-D tensor), as {@link #tensorSplit(int[], int)}. */
    public java.util.List<Tensor> hsplit(int[] indices) {
        return Reshaping.splitAt("hsplit", this, indices, dim() == 1 ? 0 : 1, 1);
    }

    /** torch.vsplit: {@code sections} equal parts along dimension 0 of a tensor of at least 2 dimensions. */
    public java.util.List<Tensor> vsplit(int sections) {
        return Reshaping.evenSplit("vsplit", this, sections, 0, 2);
    }

    /** torch.vsplit at indices along dimension 0. */
    public java.util.List<Tensor> vsplit(int[] indices) {
        return Reshaping.splitAt("vsplit", this, indices, 0, 2);
    }

    /** torch.dsplit: {@code sections} equal parts along dimension 2 of a tensor of at least 3 dimensions. */
    public java.util.List<Tensor> dsplit(int sections) {
        return Reshaping.evenSplit("dsplit", this, sections, 2, 3);
    }

    /** torch.dsplit at indices along dimension 2. */
    public java.util.List<Tensor> dsplit(int[] indices) {
        return Reshaping.splitAt("dsplit", this, indices, 2, 3);
    }

    /** At most {@code chunks} views of equal size along {@code dim}; the last may be smaller (torch.chunk). */
    public java.util.List<Tensor> chunk(int chunks, int dim) {
        return Joining.chunk(this, chunks, dim);
    }

    /** The elements at {@code index} along {@code dim} (torch.gather); the result has index's shape. */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /** A copy of this tensor with {@code src} added at the positions {@code index} gives along {@code dim}. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }

    /** Batched matrix product of [b, n, m] and [b, m, p] tensors (torch.bmm: no broadcasting). */
    public Tensor bmm(Tensor other) {
        if (dim() != 3 || other.dim() != 3) {
            throw new IllegalArgumentException("bmm: batch1 and batch2 must be 3D tensors, got shapes " + Shapes.str(shape)
                    + " and " + Shapes.str(other.shape));
        }
        if (shape[0] != other.shape[0] || shape[2] != other.shape[1]) {
            throw new IllegalArgumentException("bmm: expected [b, n, m] and [b, m, p] with equal b and m, got shapes "
                    + Shapes.str(shape) + " and " + Shapes.str(other.shape));
        }
        return matmul(other);
    }

    /** This tensor with {@code value} where {@code mask} (broadcast to this shape) is nonzero. */
    public Tensor maskedFill(Tensor mask, float value) {
        return Selection.maskedFill(this, mask, value);
    }

    /**
     * A copy with {@code src[p]} written where p's position has {@code dim} replaced by {@code index[p]}
     * (torch.scatter); index has this tensor's rank and is no larger than src anywhere, nor than this off dim. Where
     * an index repeats along a line, the last write stays. The gradient of the written positions goes to src.
     */
    public Tensor scatter(int dim, Tensor index, Tensor src) {
        return IndexUpdates.scatter(this, dim, index, java.util.Objects.requireNonNull(src, "scatter: src is null"), 0f);
    }

    /** A copy with {@code value} written where {@link #scatter(int, Tensor, Tensor)} would write src. */
    public Tensor scatter(int dim, Tensor index, float value) {
        return IndexUpdates.scatter(this, dim, index, null, value);
    }

    /**
     * A copy with {@code source.select(dim, i)} added to {@code select(dim, index[i])} for each i of the 1-D index
     * (torch.index_add); repeated indices add up.
     */
    public Tensor indexAdd(int dim, Tensor index, Tensor source) {
        return IndexUpdates.indexAdd(this, dim, index, source, 1f);
    }

    /** {@link #indexAdd(int, Tensor, Tensor)} with source scaled by alpha. */
    public Tensor indexAdd(int dim, Tensor index, Tensor source, float alpha) {
        return IndexUpdates.indexAdd(this, dim, index, source, alpha);
    }

    /** A copy with {@code source.select(dim, i)} written at {@code select(dim, index[i])} (torch.index_copy). */
    public Tensor indexCopy(int dim, Tensor index, Tensor source) {
        return IndexUpdates.indexCopy(this, dim, index, source);
    }

    /** A copy with {@code value} written over every {@code select(dim, index[i])} (torch.index_fill). */
    public Tensor indexFill(int dim, Tensor index, float value) {
        return IndexUpdates.indexFill(this, dim, index, value);
    }

    /**
     * A copy with each position that index reaches along dim holding the reduction ("sum", "prod", "mean", "amax" or
     * "amin") of the src elements sent there, self's own value included (torch.scatter_reduce, include_self true);
     * positions no index reaches keep self's value. Differentiable in self and src with PyTorch's rules (amax and amin
     * share the gradient among the elements equal to the result).
     */
    public Tensor scatterReduce(int dim, Tensor index, Tensor src, String reduce) {
        return ScatterReductions.scatterReduce(this, dim, index, src, reduce, true);
    }

    /** {@link #scatterReduce(int, Tensor, Tensor, String)}; without includeSelf, self's value is left out there. */
    public Tensor scatterReduce(int dim, Tensor index, Tensor src, String reduce, boolean includeSelf) {
        return ScatterReductions.scatterReduce(this, dim, index, src, reduce, includeSelf);
    }

    /**
     * A copy with {@code source.select(dim, i)} reduced ("prod", "mean", "amax" or "amin") into {@code select(dim,
     * index[i])} for each i of the 1-D index, self's value included (torch.index_reduce, include_self true).
     */
    public Tensor indexReduce(int dim, Tensor index, Tensor source, String reduce) {
        return ScatterReductions.indexReduce(this, dim, index, source, reduce, true);
    }

    /** {@link #indexReduce(int, Tensor, Tensor, String)}; without includeSelf, self's value is left out there. */
    public Tensor indexReduce(int dim, Tensor index, Tensor source, String reduce, boolean includeSelf) {
        return ScatterReductions.indexReduce(this, dim, index, source, reduce, includeSelf);
    }

    /**
     * A copy with src written over the elements {@code start, start + step, ...} before end along dim
     * (torch.slice_scatter); start and end count from the end when negative and are clamped to the size, as Python
     * slices (Integer.MAX_VALUE for an open end). Gradients: the slice's to src, the rest to this tensor.
     */
    public Tensor sliceScatter(Tensor src, int dim, int start, int end, int step) {
        return ViewScatters.sliceScatter(this, src, dim, start, end, step);
    }

    /** A copy with src (this shape without dim) written over {@code select(dim, index)} (torch.select_scatter). */
    public Tensor selectScatter(Tensor src, int dim, int index) {
        return ViewScatters.selectScatter(this, src, dim, index);
    }

    /**
     * A copy with src written over the copy's {@code asStrided(size, stride, storageOffset)} view, counted in the
     * copy's storage as PyTorch's clone lays it out (row-major, or this tensor's own order where it is dense, a
     * transposed one's for instance) (torch.as_strided_scatter); differentiable in both. A view past the end is
     * refused; where it names an element twice, the later write stays.
     */
    public Tensor asStridedScatter(Tensor src, int[] size, int[] stride, int storageOffset) {
        return ViewScatters.asStridedScatter(this, src, size, stride, storageOffset);
    }

    /** A copy with src written over {@code diagonal(offset, dim1, dim2)}, src of its shape (torch.diagonal_scatter). */
    public Tensor diagonalScatter(Tensor src, int offset, int dim1, int dim2) {
        return ViewScatters.diagonalScatter(this, src, offset, dim1, dim2);
    }

    /**
     * A copy with source's leading elements written, in order, where mask (broadcast to this shape) is nonzero, in
     * row-major order (torch.masked_scatter); source needs at least as many elements as the mask has nonzeros.
     */
    public Tensor maskedScatter(Tensor mask, Tensor source) {
        return ViewScatters.maskedScatter(this, mask, source);
    }

    /**
     * A copy of this tensor, seen as 1-D, with source's elements written at index's positions (negative ones count
     * from the end), or added there with accumulate (torch.Tensor.put).
     */
    public Tensor put(Tensor index, Tensor source, boolean accumulate) {
        return ViewScatters.put(this, index, source, accumulate);
    }

    /**
     * Advanced indexing, Python's {@code x[i, j]} with index tensors (aten::index): one index tensor (integers as
     * floats, negative ones from the end) or null (a full slice, {@code :}) for each leading dimension; the index
     * tensors broadcast together, and their shape takes the indexed dimensions' place when those are adjacent, else
     * comes first, as in PyTorch. Differentiable: the gradient adds into the indexed positions.
     */
    public Tensor index(Tensor... indices) {
        return AdvancedIndexing.index(this, indices);
    }

    /**
     * A copy with values (broadcast to the shape {@link #index} would give) written at the indexed positions, or added
     * there with accumulate (torch.index_put; Python's {@code x[i, j] = v}). Differentiable in this tensor and values.
     */
    public Tensor indexPut(Tensor[] indices, Tensor values, boolean accumulate) {
        return AdvancedIndexing.indexPut(this, indices, values, accumulate);
    }

    /** {@link #indexPut} in place (torch.Tensor.index_put_; a leaf that requires grad is refused, as by copy_). */
    public Tensor indexPut_(Tensor[] indices, Tensor values, boolean accumulate) {
        return copy_(AdvancedIndexing.indexPut(this, indices, values, accumulate));
    }

    /** The elements where mask (broadcast with this tensor) is nonzero, in row-major order, as a 1-D tensor. */
    public Tensor maskedSelect(Tensor mask) {
        return IndexUpdates.maskedSelect(this, mask);
    }

    /**
     * {@code numSamples} category indices drawn from each row of this tensor's weights ([K] or [N, K]; non-negative,
     * finite, normalized here), with or without replacement (torch.multinomial): [numSamples] or [N, numSamples], as
     * floats. Draws come from g, as PyTorch 1.13's CPU kernel draws them for the same seed. Without replacement a row
     * must have at least numSamples nonzero weights (PyTorch would return zero-weight categories).
     */
    public Tensor multinomial(int numSamples, boolean replacement, Generator g) {
        return Sampling.multinomial(this, numSamples, replacement, g);
    }

    /**
     * {@code numSamples} indices drawn from weights held in double, as {@code torch.multinomial} draws them from a
     * float64 tensor for the same seed (torch.utils.data.WeightedRandomSampler keeps its weights so: with many
     * weights, sums in float would move 4-5 % of the draws to a neighbouring index). The weights must be finite and
     * non-negative, not all zero, and without replacement at least numSamples of them nonzero.
     *
     * @throws IllegalArgumentException naming the weight and its index, or the counts, when they are not
     */
    public static int[] multinomial(double[] weights, int numSamples, boolean replacement, Generator g) {
        if (numSamples <= 0) {
            throw new IllegalArgumentException("multinomial: cannot sample n_sample <= 0 samples, got " + numSamples);
        }
        int nonzero = 0;
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("multinomial: probability tensor contains either inf, nan or "
                        + "element < 0: " + w + " at [" + i + "]");
            }
            nonzero += w > 0 ? 1 : 0;
            sum += w;
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("multinomial: invalid multinomial distribution (sum of probabilities "
                    + (sum > 0 ? "is infinite" : "<= 0") + ") over " + weights.length + " weights");
        }
        if (!replacement && numSamples > nonzero) {
            throw new IllegalArgumentException("multinomial: cannot draw " + numSamples + " samples without "
                    + "replacement from " + nonzero + " nonzero weights");
        }
        return Sampling.multinomial(weights, numSamples, replacement, g);
    }

    /**
     * Standard exponential samples, drawn as {@code torch.empty(shape).exponential_(generator=g)} draws them: each
     * {@code -log1p(-u)} of a 53-bit uniform u.
     */
    public static Tensor exponential(Generator g, int... shape) {
        return Sampling.exponential(g, shape.clone());
    }

    /** Uniform samples in [from, to), drawn as {@code torch.empty(shape).uniform_(from, to, generator=g)} does. */
    public static Tensor uniform(Generator g, float from, float to, int... shape) {
        return Sampling.uniform(g, from, to, shape.clone());
    }

    /** Standard Cauchy samples, drawn as {@code torch.empty(shape).cauchy_(generator=g)} draws them. */
    public static Tensor cauchy(Generator g, int... shape) {
        return Sampling.cauchy(g, shape.clone());
    }

    /**
     * One Gamma(alpha, 1) draw per element alpha >= 0 of this tensor, drawn from g as torch._standard_gamma draws them
     * (so a seed gives torch's values); each at least float's smallest normal. Differentiable as PyTorch's is, through
     * the implicit reparameterization ({@link #standardGammaGrad}), which is what lets Gamma, Chi2, Beta, Dirichlet and
     * StudentT rsample. A negative or NaN concentration is refused (PyTorch's loop would not end).
     */
    public Tensor standardGamma(Generator g) {
        return GammaOps.standardGamma(this, g);
    }

    /** {@link #standardGamma(Generator)} from the default generator. */
    public Tensor standardGamma() {
        return GammaOps.standardGamma(this, Generator.defaultGenerator());
    }

    /**
     * torch._standard_gamma_grad: d x / d alpha for draws x ({@code output}) of Gamma(alpha, 1), alpha this tensor,
     * by PyTorch's approximations region by region. Not differentiable (backward names the op, as PyTorch's).
     */
    public Tensor standardGammaGrad(Tensor output) {
        return GammaOps.standardGammaGrad(this, output);
    }

    /**
     * torch._sample_dirichlet: one Dirichlet draw per row of the last dimension, this tensor the concentrations,
     * drawn from g as PyTorch draws them (gamma draws in double, each row divided by its sum, clamped into (0, 1)).
     * Not differentiable itself; {@code distributions.Dirichlet.rsample} differentiates it as PyTorch's does.
     */
    public Tensor sampleDirichlet(Generator g) {
        return GammaOps.sampleDirichlet(this, g);
    }

    /**
     * torch._dirichlet_grad: for coordinates x of Dirichlet draws, concentrations alpha and their rows' sums total,
     * PyTorch's d x / d alpha divided by 1 - x. Not differentiable.
     */
    public static Tensor dirichletGrad(Tensor x, Tensor alpha, Tensor total) {
        return GammaOps.dirichletGrad(x, alpha, total);
    }

    /**
     * One Poisson draw per element rate >= 0 of this tensor, drawn from g as torch.poisson draws them (products of
     * uniforms below rate 10, Hormann's transformed rejection from there), so a seed gives torch's counts.
     */
    public Tensor poisson(Generator g) {
        return Sampling.poisson(this, g);
    }

    /**
     * torch.binomial: for each element, the successes among {@code count} trials of probability {@code prob} (the two
     * broadcast together), drawn from g as PyTorch's CPU kernel draws them, so the same seed gives torch's counts. A
     * count at or below 0 or a probability at or below 0 gives 0, a probability at or above 1 the count, a NaN
     * probability NaN; a count that is not finite is refused (PyTorch's loop would not end). Not differentiable: with
     * grad, backward through it names the op, as PyTorch's NotImplemented node does.
     */
    public static Tensor binomial(Tensor count, Tensor prob, Generator g) {
        return BinomialSampling.binomial(count, prob, g);
    }

    /** {@link #binomial(Tensor, Tensor, Generator)} from the default generator. */
    public static Tensor binomial(Tensor count, Tensor prob) {
        return BinomialSampling.binomial(count, prob, Generator.defaultGenerator());
    }

    /** 1 with probability p, else 0, for each element p (in [0, 1]) of this tensor (torch.bernoulli), drawn from g. */
    public Tensor bernoulli(Generator g) {
        return Sampling.bernoulli(this, g);
    }

    /** A random permutation of 0..n-1 as floats, drawn as {@code torch.randperm(n, generator=g)} draws it, bit for bit. */
    public static Tensor randperm(int n, Generator g) {
        int[] perm = g.randperm(n);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = perm[i];
        }
        return of(out);
    }

    /** The cross product with other along {@code dim} (size 3 in both), broadcasting the rest (torch.linalg.cross). */
    public Tensor cross(Tensor other, int dim) {
        return Products.cross(this, other, dim);
    }

    /** The cross product with other along the last dimension (torch.linalg.cross's default). */
    public Tensor cross(Tensor other) {
        return Products.cross(this, other, -1);
    }

    /** The Kronecker product with other (torch.kron). */
    public Tensor kron(Tensor other) {
        return Products.kron(this, other);
    }

    /** This tensor's last {@code dims} dimensions contracted with other's first {@code dims} (torch.tensordot). */
    public Tensor tensordot(Tensor other, int dims) {
        return Products.tensordot(this, other, dims);
    }

    /** This tensor's dimensions {@code dims} contracted with other's {@code otherDims}, in pairs (torch.tensordot). */
    public Tensor tensordot(Tensor other, int[] dims, int[] otherDims) {
        return Products.tensordot(this, other, dims.clone(), otherDims.clone());
    }

    /** The p-norm distance between every row of x1 [.., P, M] and every row of x2 [.., R, M]: [.., P, R] (torch.cdist). */
    public static Tensor cdist(Tensor x1, Tensor x2, float p) {
        return Products.cdist(x1, x2, p);
    }

    /** Coordinate grids of 0-D or 1-D tensors, "ij" or "xy" indexing (torch.meshgrid); each an expanded view. */
    public static java.util.List<Tensor> meshgrid(java.util.List<Tensor> tensors, String indexing) {
        return Products.meshgrid(tensors, indexing);
    }

    /**
     * The count of each value 0..max in this 1-D tensor of non-negative integers, at least {@code minlength} long, each
     * occurrence weighted by {@code weights} if given (torch.bincount; no gradient).
     */
    public Tensor bincount(Tensor weights, int minlength) {
        return Counting.bincount(this, weights, minlength);
    }

    /** A histogram in {@code bins} equal bins over [min, max]; min == max takes the data's range (torch.histc). */
    public Tensor histc(int bins, float min, float max) {
        return Counting.histc(this, bins, min, max);
    }

    /**
     * [the distinct elements in ascending order, then (if asked) each element's index among them, then (if asked) how
     * often each occurs] (torch.unique, sorted); each NaN is distinct.
     */
    public java.util.List<Tensor> unique(boolean returnInverse, boolean returnCounts) {
        return Counting.unique(this, returnInverse, returnCounts);
    }

    /**
     * [the first element of each run of equal consecutive elements (flattened), then (if asked) each element's run,
     * then (if asked) each run's length] (torch.unique_consecutive); each NaN is a run of its own.
     */
    public java.util.List<Tensor> uniqueConsecutive(boolean returnInverse, boolean returnCounts) {
        return Counting.uniqueConsecutive(this, returnInverse, returnCounts);
    }

    /** {@link #uniqueConsecutive(boolean, boolean)} of the slices along dim: runs of equal consecutive slices. */
    public java.util.List<Tensor> uniqueConsecutive(boolean returnInverse, boolean returnCounts, int dim) {
        return Counting.uniqueConsecutive(this, returnInverse, returnCounts, dim);
    }

    /**
     * Where each value would be inserted into the ascending sequence (1-D, or one a row of the values' leading
     * dimensions), before equal elements or after them with right (torch.searchsorted).
     */
    public static Tensor searchsorted(Tensor sortedSequence, Tensor values, boolean right) {
        return Counting.searchsorted(sortedSequence, values, right);
    }

    /** The bucket of each element among the ascending 1-D boundaries (torch.bucketize). */
    public Tensor bucketize(Tensor boundaries, boolean right) {
        if (boundaries.dim() != 1) {
            throw new IllegalArgumentException("bucketize: boundaries tensor must be 1 dimension, but got dim("
                    + boundaries.dim() + ")");
        }
        return Counting.searchsorted(boundaries, this, right);
    }

    /** [2, n]: the row and column indices of the upper triangle of a rows x cols matrix from the offset diagonal. */
    public static Tensor triuIndices(int rows, int cols, int offset) {
        return Counting.triangleIndices(rows, cols, offset, true);
    }

    /** [2, n]: the row and column indices of the lower triangle of a rows x cols matrix up to the offset diagonal. */
    public static Tensor trilIndices(int rows, int cols, int offset) {
        return Counting.triangleIndices(rows, cols, offset, false);
    }

    /** The coordinates of the nonzero elements, one row each in row-major order: [count, dim()], as floats. */
    public Tensor nonzero() {
        return IndexUpdates.nonzero(this);
    }

    /**
     * Gathers along {@code dim} after broadcasting this tensor and indices against each other in every other
     * dimension (torch.take_along_dim): the values at argmax or argsort indices.
     */
    public Tensor takeAlongDim(Tensor indices, int dim) {
        return IndexUpdates.takeAlongDim(this, indices, dim);
    }

    /** The elements at the flat (row-major) positions in indices, in indices' shape (torch.take_along_dim without dim). */
    public Tensor takeAlongDim(Tensor indices) {
        return IndexUpdates.takeAlongDim(reshape(-1), indices.reshape(-1), 0);
    }

    /** A view with dimension {@code source} moved to position {@code destination}, the others in order. */
    public Tensor movedim(int source, int destination) {
        return permute(IndexUpdates.movedPermutation(dim(), source, destination));
    }

    /** {@link #transpose(int, int)} under NumPy's name. */
    public Tensor swapaxes(int axis0, int axis1) {
        return transpose(axis0, axis1);
    }

    /** Turned by 90 degrees k times in the plane of dims d0 and d1, from d0 toward d1 (torch.rot90). */
    public Tensor rot90(int k, int d0, int d1) {
        return IndexUpdates.rot90(this, k, d0, d1);
    }

    /** This tensor broadcast to other's shape. */
    public Tensor expandAs(Tensor other) {
        return expand(other.shape);
    }

    /** A view with other's shape (same number of elements). */
    public Tensor viewAs(Tensor other) {
        return view(other.shape);
    }

    /** Reshaped to other's shape, a view where the strides allow and a copy otherwise. */
    public Tensor reshapeAs(Tensor other) {
        return reshape(other.shape);
    }

    /** The lower triangle of the last two dimensions, the elements with {@code j - i <= diagonal}; zeros above. */
    public Tensor tril(int diagonal) {
        return Selection.tril(this, diagonal);
    }

    /** The upper triangle of the last two dimensions, the elements with {@code j - i >= diagonal}; zeros below. */
    public Tensor triu(int diagonal) {
        return Selection.triu(this, diagonal);
    }

    /** This tensor tiled {@code sizes[d]} times along each dimension (torch.repeat; leading sizes add dimensions). */
    public Tensor repeat(int... sizes) {
        return Views.repeat(this, sizes);
    }

    /** Inserts a dimension of size 1 at {@code dim} (a view). */
    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    /** Removes dimension {@code dim} if its size is 1 (a view). */
    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim);
    }

    /** Removes every dimension of size 1 (a view). */
    public Tensor squeeze() {
        return Views.squeezeAll(this);
    }

    /** Broadcasts to {@code shape} without copying (a view; -1 keeps a size). */
    public Tensor expand(int... shape) {
        return Views.expand(this, shape);
    }

    /** The elements {@code start .. start+length-1} along {@code dim} (a view). */
    public Tensor narrow(int dim, int start, int length) {
        return Views.narrow(this, dim, start, length);
    }

    /** The slice at {@code index} along {@code dim}, without that dimension (a view). */
    public Tensor select(int dim, int index) {
        return Views.select(this, dim, index);
    }

    /**
     * A view of this tensor's storage with the given sizes, strides and storage offset (PyTorch's
     * {@code as_strided}). Every element it addresses must lie inside the storage. Differentiable when this
     * tensor is contiguous.
     */
    public Tensor asStrided(int[] size, int[] stride, int storageOffset) {
        return Views.asStrided(this, size, stride, storageOffset);
    }

    /**
     * Every window of {@code size} elements every {@code step} along dimension dim, as a new last dimension
     * (torch.Tensor.unfold): a view, dim becoming the number of windows. Differentiable (overlapping windows add
     * their gradients).
     */
    public Tensor unfold(int dim, int size, int step) {
        return Views.unfold(this, dim, size, step);
    }

    /** The slices at {@code indices} along {@code dim}, in that order, copied (PyTorch's {@code index_select}). */
    public Tensor indexSelect(int dim, int[] indices) {
        return Views.indexSelect(this, dim, indices.clone());   // backward keeps them: the caller's array may change
    }

    /** The slices at {@code index} (a 1-D float tensor of integers) along {@code dim}, copied (torch.index_select). */
    public Tensor indexSelect(int dim, Tensor index) {
        if (index.dim() > 1) {
            throw new IllegalArgumentException("index_select(): Index is supposed to be a vector, got shape "
                    + Shapes.str(index.shape));
        }
        int d = Shapes.wrapDim(dim, dim());
        if (dim() == 0) {
            throw new IllegalArgumentException("index_select() cannot be applied to a 0-dim tensor.");
        }
        return Views.indexSelect(this, d, Indexing.checked("index_select", index, shape[d], d));
    }

    /** This tensor if contiguous, else a contiguous copy. */
    public Tensor contiguous() {
        return contiguous ? this : clone();
    }

    /** A contiguous copy, recorded for autograd. */
    @Override
    public Tensor clone() {
        return Pointwise.cloneTensor(this);
    }

    // ---------------------------------------------------------------- softmax

    /** {@code exp(x) / sum(exp(x))} along {@code dim}, computed stably. */
    public Tensor softmax(int dim) {
        return Softmax.softmax(this, dim, false);
    }

    /** {@code log(softmax(x))} along {@code dim}, computed stably. */
    public Tensor logSoftmax(int dim) {
        return Softmax.softmax(this, dim, true);
    }

    // ---------------------------------------------------------------- in place

    /** {@code this += other} in place. */
    public Tensor add_(Tensor other) {
        return Arithmetic.binary_(this, other, dev.vgrad.kernels.BinaryOp.ADD, "add_");
    }

    /** {@code this += s} in place. */
    public Tensor add_(float s) {
        return Arithmetic.scalar_(this, dev.vgrad.kernels.UnaryOp.ADD_SCALAR, s, "AddBackward0");
    }

    /** {@code this -= other} in place. */
    public Tensor sub_(Tensor other) {
        return Arithmetic.binary_(this, other, dev.vgrad.kernels.BinaryOp.SUB, "sub_");
    }

    /** {@code this -= s} in place. */
    public Tensor sub_(float s) {
        return Arithmetic.scalar_(this, dev.vgrad.kernels.UnaryOp.ADD_SCALAR, -s, "SubBackward0");
    }

    /** {@code this *= other} in place. */
    public Tensor mul_(Tensor other) {
        return Arithmetic.binary_(this, other, dev.vgrad.kernels.BinaryOp.MUL, "mul_");
    }

    /** {@code this *= s} in place. */
    public Tensor mul_(float s) {
        return Arithmetic.scalar_(this, dev.vgrad.kernels.UnaryOp.MUL_SCALAR, s, "MulBackward0");
    }

    /** {@code this /= other} in place. */
    public Tensor div_(Tensor other) {
        return Arithmetic.binary_(this, other, dev.vgrad.kernels.BinaryOp.DIV, "div_");
    }

    /** {@code this /= s} in place. */
    public Tensor div_(float s) {
        return Arithmetic.scalar_(this, dev.vgrad.kernels.UnaryOp.DIV_SCALAR, s, "DivBackward0");
    }

    /** Copies {@code src} (broadcast to this shape) into this tensor. */
    public Tensor copy_(Tensor src) {
        return InPlace.copy(this, src);
    }

    /**
     * Makes this tensor a view of all of {@code source}'s storage with source's shape, strides and offset
     * ({@code set_(source)}): the tensor keeps its identity (an optimizer or module that holds it sees the new data)
     * and may change shape, as parametrizations and lazy modules need. Refused while recording for a tensor that
     * requires grad, and for views (whose base would no longer hold their data).
     */
    public Tensor set_(Tensor source) {
        if (GradMode.isEnabled() && (requiresGrad || source.requiresGrad)) {
            throw new IllegalStateException("set_: not supported while autograd records on a tensor that requires "
                    + "grad (shape " + Shapes.str(shape) + "); call it under GradMode.noGrad(), as PyTorch's "
                    + "parametrizations do");
        }
        if (base != null) {
            throw new IllegalArgumentException("set_: this tensor (shape " + Shapes.str(shape) + ") is a view; set_ "
                    + "replaces the storage of a tensor that owns its storage");
        }
        if (source != this) {
            storage = source.storage;
            generation = source.generation;
            relayout(source);
            versionCounter().bump();
        }
        return this;
    }

    /** Sets every element to {@code value}. */
    public Tensor fill_(float value) {
        return InPlace.fill(this, value, "FillBackward2");
    }

    /** Sets every element to zero. */
    public Tensor zero_() {
        return InPlace.fill(this, 0f, "ZeroBackward0");
    }

    /** {@code this + alpha * other}. */
    public Tensor add(Tensor other, float alpha) {
        return Updates.addAlpha(this, other, alpha);
    }

    /** {@code this += alpha * other} in place (one fused pass when nothing is recorded). */
    public Tensor add_(Tensor other, float alpha) {
        return Updates.addAlpha_(this, other, alpha);
    }

    /** {@code this + value * t1 * t2}. */
    public Tensor addcmul(Tensor t1, Tensor t2, float value) {
        return Updates.addcmul(this, t1, t2, value);
    }

    /** {@code this += value * t1 * t2} in place. */
    public Tensor addcmul_(Tensor t1, Tensor t2, float value) {
        return Updates.addcmul_(this, t1, t2, value);
    }

    /** {@code this + value * t1 / t2}. */
    public Tensor addcdiv(Tensor t1, Tensor t2, float value) {
        return Updates.addcdiv(this, t1, t2, value);
    }

    /** {@code this += value * t1 / t2} in place. */
    public Tensor addcdiv_(Tensor t1, Tensor t2, float value) {
        return Updates.addcdiv_(this, t1, t2, value);
    }

    /** The square root, in place. */
    public Tensor sqrt_() {
        return Pointwise.unary_(this, "sqrt_", dev.vgrad.kernels.UnaryOp.SQRT, 0f, 0f, Tensor::sqrt);
    }

    /** {@code min(max(this, min), max)}, in place. */
    public Tensor clamp_(float min, float max) {
        return Pointwise.unary_(this, "clamp_", dev.vgrad.kernels.UnaryOp.CLAMP, min, max, t -> t.clamp(min, max));
    }

    /** The elementwise maximum of this and other, broadcasting (NaN if either is NaN). */
    public Tensor maximum(Tensor other) {
        return Comparison.maximum(this, other);
    }

    /**
     * The shape {@code a} and {@code b} broadcast to (torch.broadcast_shapes), or an IllegalArgumentException that
     * names {@code op}, the dimension and both shapes: for ops that check their operands before computing anything.
     */
    public static int[] broadcastShapes(String op, int[] a, int[] b) {
        return Shapes.broadcast(a, b, op).clone();
    }

    /** The elementwise minimum of this and other, broadcasting (NaN if either is NaN); ties share the gradient. */
    public Tensor minimum(Tensor other) {
        return Comparison.minimum(this, other);
    }

    /**
     * [values, indices] of each line along dim sorted ascending, or descending (torch.sort): indices as floats; NaN
     * sorts above every number; equal values keep their order. The values are differentiable (gathered).
     */
    public java.util.List<Tensor> sort(int dim, boolean descending) {
        return Ordering.sort(this, dim, descending);
    }

    /** The indices that sort each line along dim (torch.argsort), as floats. */
    public Tensor argsort(int dim, boolean descending) {
        return Ordering.argsort(this, dim, descending);
    }

    /** [values, indices] of the k largest (largest) or smallest elements of each line along dim, sorted (torch.topk). */
    public java.util.List<Tensor> topk(int k, int dim, boolean largest) {
        return Ordering.topk(this, k, dim, largest);
    }

    /** The elements shifted by {@code shifts} along {@code dim}, wrapping around (torch.roll). */
    public Tensor roll(int shifts, int dim) {
        return Ordering.roll(this, shifts, dim);
    }

    /**
     * torch.roll over several dims, each by its shift; with no dims, over the flattened tensor (one shift), the shape
     * kept.
     */
    public Tensor roll(int[] shifts, int[] dims) {
        return Ordering.roll(this, shifts, dims);
    }

    /** A copy with the elements in reverse order along each of dims (torch.flip). */
    public Tensor flip(int... dims) {
        return Ordering.flip(this, dims);
    }

    /** max(x, min) elementwise (torch.clamp_min): clamp with no upper bound; NaN stays NaN. */
    public Tensor clampMin(float min) {
        return clamp(min, Float.POSITIVE_INFINITY);
    }

    /** min(x, max) elementwise (torch.clamp_max): clamp with no lower bound; NaN stays NaN. */
    public Tensor clampMax(float max) {
        return clamp(Float.NEGATIVE_INFINITY, max);
    }

    /** max(x, min) elementwise against a tensor, broadcasting (torch.clamp_min); NaN where either is NaN. */
    public Tensor clampMin(Tensor min) {
        return Clamping.clamp(this, min, null, "ClampMinBackward1");
    }

    /** min(x, max) elementwise against a tensor, broadcasting (torch.clamp_max); NaN where either is NaN. */
    public Tensor clampMax(Tensor max) {
        return Clamping.clamp(this, null, max, "ClampMaxBackward1");
    }

    /** The n-th forward difference along {@code dim}: {@code x[i + 1] - x[i]}, n times (torch.diff). */
    public Tensor diff(int n, int dim) {
        return Composed.diff(this, n, dim);
    }

    /** The first difference along the last dimension (torch.diff with its defaults). */
    public Tensor diff() {
        return Composed.diff(this, 1, -1);
    }

    /** The sum over the last dimension of this and other (torch.inner); a product where either is a scalar. */
    public Tensor inner(Tensor other) {
        return Composed.inner(this, other);
    }

    /** {@code log(x / (1 - x))} (torch.logit). */
    public Tensor logit() {
        return Composed.logit(this, null);
    }

    /** {@code log(z / (1 - z))} with z this clamped to [eps, 1 - eps] (torch.logit with eps). */
    public Tensor logit(float eps) {
        return Composed.logit(this, eps);
    }

    /** The normalized sinc, {@code sin(pi x) / (pi x)}, 1 at 0 (torch.sinc). */
    public Tensor sinc() {
        return Composed.sinc(this);
    }

    /** The sum, NaNs counted as 0 (torch.nansum). */
    public Tensor nansum() {
        return Composed.nansum(this);
    }

    /** The mean of the values that are not NaN (torch.nanmean). */
    public Tensor nanmean() {
        return Composed.nanmean(this);
    }

    /** How many values along {@code dim} are not 0, as floats (torch.count_nonzero). */
    public Tensor countNonzero(int dim) {
        return Composed.countNonzero(this, dim);
    }

    /** The magnitude of this with the sign of {@code other}, broadcast (torch.copysign). */
    public Tensor copysign(Tensor other) {
        return Composed.copysign(this, other);
    }

    /** 0 below 0, 1 above, {@code values} where this is 0 (torch.heaviside; not differentiable). */
    public Tensor heaviside(Tensor values) {
        return Composed.heaviside(this, values);
    }

    /** 1 where an element is one of {@code testElements}, else 0 (torch.isin; not differentiable). */
    public Tensor isin(Tensor testElements) {
        return Composed.isin(this, testElements);
    }

    /** The covariance of the variables in the rows (observations in the columns), Bessel-corrected (torch.cov). */
    public Tensor cov() {
        return Composed.cov(this, 1);
    }

    /** The covariance divided by observations - correction (torch.cov with correction). */
    public Tensor cov(int correction) {
        return Composed.cov(this, correction);
    }

    /** Pearson's correlation coefficients of the variables in the rows, clipped to [-1, 1] (torch.corrcoef). */
    public Tensor corrcoef() {
        return Composed.corrcoef(this);
    }

    /** The trapezoid rule's integral along {@code dim} with spacing {@code dx} (torch.trapezoid). */
    public Tensor trapezoid(float dx, int dim) {
        return Composed.trapezoid(this, dx, dim);
    }

    /** torch.trapz, the older name of {@link #trapezoid(float, int)}. */
    public Tensor trapz(float dx, int dim) {
        return trapezoid(dx, dim);
    }

    /**
     * torch.gradient with unit spacing along every dimension and first-order edges: one tensor per dimension, the
     * central differences inside and one-sided ones at the ends; differentiable.
     */
    public java.util.List<Tensor> gradient() {
        return NumericalGradient.uniform(this, new float[] {1f}, null, 1);
    }

    /**
     * torch.gradient along dims (null: all) with uniform spacing, one value for all or one a dimension, and
     * edgeOrder 1 or 2 (one-sided differences of that order at the ends).
     */
    public java.util.List<Tensor> gradient(float[] spacing, int[] dims, int edgeOrder) {
        return NumericalGradient.uniform(this, spacing, dims, edgeOrder);
    }

    /** torch.gradient at coordinates: one 1-D tensor of sample positions for each dimension of dims (null: all). */
    public java.util.List<Tensor> gradient(Tensor[] coordinates, int[] dims, int edgeOrder) {
        return NumericalGradient.atCoordinates(this, coordinates, dims, edgeOrder);
    }

    /**
     * torch.histogram: [hist, bin_edges] of bins equal bins over range ({lo, hi}; null: the data's minimum to
     * maximum), each element counted once or by its weight (null: once), divided into a density if asked. Not
     * differentiable; NaN is refused.
     */
    public java.util.List<Tensor> histogram(int bins, float[] range, Tensor weight, boolean density) {
        return Counting.histogram(this, bins, range, weight, density);
    }

    /** torch.histogram with the bin edges given (1-D, increasing). */
    public java.util.List<Tensor> histogram(Tensor binEdges, Tensor weight, boolean density) {
        return Counting.histogram(this, binEdges, weight, density);
    }

    /**
     * torch.histogramdd: this tensor [..., D] as points of D coordinates; [hist (bins[0] x ... x bins[D-1]), then each
     * dimension's bin edges], each dimension's bins equal over range (2 D values, each dimension's lo and hi; null:
     * the data's extent), each point counted once or by its weight ([...], null: once), divided into a density if
     * asked. Not differentiable; NaN is refused.
     */
    public java.util.List<Tensor> histogramdd(int[] bins, float[] range, Tensor weight, boolean density) {
        return Counting.histogramdd(this, bins, range, weight, density);
    }

    /** torch.histogramdd with each dimension's bin edges given (1-D, increasing). */
    public java.util.List<Tensor> histogramdd(java.util.List<Tensor> binEdges, Tensor weight, boolean density) {
        return Counting.histogramdd(this, binEdges, weight, density);
    }

    /** This tensor flattened onto the diagonal {@code offset} of a square matrix (torch.diagflat). */
    public Tensor diagflat(int offset) {
        return reshape(-1).diag(offset);
    }

    /** {@link #diagflat(int)} on the main diagonal. */
    public Tensor diagflat() {
        return diagflat(0);
    }

    /** The argument of each element as a complex number (torch.angle): pi below 0, 0 from 0 up, NaN for NaN. */
    public Tensor angle() {
        return Pointwise.angle(this);
    }

    /** -1, 0 or 1 by sign (torch.sgn, which for real tensors is sign). */
    public Tensor sgn() {
        return sign();
    }

    /** Uniform [0, 1) values of this shape drawn from g (torch.rand_like). */
    public Tensor randLike(Generator g) {
        return Tensor.rand(g, shape.clone());
    }

    /** Standard normal values of this shape drawn from g (torch.randn_like). */
    public Tensor randnLike(Generator g) {
        return Tensor.randn(g, shape.clone());
    }

    /** Integers in [low, high) of this shape drawn from g (torch.randint_like). */
    public Tensor randintLike(int low, int high, Generator g) {
        return Tensor.randint(g, low, high, shape.clone());
    }

    /** The pseudo-inverse with singular values below rcond times the largest cut (torch.pinverse). */
    public Tensor pinverse(double rcond) {
        return Linalg.pinv(this, 0, rcond);
    }

    /** {@link #pinverse(double)} with PyTorch's default rcond of 1e-15. */
    public Tensor pinverse() {
        return pinverse(1e-15);
    }

    /**
     * torch.triangular_solve(self, a, upper, transpose, unitriangular) (deprecated in PyTorch for
     * linalg.solve_triangular, and still there): X with {@code op(a) X = self}, and a's clone broadcast to the batch.
     */
    public java.util.List<Tensor> triangularSolve(Tensor a, boolean upper, boolean transpose, boolean unitriangular) {
        return LegacyLinalg.triangularSolve(this, a, upper, transpose, unitriangular);
    }

    /** {@link #triangularSolve(Tensor, boolean, boolean, boolean)} with PyTorch's defaults: upper, no transpose. */
    public java.util.List<Tensor> triangularSolve(Tensor a) {
        return triangularSolve(a, true, false, false);
    }

    /**
     * torch.symeig(self, eigenvectors, upper) (deprecated in PyTorch for linalg.eigh): ascending eigenvalues and, when
     * asked, eigenvectors (else an empty tensor), read from the upper (PyTorch's default) or lower triangle.
     */
    public java.util.List<Tensor> symeig(boolean eigenvectors, boolean upper) {
        return LegacyLinalg.symeig(this, eigenvectors, upper);
    }

    /** torch.symeig(self): the eigenvalues from the upper triangle, no eigenvectors. */
    public java.util.List<Tensor> symeig() {
        return symeig(false, true);
    }

    /** torch.lu(self, pivot, get_infos) (deprecated for linalg.lu_factor): LU, pivots and, when asked, infos. */
    public java.util.List<Tensor> lu(boolean pivot, boolean getInfos) {
        return LegacyLinalg.lu(this, pivot, getInfos);
    }

    /** torch.qr(self, some) (deprecated for linalg.qr): Q and R, reduced when {@code some}, else complete. */
    public java.util.List<Tensor> qr(boolean some) {
        return Linalg.qr(this, some ? "reduced" : "complete");
    }

    /** torch.cholesky(self, upper) (deprecated for linalg.cholesky): the lower factor, or the upper one when asked. */
    public Tensor cholesky(boolean upper) {
        return Linalg.cholesky(this, upper);
    }

    /** Tensor.cholesky_inverse(upper): the inverse of the matrix whose Cholesky factor this is. */
    public Tensor choleskyInverse(boolean upper) {
        return Linalg.choleskyInverse(this, upper);
    }

    /** Tensor.cholesky_solve(input2, upper): X with {@code A X = this}, A given by its Cholesky factor input2. */
    public Tensor choleskySolve(Tensor factor, boolean upper) {
        return Linalg.choleskySolve(this, factor, upper);
    }

    /** Tensor.lu_solve(LU_data, LU_pivots): X with {@code A X = this}, A given by torch.lu's factorization. */
    public Tensor luSolve(Tensor lu, Tensor pivots) {
        return Linalg.luSolve(lu, pivots, this);
    }

    /** Tensor.matrix_exp(): the matrix exponential (torch.linalg.matrix_exp). */
    public Tensor matrixExp() {
        return Linalg.matrixExp(this);
    }

    /** Tensor.matrix_power(n): the matrix to the integer power n (negative n through the inverse). */
    public Tensor matrixPower(int n) {
        return Linalg.matrixPower(this, n);
    }

    /** Tensor.slogdet(): the sign and the log of the absolute value of the determinant. */
    public java.util.List<Tensor> slogdet() {
        return Linalg.slogdet(this);
    }

    /**
     * torch.svd(self, some, compute_uv) (deprecated for linalg.svd, and still there): U, S and V itself (not V's
     * transpose, as linalg.svd gives), reduced when {@code some}; without compute_uv, U and V are zero-filled [m, m]
     * and [n, n] matrices and S alone is computed, as PyTorch's.
     */
    public java.util.List<Tensor> svd(boolean some, boolean computeUv) {
        if (!computeUv) {
            int m = size(-2), n = size(-1);
            int[] u = shape.clone(), v = shape.clone();
            u[u.length - 1] = m;
            v[v.length - 2] = n;
            return java.util.List.of(Tensor.zeros(u), Linalg.svdvals(this), Tensor.zeros(v));
        }
        java.util.List<Tensor> usv = Linalg.svd(this, !some);
        return java.util.List.of(usv.get(0), usv.get(1), usv.get(2).mT());
    }

    /** torch.svd(self): reduced U, S and V. */
    public java.util.List<Tensor> svd() {
        return svd(true, true);
    }

    /** Tensor.geqrf(): the compact QR factorization (a, tau), as torch.geqrf. */
    public java.util.List<Tensor> geqrf() {
        return Linalg.geqrf(this);
    }

    /** Tensor.ormqr(tau, other, left, transpose): other times the Q of this compact QR, as torch.ormqr. */
    public Tensor ormqr(Tensor tau, Tensor other, boolean left, boolean transpose) {
        return Linalg.ormqr(this, tau, other, left, transpose);
    }

    /** The product of Householder reflectors (torch.orgqr, the name of linalg.householder_product). */
    public Tensor orgqr(Tensor tau) {
        return Linalg.householderProduct(this, tau);
    }

    /** The sum of singular values of each matrix of the last two dimensions (torch.nuclear_norm). */
    public Tensor nuclearNorm(boolean keepdim) {
        return Linalg.matrixNorm(this, "nuc", keepdim);
    }

    /** The Frobenius norm of each matrix of the last two dimensions (torch.frobenius_norm). */
    public Tensor frobeniusNorm(boolean keepdim) {
        return Linalg.matrixNorm(this, "fro", keepdim);
    }

    /** The product of matrices, in the cheapest order (torch.chain_matmul, an older name of linalg.multi_dot). */
    public static Tensor chainMatmul(Tensor... matrices) {
        return Linalg.multiDot(java.util.List.of(matrices));
    }

    /** The tensors expanded to their common broadcast shape (torch.broadcast_tensors); views, differentiable. */
    public static java.util.List<Tensor> broadcastTensors(Tensor... tensors) {
        int[] shape = new int[0];
        for (Tensor t : tensors) {
            shape = Shapes.broadcast(shape, t.shape, "broadcast_tensors");
        }
        java.util.List<Tensor> out = new java.util.ArrayList<>(tensors.length);
        for (Tensor t : tensors) {
            out.add(t.expand(shape));
        }
        return out;
    }

    /** The periodic Hann window of n points (torch.hann_window). */
    public static Tensor hannWindow(int n) {
        return hannWindow(n, true);
    }

    /** The Hann window, periodic (for spectral analysis) or symmetric (for filter design). */
    public static Tensor hannWindow(int n, boolean periodic) {
        return SignalWindows.hamming("hann_window", n, periodic, 0.5, 0.5);
    }

    /** The periodic Hamming window of n points (torch.hamming_window, alpha 0.54, beta 0.46). */
    public static Tensor hammingWindow(int n) {
        return hammingWindow(n, true, 0.54, 0.46);
    }

    /** The generalized Hamming window {@code alpha - beta cos(2 pi i / (N - 1))}, periodic or symmetric. */
    public static Tensor hammingWindow(int n, boolean periodic, double alpha, double beta) {
        return SignalWindows.hamming("hamming_window", n, periodic, alpha, beta);
    }

    /** The Blackman window of n points, periodic or symmetric (torch.blackman_window). */
    public static Tensor blackmanWindow(int n, boolean periodic) {
        return SignalWindows.blackman(n, periodic);
    }

    /** The Bartlett (triangular) window of n points, periodic or symmetric (torch.bartlett_window). */
    public static Tensor bartlettWindow(int n, boolean periodic) {
        return SignalWindows.bartlett(n, periodic);
    }

    /** The Kaiser window of n points with shape parameter beta (PyTorch's default 12), periodic or symmetric. */
    public static Tensor kaiserWindow(int n, boolean periodic, double beta) {
        return SignalWindows.kaiser(n, periodic, beta);
    }

    /** The running trapezoid-rule integral along {@code dim} (torch.cumulative_trapezoid). */
    public Tensor cumulativeTrapezoid(float dx, int dim) {
        return Composed.cumulativeTrapezoid(this, dx, dim);
    }

    /** Degrees to radians (torch.deg2rad). */
    public Tensor deg2rad() {
        return Composed.degrees(this, true);
    }

    /** Radians to degrees (torch.rad2deg). */
    public Tensor rad2deg() {
        return Composed.degrees(this, false);
    }

    /** {@code base} to the power of {@code steps} points evenly spaced from start to end (torch.logspace). */
    public static Tensor logspace(float start, float end, int steps, float base) {
        return Composed.logspace(start, end, steps, base);
    }

    /**
     * {@code this + weight (end - this)}, broadcasting (torch.lerp with a scalar weight). As PyTorch 1.13 on x86, to
     * the last bit: {@code fma(weight, end - this, this)} below 0.5, and from the end, {@code fma(-(1 - weight),
     * end - this, end)}, from 0.5 up, so weight 1 gives end exactly.
     */
    public Tensor lerp(Tensor end, float weight) {
        return Lerp.lerp(this, end, weight);
    }

    /**
     * {@code this + weight * (end - this)} with a weight per element, broadcasting all three (torch.lerp with a tensor
     * weight), rounded as PyTorch rounds it (see {@link #lerp(Tensor, float)}); differentiable in all three.
     */
    public Tensor lerp(Tensor end, Tensor weight) {
        return Lerp.lerp(this, end, weight);
    }

    /**
     * Each slice along dim repeated {@code repeats} times in place, [a, b] becoming [a, a, b, b]
     * (torch.repeat_interleave); its gradient sums the copies.
     */
    public Tensor repeatInterleave(int repeats, int dim) {
        if (repeats < 0) {
            throw new IllegalArgumentException("repeat_interleave: repeats can not be negative, got " + repeats);
        }
        if (dim() == 0) {
            return reshape(1).repeatInterleave(repeats, 0);
        }
        int d = Shapes.wrapDim(dim, dim());
        int[] from = new int[Math.multiplyExact(shape[d], repeats)];
        for (int i = 0; i < from.length; i++) {
            from[i] = i / repeats;
        }
        return indexSelect(d, from);
    }

    /** {@link #repeatInterleave(int, int)} over the flattened tensor: a 1-D result. */
    public Tensor repeatInterleave(int repeats) {
        return reshape(-1).repeatInterleave(repeats, 0);
    }

    /** The slices along {@code dim}, each a view without that dimension (torch.unbind). */
    public java.util.List<Tensor> unbind(int dim) {
        int d = Shapes.wrapDim(dim, dim());
        if (dim() == 0) {
            throw new IllegalArgumentException("unbind: Dimension specified as " + dim
                    + " but tensor has no dimensions");
        }
        Tensor[] slices = new Tensor[shape[d]];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = select(d, i);
        }
        return java.util.List.of(slices);
    }

    /**
     * Einstein summation (torch.einsum): {@code einsum("bij,bjk->bik", a, b)}; without "->" the output holds the
     * letters seen once, alphabetically. "..." stands for the dimensions an operand's letters leave unnamed (broadcast
     * across operands), and a letter repeated within one operand takes its diagonal ("ii->i"). Contracted as batched
     * products, so it is differentiable.
     */
    public static Tensor einsum(String equation, Tensor... operands) {
        return Einsum.einsum(equation, java.util.List.of(operands));
    }

    /**
     * The diagonal of dims dim1 and dim2, offset above (positive) or below the main one, as a new last dimension
     * (torch.diagonal): a view, so writing into it writes this tensor's diagonal.
     */
    public Tensor diagonal(int offset, int dim1, int dim2) {
        return Views.diagonal(this, offset, dim1, dim2);
    }

    /** The inverse of each square matrix of the last two dimensions (torch.inverse); see {@link Linalg#inv}. */
    public Tensor inverse() {
        return Linalg.inv(this);
    }

    /** The determinant of each square matrix of the last two dimensions (torch.det); see {@link Linalg#det}. */
    public Tensor det() {
        return Linalg.det(this);
    }

    /** log(det) of each square matrix, NaN where the determinant is negative (torch.logdet); see {@link Linalg}. */
    public Tensor logdet() {
        return Linalg.logdet(this);
    }

    /** The sum of a matrix's main diagonal (torch.trace). */
    public Tensor trace() {
        if (dim() != 2) {
            throw new IllegalArgumentException("trace: expected a matrix, but got tensor with dim " + dim()
                    + " (shape " + Shapes.str(shape) + ")");
        }
        return diagonal(0, 0, 1).sum();
    }

    /**
     * torch.diag: for a vector, the square matrix with it on the diagonal {@code offset} (above the main one if
     * positive); for a matrix, that diagonal as a vector.
     */
    public Tensor diag(int offset) {
        if (dim() == 2) {
            return diagonal(offset, 0, 1);
        }
        if (dim() != 1) {
            throw new IllegalArgumentException("diag(): Supports 1D or 2D tensors. Got " + dim() + "D "
                    + Shapes.str(shape));
        }
        int n = shape[0], k = Math.abs(offset);
        Tensor square = Tensor.eye(n).mul(unsqueeze(0));   // column j holds this[j] on the diagonal
        if (k == 0) {
            return square;
        }
        Tensor side = Tensor.zeros(n, k), corner = Tensor.zeros(k, n + k);
        return offset > 0
                ? Tensor.cat(java.util.List.of(Tensor.cat(java.util.List.of(side, square), 1), corner), 0)
                : Tensor.cat(java.util.List.of(corner, Tensor.cat(java.util.List.of(square, side), 1)), 0);
    }

    /**
     * The last dimension placed on the diagonal (offset above the main one if positive) of new dimensions dim1 and
     * dim2, zeros elsewhere (torch.diag_embed); the gradient is the diagonal of the output's.
     */
    public Tensor diagEmbed(int offset, int dim1, int dim2) {
        return ViewScatters.diagEmbed(this, offset, dim1, dim2);
    }

    /** {@link #diagEmbed(int, int, int)} on the main diagonal of two new last dimensions (diag_embed's defaults). */
    public Tensor diagEmbed() {
        return ViewScatters.diagEmbed(this, 0, -2, -1);
    }

    /** The outer product of two 1-D tensors: {@code out[i][j] = this[i] * other[j]} (torch.outer). */
    public Tensor outer(Tensor other) {
        if (dim() != 1 || other.dim() != 1) {
            throw new IllegalArgumentException("outer: Expected 1-D arguments, but got " + dim() + "-D "
                    + Shapes.str(shape) + " and " + other.dim() + "-D " + Shapes.str(other.shape));
        }
        return unsqueeze(1).mul(other.unsqueeze(0));
    }

    /** The largest integer not above each element (torch.floor); its gradient is 0. */
    public Tensor floor() {
        return Pointwise.rounded(this, dev.vgrad.kernels.UnaryOp.FLOOR, "FloorBackward0");
    }

    /** The smallest integer not below each element (torch.ceil); its gradient is 0. */
    public Tensor ceil() {
        return Pointwise.rounded(this, dev.vgrad.kernels.UnaryOp.CEIL, "CeilBackward0");
    }

    /** Each element rounded to the nearest integer, halves to even (torch.round); its gradient is 0. */
    public Tensor round() {
        return Pointwise.rounded(this, dev.vgrad.kernels.UnaryOp.ROUND, "RoundBackward0");
    }

    /** Each element rounded toward zero (torch.trunc); its gradient is 0. */
    public Tensor trunc() {
        return Pointwise.rounded(this, dev.vgrad.kernels.UnaryOp.TRUNC, "TruncBackward0");
    }

    /** {@code x - trunc(x)}, with x's sign (torch.frac); its gradient is 1. */
    public Tensor frac() {
        return sub(trunc());
    }

    /** The remainder of dividing by {@code divisor}, with this element's sign (torch.fmod, C's fmod). */
    public Tensor fmod(float divisor) {
        return Pointwise.remainder(this, dev.vgrad.kernels.UnaryOp.FMOD_SCALAR, divisor, "FmodBackward0");
    }

    /** The remainder of dividing by {@code divisor}, with the divisor's sign (torch.remainder, Python's %). */
    public Tensor remainder(float divisor) {
        return Pointwise.remainder(this, dev.vgrad.kernels.UnaryOp.REMAINDER_SCALAR, divisor, "RemainderBackward0");
    }

    /**
     * The remainder of dividing by {@code other} elementwise, broadcasting, with this element's sign (torch.fmod with
     * a tensor divisor); NaN where other is 0. Its gradient is g for this and {@code -g trunc(this / other)} for
     * other, as PyTorch's.
     */
    public Tensor fmod(Tensor other) {
        return ElementaryFunctions.fmod(this, other);
    }

    /**
     * The remainder of dividing by {@code other} elementwise, broadcasting, with other's sign (torch.remainder with a
     * tensor divisor, Python's %); NaN where other is 0. Its gradient is g for this and {@code -g floor(this / other)}
     * for other, as PyTorch's.
     */
    public Tensor remainder(Tensor other) {
        return ElementaryFunctions.remainder(this, other);
    }

    /**
     * The quotient rounded as roundingMode says, "trunc" (toward zero) or "floor" (down), broadcasting (torch.div with
     * rounding_mode); computed in float as PyTorch's kernels compute it. Its gradient is 0, as PyTorch's.
     */
    public Tensor div(Tensor other, String roundingMode) {
        return IntegerArithmetic.divRounded(this, other, roundingMode);
    }

    /** {@link #div(Tensor, String)} by a number. */
    public Tensor div(float other, String roundingMode) {
        return IntegerArithmetic.divRounded(this, Tensor.scalar(other), roundingMode);
    }

    /**
     * The quotient rounded down (torch.floor_divide, as Python's //), broadcasting; backward through it is refused,
     * as PyTorch's ("the derivative for 'floor_divide' is not implemented.").
     */
    public Tensor floorDivide(Tensor other) {
        return IntegerArithmetic.floorDivide(this, other);
    }

    /** {@link #floorDivide(Tensor)} by a number. */
    public Tensor floorDivide(float other) {
        return IntegerArithmetic.floorDivide(this, Tensor.scalar(other));
    }

    /** The non-negative greatest common divisor of each pair of integers, broadcasting (torch.gcd); no gradient. */
    public Tensor gcd(Tensor other) {
        return IntegerArithmetic.gcd(this, other);
    }

    /** The non-negative least common multiple of each pair of integers, broadcasting (torch.lcm); no gradient. */
    public Tensor lcm(Tensor other) {
        return IntegerArithmetic.lcm(this, other);
    }

    /** The bitwise AND of each pair of integers (as floats; two's complement, as PyTorch's int64), broadcasting. */
    public Tensor bitwiseAnd(Tensor other) {
        return IntegerArithmetic.bitwise("bitwise_and", this, other);
    }

    /** The bitwise OR of each pair of integers, broadcasting (torch.bitwise_or). */
    public Tensor bitwiseOr(Tensor other) {
        return IntegerArithmetic.bitwise("bitwise_or", this, other);
    }

    /** The bitwise XOR of each pair of integers, broadcasting (torch.bitwise_xor). */
    public Tensor bitwiseXor(Tensor other) {
        return IntegerArithmetic.bitwise("bitwise_xor", this, other);
    }

    /** {@code ~x = -x - 1} of each integer (torch.bitwise_not). */
    public Tensor bitwiseNot() {
        return IntegerArithmetic.bitwiseNot(this);
    }

    /** Each integer shifted left by other's (the count mod 64, as PyTorch's on x86), broadcasting. */
    public Tensor bitwiseLeftShift(Tensor other) {
        return IntegerArithmetic.bitwise("bitwise_left_shift", this, other);
    }

    /** Each integer shifted right arithmetically by other's (the count mod 64), broadcasting. */
    public Tensor bitwiseRightShift(Tensor other) {
        return IntegerArithmetic.bitwise("bitwise_right_shift", this, other);
    }

    /**
     * [mantissa, exponent] with {@code this = mantissa * 2^exponent} and |mantissa| in [0.5, 1) (torch.frexp; 0,
     * infinities and NaN give themselves and exponent 0). The mantissa's gradient is {@code g / 2^exponent}.
     */
    public java.util.List<Tensor> frexp() {
        return NumberRepresentation.frexp(this);
    }

    /** {@code this * 2^other}, broadcasting (torch.ldexp); differentiable in both. */
    public Tensor ldexp(Tensor other) {
        return NumberRepresentation.ldexp(this, other);
    }

    /** The float next to each element toward other's (torch.nextafter); backward through it is refused. */
    public Tensor nextafter(Tensor other) {
        return NumberRepresentation.nextafter(this, other);
    }

    /**
     * {@code this ^ exponent} computed in double and rounded once to float, broadcasting (torch.float_power, whose
     * result PyTorch keeps in double); gradients as pow's.
     */
    public Tensor floatPower(Tensor exponent) {
        return NumberRepresentation.floatPower(this, exponent);
    }

    /** {@link #floatPower(Tensor)} with a number as the exponent. */
    public Tensor floatPower(float exponent) {
        return NumberRepresentation.floatPower(this, Tensor.scalar(exponent));
    }

    /**
     * Tensor.hardshrink(lambd): this where |this| > lambd, else 0 with gradient 0, the bounds included (F.hardshrink);
     * NaN stays NaN.
     */
    public Tensor hardshrink(float lambd) {
        return where(ge(-lambd).mul(le(lambd)), zeros(), this);
    }

    /**
     * Tensor.prelu(weight): this where positive, else this times its slope: one slope, or one per channel (dimension
     * 1), as F.prelu.
     *
     * @throws IllegalArgumentException for a weight that is neither, naming both shapes
     */
    public Tensor prelu(Tensor weight) {
        if (weight.dim() != 1 || (weight.size(0) != 1 && (dim() < 2 || weight.size(0) != size(1)))) {
            throw new IllegalArgumentException("prelu: weight " + java.util.Arrays.toString(weight.shape())
                    + " must hold 1 slope or one per channel (dimension 1) of input "
                    + java.util.Arrays.toString(shape));
        }
        Tensor slope = weight;
        if (weight.size(0) != 1) {
            int[] s = new int[dim()];
            java.util.Arrays.fill(s, 1);
            s[1] = weight.size(0);
            slope = weight.reshape(s);
        }
        return where(gt(0f), this, mul(slope));
    }

    /** Tensor.narrow_copy(dim, start, length): the narrowed elements as a new tensor, not a view. */
    public Tensor narrowCopy(int dim, int start, int length) {
        return narrow(dim, start, length).clone();
    }

    /** Tensor.unsafe_chunk: {@link #chunk}, whose views PyTorch does not guard against in-place changes. */
    public java.util.List<Tensor> unsafeChunk(int chunks, int dim) {
        return chunk(chunks, dim);
    }

    /** Tensor.unsafe_split: {@link #split(int, int)}. */
    public java.util.List<Tensor> unsafeSplit(int splitSize, int dim) {
        return split(splitSize, dim);
    }

    /** Tensor.unsafe_split_with_sizes: {@link #split(int[], int)}. */
    public java.util.List<Tensor> unsafeSplitWithSizes(int[] sizes, int dim) {
        return split(sizes, dim);
    }

    /** Tensor.stft(n_fft): {@link Stft#stft(Tensor, int)}. */
    public Tensor stft(int nFft) {
        return Stft.stft(this, nFft);
    }

    /** Tensor.istft(n_fft): {@link Stft#istft(Tensor, int)}, this a spectrogram in view_as_real's form. */
    public Tensor istft(int nFft) {
        return Stft.istft(this, nFft);
    }

    /**
     * Tensor.apply_(callable): {@code f} called on each element (as a double, as Python's float), the results written
     * back in place; no gradient.
     *
     * @throws IllegalStateException on a tensor that requires grad, as PyTorch refuses it
     */
    public Tensor apply_(java.util.function.DoubleUnaryOperator f) {
        return ElementCallbacks.apply(this, f);
    }

    /** Tensor.map_(other, callable): {@code f(self element, other element)}, other broadcast to this, in place. */
    public Tensor map_(Tensor other, java.util.function.DoubleBinaryOperator f) {
        return ElementCallbacks.map(this, other, f);
    }

    /** Tensor.map2_(x, y, callable): {@code f(self element, x element, y element)}, both broadcast, in place. */
    public Tensor map2_(Tensor x, Tensor y, DoubleTernaryOperator f) {
        return ElementCallbacks.map2(this, x, y, f);
    }

    /** Tensor.tolist(): nested lists of Floats, row-major (a 0-d tensor gives its Float). */
    public Object tolist() {
        return ElementCallbacks.toList(this);
    }

    /** Tensor.conj(): a real tensor is its own conjugate (vgrad's tensors are real), so this itself, as PyTorch's. */
    public Tensor conj() {
        return this;
    }

    /** Tensor.resolve_conj(): this (a real tensor has no lazy conjugation to resolve). */
    public Tensor resolveConj() {
        return this;
    }

    /** Tensor.resolve_neg(): this (no lazy negation to resolve). */
    public Tensor resolveNeg() {
        return this;
    }

    /** Tensor.is_complex(): false, vgrad's tensors being real (complex ones are written as {@link Fft} says). */
    public boolean isComplex() {
        return false;
    }

    /** Tensor.is_conj(): false. */
    public boolean isConj() {
        return false;
    }

    /** Tensor.is_neg(): false. */
    public boolean isNeg() {
        return false;
    }

    /** Tensor.cpu(): this, which is on the CPU already. */
    public Tensor cpu() {
        return this;
    }

    /** The regularized lower incomplete gamma function P(this, x) (torch.igamma); see {@link Special#gammainc}. */
    public Tensor igamma(Tensor x) {
        return Special.gammainc(this, x);
    }

    /** The regularized upper incomplete gamma function Q(this, x) (torch.igammac); see {@link Special#gammaincc}. */
    public Tensor igammac(Tensor x) {
        return Special.gammaincc(this, x);
    }

    /** -1, 0 or 1 by the sign of each element (0 for NaN, as PyTorch). */
    public Tensor sign() {
        return Comparison.sign(this);
    }

    /** 1 where this > value, else 0 (PyTorch's {@code gt}, as floats). */
    public Tensor gt(float value) {
        return Comparison.mask(this, dev.vgrad.kernels.UnaryOp.GT_MASK, value);
    }

    /** 1 where this < value, else 0. */
    public Tensor lt(float value) {
        return Comparison.mask(this, dev.vgrad.kernels.UnaryOp.LT_MASK, value);
    }

    /** 1 where this == value, else 0. */
    public Tensor eq(float value) {
        return Comparison.mask(this, dev.vgrad.kernels.UnaryOp.EQ_SCALAR_MASK, value);
    }

    /** 1 where this >= value, else 0. */
    public Tensor ge(float value) {
        return Comparison.mask(this, dev.vgrad.kernels.UnaryOp.GE_MASK, value);
    }

    /** 1 where this <= value, else 0. */
    public Tensor le(float value) {
        return Comparison.mask(this, dev.vgrad.kernels.UnaryOp.LE_MASK, value);
    }

    /** 1 where this != value (and where this is NaN), else 0. */
    public Tensor ne(float value) {
        return Comparison.mask(this, dev.vgrad.kernels.UnaryOp.NE_SCALAR_MASK, value);
    }

    /** 1 where this > other, broadcasting, else 0. */
    public Tensor gt(Tensor other) {
        return Comparison.mask(this, dev.vgrad.kernels.BinaryOp.GT, other, "gt");
    }

    /** 1 where this < other, broadcasting, else 0. */
    public Tensor lt(Tensor other) {
        return Comparison.mask(this, dev.vgrad.kernels.BinaryOp.LT, other, "lt");
    }

    /** 1 where this >= other, broadcasting, else 0. */
    public Tensor ge(Tensor other) {
        return Comparison.mask(this, dev.vgrad.kernels.BinaryOp.GE, other, "ge");
    }

    /** 1 where this <= other, broadcasting, else 0. */
    public Tensor le(Tensor other) {
        return Comparison.mask(this, dev.vgrad.kernels.BinaryOp.LE, other, "le");
    }

    /** 1 where this == other, broadcasting, else 0 (0 where either is NaN). */
    public Tensor eq(Tensor other) {
        return Comparison.mask(this, dev.vgrad.kernels.BinaryOp.EQ, other, "eq");
    }

    /** 1 where this != other, broadcasting, else 0 (1 where either is NaN). */
    public Tensor ne(Tensor other) {
        return Comparison.mask(this, dev.vgrad.kernels.BinaryOp.NE, other, "ne");
    }

    // ---------------------------------------------------------------- comparison and printing

    /** Whether the shapes match and {@code |a - b| <= atol + rtol * |b|} everywhere (NaN equal to NaN). */
    public boolean allClose(Tensor other, float rtol, float atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        float[] a = toArray(), b = other.toArray();
        for (int i = 0; i < a.length; i++) {
            boolean bothNaN = Float.isNaN(a[i]) && Float.isNaN(b[i]);
            if (!bothNaN && !(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i])) && a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * PyTorch's printed form, e.g. {@code tensor([2., 2.], grad_fn=<MulBackward0>)}, under the print options in force
     * ({@link #setPrintoptions}).
     */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    /**
     * {@code torch.set_printoptions}: how every tensor prints from now on, in every thread: the options {@code options}
     * names (a profile first, then precision, threshold, edge items and line width over it), and its notation, which
     * is set on every call (null: chosen by the values). {@code PrintOptions.current()} saved before restores.
     */
    public static void setPrintoptions(PrintOptions options) {
        PrintOptions.set(options);
    }

    /**
     * {@code torch.set_num_threads(n)}: how many threads every kernel may use from now on, the calling thread
     * included ({@code kernels.Parallel.setThreads}); below 1 is refused.
     */
    public static void setNumThreads(int n) {
        dev.vgrad.kernels.Parallel.setThreads(n);
    }

    /** {@code torch.get_num_threads()}: the kernels' threads (the available cores unless set otherwise). */
    public static int getNumThreads() {
        return dev.vgrad.kernels.Parallel.threads();
    }

    // ---------------------------------------------------------------- more of PyTorch's names, written from the ops above

    /** torch.broadcast_to: this tensor expanded to {@code shape} (a view; new leading dimensions allowed). */
    public Tensor broadcastTo(int... shape) {
        return Reshaping.broadcastTo(this, shape);
    }

    /** torch.tile: this tensor repeated {@code reps} times along each dimension (reps padded with leading 1s). */
    public Tensor tile(int... reps) {
        return Reshaping.tile(this, reps);
    }

    /** torch.atleast_1d: a 0-d tensor as [1], others as they are. */
    public static Tensor atleast1d(Tensor x) {
        return Reshaping.atLeast(x, 1);
    }

    /** torch.atleast_2d: leading dimensions of 1 up to 2-D. */
    public static Tensor atleast2d(Tensor x) {
        return Reshaping.atLeast(x, 2);
    }

    /** torch.atleast_3d: [n] as [1, n, 1], [m, n] as [m, n, 1], a 0-d tensor as [1, 1, 1]. */
    public static Tensor atleast3d(Tensor x) {
        return Reshaping.atLeast(x, 3);
    }

    /** torch.vstack (row_stack): the tensors at least 2-D, joined along dimension 0. */
    public static Tensor vstack(java.util.List<Tensor> tensors) {
        return Reshaping.stackAlong("vstack", tensors);
    }

    /** torch.hstack: 1-D tensors joined along dimension 0, others along dimension 1. */
    public static Tensor hstack(java.util.List<Tensor> tensors) {
        return Reshaping.stackAlong("hstack", tensors);
    }

    /** torch.dstack: the tensors at least 3-D, joined along dimension 2. */
    public static Tensor dstack(java.util.List<Tensor> tensors) {
        return Reshaping.stackAlong("dstack", tensors);
    }

    /** torch.column_stack: 0- and 1-D tensors as columns, joined with the others along dimension 1. */
    public static Tensor columnStack(java.util.List<Tensor> tensors) {
        return Reshaping.columnStack(tensors);
    }

    /**
     * torch.tensor_split into {@code sections} views along dim, the first (size mod sections) one longer (parts may be
     * empty, unlike chunk's).
     */
    public java.util.List<Tensor> tensorSplit(int sections, int dim) {
        return Reshaping.tensorSplit(this, sections, dim);
    }

    /** torch.tensor_split at indices along dim: [0, i0), [i0, i1), ..., [ik, size), as Python slices (views). */
    public java.util.List<Tensor> tensorSplit(int[] indices, int dim) {
        return Reshaping.tensorSplitAt(this, indices, dim);
    }

    /** Tensor.unflatten: dimension dim split into {@code sizes} (one may be -1), a view where reshape gives one. */
    public Tensor unflatten(int dim, int... sizes) {
        return Reshaping.unflatten(this, dim, sizes);
    }

    /** torch.take: this tensor read as 1-D at {@code index}'s integers (negative from the end), shaped as index. */
    public Tensor take(Tensor index) {
        return Reshaping.take(this, index);
    }

    /** torch.block_diag: the tensors (at most 2-D) down the diagonal of one matrix, zeros elsewhere. */
    public static Tensor blockDiag(java.util.List<Tensor> tensors) {
        return Reshaping.blockDiag(tensors);
    }

    /** torch.cartesian_prod of 1-D tensors: every combination of their elements, one row each. */
    public static Tensor cartesianProd(java.util.List<Tensor> tensors) {
        return Reshaping.cartesianProd(tensors);
    }

    /**
     * torch.combinations of this 1-D tensor: every r-element combination as a row, in order (with replacement,
     * elements may repeat).
     */
    public Tensor combinations(int r, boolean withReplacement) {
        return Reshaping.combinations(this, r, withReplacement);
    }

    /** torch.argwhere: the indices of the nonzero elements, one row each ([count, dim]), as {@link #nonzero()}. */
    public Tensor argwhere() {
        return nonzero();
    }

    /** torch.logical_and: 1 where both this and other (broadcast) are nonzero; no gradient. */
    public Tensor logicalAnd(Tensor other) {
        return Logical.logical("and", this, other);
    }

    /** torch.logical_or: 1 where this or other (broadcast) is nonzero; no gradient. */
    public Tensor logicalOr(Tensor other) {
        return Logical.logical("or", this, other);
    }

    /** torch.logical_xor: 1 where exactly one of this and other (broadcast) is nonzero; no gradient. */
    public Tensor logicalXor(Tensor other) {
        return Logical.logical("xor", this, other);
    }

    /** torch.logical_not: 1 where this tensor is 0; no gradient. */
    public Tensor logicalNot() {
        return Logical.not(this);
    }

    /**
     * torch.isclose: 1 where |this - other| <= atol + rtol |other| (broadcast) or the two are equal (infinities of one
     * sign included); NaNs are close to each other only with equalNan. No gradient.
     */
    public Tensor isclose(Tensor other, double rtol, double atol, boolean equalNan) {
        return Logical.isclose(this, other, rtol, atol, equalNan);
    }

    /** {@link #isclose(Tensor, double, double, boolean)} with PyTorch's defaults: rtol 1e-5, atol 1e-8, NaNs apart. */
    public Tensor isclose(Tensor other) {
        return isclose(other, 1e-5, 1e-8, false);
    }

    /** torch.allclose: whether isclose holds everywhere. */
    public boolean allclose(Tensor other, double rtol, double atol, boolean equalNan) {
        return isclose(other, rtol, atol, equalNan).logicalNot().sum().item() == 0f;
    }

    /** {@link #allclose(Tensor, double, double, boolean)} with PyTorch's defaults. */
    public boolean allclose(Tensor other) {
        return allclose(other, 1e-5, 1e-8, false);
    }

    /** torch.signbit: 1 where the sign bit is set (negative numbers and -0 included); no gradient. */
    public Tensor signbit() {
        return Logical.signbit(this);
    }

    /** torch.baddbmm: {@code beta * this + alpha * bmm(batch1, batch2)}; beta 0 ignores this (its NaNs too). */
    public Tensor baddbmm(Tensor batch1, Tensor batch2, float beta, float alpha) {
        return AddProducts.baddbmm(this, batch1, batch2, beta, alpha);
    }

    /** torch.addbmm: {@code beta * this + alpha * sum over the batch of bmm(batch1, batch2)}. */
    public Tensor addbmm(Tensor batch1, Tensor batch2, float beta, float alpha) {
        return AddProducts.addbmm(this, batch1, batch2, beta, alpha);
    }

    /** torch.addmv: {@code beta * this + alpha * mat vec}. */
    public Tensor addmv(Tensor mat, Tensor vec, float beta, float alpha) {
        return AddProducts.addmv(this, mat, vec, beta, alpha);
    }

    /** torch.addr: {@code beta * this + alpha * outer(vec1, vec2)}. */
    public Tensor addr(Tensor vec1, Tensor vec2, float beta, float alpha) {
        return AddProducts.addr(this, vec1, vec2, beta, alpha);
    }

    /** torch.vdot for real 1-D tensors: their dot product. */
    public Tensor vdot(Tensor other) {
        return AddProducts.vdot(this, other);
    }

    /** torch.var_mean along dim: {var, mean}. */
    public java.util.List<Tensor> varMean(int dim, boolean unbiased, boolean keepdim) {
        return java.util.List.of(var(dim, unbiased, keepdim), mean(dim, keepdim));
    }

    /** torch.std_mean along dim: {std, mean}. */
    public java.util.List<Tensor> stdMean(int dim, boolean unbiased, boolean keepdim) {
        return java.util.List.of(std(dim, unbiased, keepdim), mean(dim, keepdim));
    }

    /** torch.aminmax along dim: {amin, amax}. */
    public java.util.List<Tensor> aminmax(int dim, boolean keepdim) {
        return java.util.List.of(amin(dim, keepdim), amax(dim, keepdim));
    }

    /** torch.aminmax of all elements: {amin, amax}. */
    public java.util.List<Tensor> aminmax() {
        if (numel() == 0) {
            throw new IllegalArgumentException("aminmax(): cannot compute aminmax over an empty dimension as the "
                    + "operation has no identity (shape " + Shapes.str(shape) + ")");
        }
        return java.util.List.of(amin(), amax());
    }

    /** torch.fmax: the larger of this and other (broadcast), the other one where one is NaN. */
    public Tensor fmax(Tensor other) {
        return Composed.fmaxOrMin(this, other, true);
    }

    /** torch.fmin: the smaller of this and other (broadcast), the other one where one is NaN. */
    public Tensor fmin(Tensor other) {
        return Composed.fmaxOrMin(this, other, false);
    }

    /** torch.logaddexp2: log2(2^this + 2^other), broadcast. */
    public Tensor logaddexp2(Tensor other) {
        return ElementaryFunctions.logaddexp2(this, other);
    }

    /** torch.kthvalue: {the k-th smallest value along dim (k from 1), its index}. */
    public java.util.List<Tensor> kthvalue(int k, int dim, boolean keepdim) {
        return Composed.kthvalue(this, k, dim, keepdim);
    }

    /**
     * torch.renorm: each slice along dim whose p-norm exceeds maxnorm scaled down to it (by maxnorm / (norm + 1e-7)),
     * the others unchanged.
     */
    public Tensor renorm(float p, int dim, float maxnorm) {
        return Composed.renorm(this, p, dim, maxnorm);
    }

    // ---------------------------------------------------------------- PyTorch's aliases, for code written against them

    /** torch.absolute: {@link #abs()}. */
    public Tensor absolute() {
        return abs();
    }

    /** torch.arccos: {@link #acos()}. */
    public Tensor arccos() {
        return acos();
    }

    /** torch.arccosh: {@link #acosh()}. */
    public Tensor arccosh() {
        return acosh();
    }

    /** torch.arcsin: {@link #asin()}. */
    public Tensor arcsin() {
        return asin();
    }

    /** torch.arcsinh: {@link #asinh()}. */
    public Tensor arcsinh() {
        return asinh();
    }

    /** torch.arctan: {@link #atan()}. */
    public Tensor arctan() {
        return atan();
    }

    /** torch.arctan2: {@link #atan2(Tensor)}. */
    public Tensor arctan2(Tensor other) {
        return atan2(other);
    }

    /** torch.arctanh: {@link #atanh()}. */
    public Tensor arctanh() {
        return atanh();
    }

    /** torch.clip: {@link #clamp(float, float)}. */
    public Tensor clip(float min, float max) {
        return clamp(min, max);
    }

    /** torch.fix: {@link #trunc()}. */
    public Tensor fix() {
        return trunc();
    }

    /** torch.multiply: {@link #mul(Tensor)}. */
    public Tensor multiply(Tensor other) {
        return mul(other);
    }

    /** torch.divide (true_divide): {@link #div(Tensor)}. */
    public Tensor divide(Tensor other) {
        return div(other);
    }

    /** torch.true_divide: {@link #div(Tensor)}. */
    public Tensor trueDivide(Tensor other) {
        return div(other);
    }

    /** torch.subtract: {@link #sub(Tensor)}. */
    public Tensor subtract(Tensor other) {
        return sub(other);
    }

    /** torch.negative: {@link #neg()}. */
    public Tensor negative() {
        return neg();
    }

    /** torch.positive: this tensor itself. */
    public Tensor positive() {
        return this;
    }

    /** torch.greater: {@link #gt(Tensor)}. */
    public Tensor greater(Tensor other) {
        return gt(other);
    }

    /** torch.greater_equal: {@link #ge(Tensor)}. */
    public Tensor greaterEqual(Tensor other) {
        return ge(other);
    }

    /** torch.less: {@link #lt(Tensor)}. */
    public Tensor less(Tensor other) {
        return lt(other);
    }

    /** torch.less_equal: {@link #le(Tensor)}. */
    public Tensor lessEqual(Tensor other) {
        return le(other);
    }

    /** torch.not_equal: {@link #ne(Tensor)}. */
    public Tensor notEqual(Tensor other) {
        return ne(other);
    }

    /** torch.moveaxis: {@link #movedim(int, int)}. */
    public Tensor moveaxis(int source, int destination) {
        return movedim(source, destination);
    }

    /** torch.swapdims: {@link #transpose(int, int)}. */
    public Tensor swapdims(int dim0, int dim1) {
        return transpose(dim0, dim1);
    }

    /** torch.ravel: the elements as 1-D, a view where reshape gives one. */
    public Tensor ravel() {
        return reshape(-1);
    }

    /** torch.ger: {@link #outer(Tensor)}. */
    public Tensor ger(Tensor other) {
        return outer(other);
    }

    /** torch.fliplr: reversed along dimension 1 (at least 2-D). */
    public Tensor fliplr() {
        if (dim() < 2) {
            throw new IllegalArgumentException("fliplr: Input must be >= 2-d, got " + dim() + "-d");
        }
        return flip(1);
    }

    /** torch.flipud: reversed along dimension 0 (at least 1-D). */
    public Tensor flipud() {
        if (dim() < 1) {
            throw new IllegalArgumentException("flipud: Input must be >= 1-d, got 0-d");
        }
        return flip(0);
    }

    /** torch.msort: sorted along dimension 0, ascending (the values). */
    public Tensor msort() {
        return sort(0, false).get(0);
    }

    /** torch.dist: the p-norm of this - other (broadcast), over all elements. */
    public Tensor dist(Tensor other, float p) {
        return sub(other).reshape(-1).norm(p, 0, false);
    }

    /** torch.concat: {@link #cat(java.util.List, int)}. */
    public static Tensor concat(java.util.List<Tensor> tensors, int dim) {
        return cat(tensors, dim);
    }

    /** {@code torch.concatenate}: {@link #cat}, under NumPy's name. */
    public static Tensor concatenate(java.util.List<Tensor> tensors, int dim) {
        return cat(tensors, dim);
    }

    /** torch.row_stack: {@link #vstack(java.util.List)}. */
    public static Tensor rowStack(java.util.List<Tensor> tensors) {
        return vstack(tensors);
    }

    /** PyTorch's {@code Tensor.T}: the dimensions in reverse order (a view; {@link #t()} for a matrix). */
    public Tensor T() {
        int[] reversed = new int[dim()];
        for (int d = 0; d < reversed.length; d++) {
            reversed[d] = reversed.length - 1 - d;
        }
        return permute(reversed);
    }

    /** PyTorch's {@code Tensor.mT}: the last two dimensions swapped (a view; batches of matrices transposed). */
    public Tensor mT() {
        if (dim() < 2) {
            throw new IllegalArgumentException("tensor.mT is only supported on matrices or batches of matrices. Got "
                    + dim() + "-D tensor.");
        }
        return transpose(-2, -1);
    }

    /** PyTorch's {@code Tensor.H}: the conjugate transpose of a matrix, for real numbers {@link #t()}. */
    public Tensor H() {
        if (dim() != 2 && dim() != 0) {
            throw new IllegalArgumentException("tensor.H is only supported on matrices (2-D tensors). Got " + dim()
                    + "-D tensor." + (dim() > 2 ? " For batches of matrices, consider using tensor.mH" : ""));
        }
        return dim() == 0 ? this.view() : t();
    }

    /** PyTorch's {@code Tensor.mH}: the last two dimensions conjugate-transposed, for real numbers {@link #mT()}. */
    public Tensor mH() {
        return mT();
    }

    /** torch.adjoint: {@link #mH()} (a 0-D tensor is its own adjoint). */
    public Tensor adjoint() {
        return dim() == 0 ? view() : mH();
    }

    /** PyTorch's {@code ndim}: {@link #dim()}. */
    public int ndim() {
        return dim();
    }

    /** PyTorch's {@code ndimension()}: {@link #dim()}. */
    public int ndimension() {
        return dim();
    }

    /** PyTorch's {@code nelement()}: {@link #numel()}. */
    public int nelement() {
        return numel();
    }

    /** Bytes per element: 4, vgrad's tensors being float32 ({@code element_size()}). */
    public int elementSize() {
        return Float.BYTES;
    }

    /** True: vgrad's tensors are float32 ({@code is_floating_point()}). */
    public boolean isFloatingPoint() {
        return true;
    }

    /** True: float32 is signed ({@code is_signed()}). */
    public boolean isSigned() {
        return true;
    }

    /** Whether {@code other} has this tensor's shape ({@code is_same_size}). */
    public boolean isSameSize(Tensor other) {
        return java.util.Arrays.equals(shape, other.shape);
    }

    /**
     * Whether this one-element tensor is not zero ({@code is_nonzero()}; NaN counts as nonzero, as in PyTorch); any
     * other number of elements is refused with PyTorch's words.
     */
    public boolean isNonzero() {
        if (numel() == 0) {
            throw new IllegalStateException("Boolean value of Tensor with no values is ambiguous");
        }
        if (numel() > 1) {
            throw new IllegalStateException("Boolean value of Tensor with more than one value is ambiguous");
        }
        return item() != 0f;
    }

    /** A new tensor of zeros of {@code shape} ({@code new_zeros}); it does not require grad. */
    public Tensor newZeros(int... shape) {
        return zeros(shape);
    }

    /** A new tensor of ones of {@code shape} ({@code new_ones}). */
    public Tensor newOnes(int... shape) {
        return ones(shape);
    }

    /** A new tensor of {@code shape} filled with {@code value} ({@code new_full}). */
    public Tensor newFull(int[] shape, float value) {
        return full(value, shape);
    }

    /** A new tensor of {@code shape} ({@code new_empty}; vgrad's are zeroed, never uninitialized). */
    public Tensor newEmpty(int... shape) {
        return zeros(shape);
    }

    /** A new tensor holding a copy of {@code values} in {@code shape} ({@code new_tensor}). */
    public Tensor newTensor(float[] values, int... shape) {
        return of(values.clone(), shape);
    }

    /**
     * This tensor summed down to {@code size}, which must expand to this shape ({@code sum_to_size}): the reduction
     * broadcasting's backward makes. Differentiable.
     */
    public Tensor sumToSize(int... size) {
        boolean expandable = size.length <= shape.length;
        for (int i = 1; expandable && i <= size.length; i++) {
            int s = size[size.length - i];
            expandable = s == 1 || s == shape[shape.length - i];
        }
        if (!expandable) {
            throw new IllegalArgumentException("sum_to_size: size " + Shapes.str(size)
                    + " is not expandable to size " + Shapes.str(shape));
        }
        return Reduction.sumTo(this, size.clone());
    }

    /** torch.split_with_sizes: {@link #split(int[], int)}. */
    public java.util.List<Tensor> splitWithSizes(int[] sizes, int dim) {
        return split(sizes, dim);
    }

    /**
     * Sets the main diagonal to {@code value} in place ({@code fill_diagonal_}): of a matrix, or of a tensor whose
     * dimensions are all of one length (its elements [i, i, ..., i]); with {@code wrap}, a matrix taller than wide
     * continues the diagonal below every (width + 1)-th row, as numpy.fill_diagonal does. Written as PyTorch writes it,
     * through strided views of the diagonal, so its history is CopySlices.
     */
    public Tensor fillDiagonal_(float value, boolean wrap) {
        if (dim() < 2) {
            throw new IllegalArgumentException("fill_diagonal_: dimensions must larger than 1 (got a " + dim()
                    + "-D tensor of shape " + Shapes.str(shape) + ")");
        }
        for (int d = 1; d < dim() && dim() > 2; d++) {
            if (shape[d] != shape[0]) {
                throw new IllegalArgumentException("fill_diagonal_: all dimensions of input must be of equal length "
                        + "(got shape " + Shapes.str(shape) + ")");
            }
        }
        InPlace.check(this, "fill_diagonal_", GradMode.isEnabled() && requiresGrad());
        int height = shape[0], width = shape[1], size = Math.min(height, width), step = 0;
        for (int s : stride) {
            step += s;
        }
        // the diagonals are views of the storage's own tensor, whose history the writes then continue
        Tensor whole = base != null ? base : this;
        Tensor mainDiagonal = whole.asStrided(new int[] {size}, new int[] {step}, offset);
        mainDiagonal.fill_(value);
        if (wrap && dim() == 2 && height > width + 1) {
            // the wrapped diagonal continues at every (width + 1)-th element in row-major order
            int count = (numel() + width) / (width + 1) - size;
            if (isContiguous()) {
                whole.asStrided(new int[] {count}, new int[] {step}, offset + stride[0] * (width + 1)).fill_(value);
            } else {
                // PyTorch 1.13 takes the contiguous tensor's strided view here too, which reaches past a transposed
                // tensor's elements: one element at a time instead
                for (int k = size; k < size + count; k++) {
                    int flat = k * (width + 1);
                    int at = offset + flat / width * stride[0] + flat % width * stride[1];
                    whole.asStrided(new int[0], new int[0], at).fill_(value);
                }
            }
        }
        if (base != null && GradMode.isEnabled() && base.requiresGrad()) {
            setGradFn(base.asStrided(shape, stride, offset).gradFn());
        }
        return this;
    }

    // In-place random fills, drawn as PyTorch's CPU kernels draw them (RandomFills): from the given generator, or the
    // default one, in the tensor's memory order.

    /** Fills this tensor with U(from, to) draws from g, as {@code uniform_(from, to, generator=g)}. */
    public Tensor uniform_(double from, double to, Generator g) {
        return RandomFills.uniform(this, from, to, g);
    }

    /** {@link #uniform_(double, double, Generator)} from the default generator. */
    public Tensor uniform_(double from, double to) {
        return uniform_(from, to, Generator.defaultGenerator());
    }

    /** U(0, 1) draws from the default generator ({@code uniform_()}). */
    public Tensor uniform_() {
        return uniform_(0, 1);
    }

    /** Fills this tensor with N(mean, std^2) draws from g, as {@code normal_(mean, std, generator=g)}. */
    public Tensor normal_(double mean, double std, Generator g) {
        return RandomFills.normal(this, mean, std, g);
    }

    /** {@link #normal_(double, double, Generator)} from the default generator. */
    public Tensor normal_(double mean, double std) {
        return normal_(mean, std, Generator.defaultGenerator());
    }

    /** Standard normal draws from the default generator ({@code normal_()}). */
    public Tensor normal_() {
        return normal_(0, 1);
    }

    /** Fills this tensor with 1 (probability p) or 0, drawn from g ({@code bernoulli_(p, generator=g)}). */
    public Tensor bernoulli_(double p, Generator g) {
        return RandomFills.bernoulli(this, p, g);
    }

    /** {@link #bernoulli_(double, Generator)} from the default generator. */
    public Tensor bernoulli_(double p) {
        return bernoulli_(p, Generator.defaultGenerator());
    }

    /** 1 or 0 per element with that element's probability in {@code p} (broadcast to this shape), drawn from g. */
    public Tensor bernoulli_(Tensor p, Generator g) {
        return RandomFills.bernoulli(this, p, g);
    }

    /** Fills this tensor with Exponential(lambd) draws from g ({@code exponential_(lambd, generator=g)}). */
    public Tensor exponential_(double lambd, Generator g) {
        return RandomFills.exponential(this, lambd, g);
    }

    /** Exponential(1) draws from the default generator ({@code exponential_()}). */
    public Tensor exponential_() {
        return exponential_(1, Generator.defaultGenerator());
    }

    /** Fills this tensor with Geometric(p) draws (trials to the first success, from 1) from g ({@code geometric_}). */
    public Tensor geometric_(double p, Generator g) {
        return RandomFills.geometric(this, p, g);
    }

    /** Fills this tensor with Cauchy(median, sigma) draws from g ({@code cauchy_(median, sigma, generator=g)}). */
    public Tensor cauchy_(double median, double sigma, Generator g) {
        return RandomFills.cauchy(this, median, sigma, g);
    }

    /** Standard Cauchy draws from the default generator ({@code cauchy_()}). */
    public Tensor cauchy_() {
        return cauchy_(0, 1, Generator.defaultGenerator());
    }

    /** Fills this tensor with exp(N(mean, std^2)) draws from g ({@code log_normal_(mean, std, generator=g)}). */
    public Tensor logNormal_(double mean, double std, Generator g) {
        return RandomFills.logNormal(this, mean, std, g);
    }

    /** log_normal_(1, 2) from the default generator, PyTorch's defaults. */
    public Tensor logNormal_() {
        return logNormal_(1, 2, Generator.defaultGenerator());
    }

    /**
     * Fills this tensor with integers drawn uniformly from [from, to) by g ({@code random_(from, to, generator=g)}); a
     * range reaching past 2^24 is refused, as not every integer there is a float.
     */
    public Tensor random_(long from, long to, Generator g) {
        return RandomFills.random(this, from, to, g, "RandomBackward0");
    }

    /** Integers drawn uniformly from [0, to) by g ({@code random_(to, generator=g)}). */
    public Tensor random_(long to, Generator g) {
        return RandomFills.random(this, 0, to, g, "RandomBackward1");
    }

    /** Integers drawn uniformly from [0, 2^24] by g, as {@code random_(generator=g)} fills a float tensor. */
    public Tensor random_(Generator g) {
        return RandomFills.random(this, g);
    }

    /** {@link #random_(Generator)} from the default generator. */
    public Tensor random_() {
        return random_(Generator.defaultGenerator());
    }

    /**
     * Writes {@code op(this)} into this tensor in place, with the history PyTorch gives an in-place op: the way every
     * {@code op_} twin here is made, open for in-place versions of other functions ({@code F.elu_}, a user's own).
     * {@code op} must return a tensor of this shape and read no tensor that requires grad besides this one and
     * {@code operands} (refused otherwise, before anything is written); while recording it runs on a copy of this
     * tensor's old value, and this tensor's history becomes the result's ({@code name} names the op in errors).
     */
    public Tensor update_(String name, java.util.function.UnaryOperator<Tensor> op, Tensor... operands) {
        return InPlace.update(this, name, null, op, operands);
    }

    /** {@link #t()} in place: this tensor takes the transposed layout (PyTorch's {@code t_}). */
    public Tensor t_() {
        return InPlace.relayout(this, "t_", Tensor::t);
    }

    /** {@link #transpose(int, int)} in place ({@code transpose_}). */
    public Tensor transpose_(int dim0, int dim1) {
        return InPlace.relayout(this, "transpose_", x -> x.transpose(dim0, dim1));
    }

    /** torch's alias of {@link #transpose_(int, int)}. */
    public Tensor swapaxes_(int axis0, int axis1) {
        return transpose_(axis0, axis1);
    }

    /** torch's alias of {@link #transpose_(int, int)}. */
    public Tensor swapdims_(int dim0, int dim1) {
        return transpose_(dim0, dim1);
    }

    /** {@link #unsqueeze(int)} in place ({@code unsqueeze_}). */
    public Tensor unsqueeze_(int dim) {
        return InPlace.relayout(this, "unsqueeze_", x -> x.unsqueeze(dim));
    }

    /** {@link #squeeze(int)} in place ({@code squeeze_(dim)}). */
    public Tensor squeeze_(int dim) {
        return InPlace.relayout(this, "squeeze_", x -> x.squeeze(dim));
    }

    /** {@link #squeeze()} in place ({@code squeeze_()}). */
    public Tensor squeeze_() {
        return InPlace.relayout(this, "squeeze_", Tensor::squeeze);
    }

    /** {@link #asStrided(int[], int[], int)} in place ({@code as_strided_}). */
    public Tensor asStrided_(int[] size, int[] stride, int storageOffset) {
        return InPlace.relayout(this, "as_strided_", x -> x.asStrided(size, stride, storageOffset));
    }

    // In-place twins (PyTorch's op_): each computes its out-of-place op and writes the result into this tensor,
    // with PyTorch's history for the write (InPlace.update); the unary kernels write in place when nothing records.

    /** {@link #neg()} in place. */
    public Tensor neg_() {
        return Pointwise.unary_(this, "neg_", dev.vgrad.kernels.UnaryOp.NEG, 0f, 0f, Tensor::neg);
    }

    /** torch's alias of {@link #neg_()}. */
    public Tensor negative_() {
        return Pointwise.unary_(this, "negative_", dev.vgrad.kernels.UnaryOp.NEG, 0f, 0f, Tensor::neg);
    }

    /** {@link #exp()} in place. */
    public Tensor exp_() {
        return Pointwise.unaryKeepingResult_(this, "exp_", dev.vgrad.kernels.UnaryOp.EXP, "ExpBackward0", Tensor::mul,
                Tensor::exp);
    }

    /** {@link #log()} in place. */
    public Tensor log_() {
        return Pointwise.unary_(this, "log_", dev.vgrad.kernels.UnaryOp.LOG, 0f, 0f, Tensor::log);
    }

    /** {@link #abs()} in place. */
    public Tensor abs_() {
        return Pointwise.unary_(this, "abs_", dev.vgrad.kernels.UnaryOp.ABS, 0f, 0f, Tensor::abs);
    }

    /** torch's alias of {@link #abs_()}. */
    public Tensor absolute_() {
        return Pointwise.unary_(this, "absolute_", dev.vgrad.kernels.UnaryOp.ABS, 0f, 0f, Tensor::abs);
    }

    /** {@link #relu()} in place. */
    public Tensor relu_() {
        return Pointwise.unaryKeepingResult_(this, "relu_", dev.vgrad.kernels.UnaryOp.RELU, "ReluBackward0",
                Pointwise::zeroUnless, Tensor::relu);
    }

    /** {@link #sigmoid()} in place. */
    public Tensor sigmoid_() {
        return Pointwise.unaryKeepingResult_(this, "sigmoid_", dev.vgrad.kernels.UnaryOp.SIGMOID, "SigmoidBackward0",
                Pointwise::sigmoidGrad, Tensor::sigmoid);
    }

    /** {@link #tanh()} in place. */
    public Tensor tanh_() {
        return Pointwise.unaryKeepingResult_(this, "tanh_", dev.vgrad.kernels.UnaryOp.TANH, "TanhBackward0",
                Pointwise::tanhGrad, Tensor::tanh);
    }

    /** {@link #sin()} in place. */
    public Tensor sin_() {
        return Pointwise.unary_(this, "sin_", dev.vgrad.kernels.UnaryOp.SIN, 0f, 0f, Tensor::sin);
    }

    /** {@link #cos()} in place. */
    public Tensor cos_() {
        return Pointwise.unary_(this, "cos_", dev.vgrad.kernels.UnaryOp.COS, 0f, 0f, Tensor::cos);
    }

    /** {@link #log1p()} in place. */
    public Tensor log1p_() {
        return Pointwise.unary_(this, "log1p_", dev.vgrad.kernels.UnaryOp.LOG1P, 0f, 0f, Tensor::log1p);
    }

    /** {@link #expm1()} in place. */
    public Tensor expm1_() {
        return Pointwise.unary_(this, "expm1_", dev.vgrad.kernels.UnaryOp.EXPM1, 0f, 0f, Tensor::expm1);
    }

    /** {@link #reciprocal()} in place. */
    public Tensor reciprocal_() {
        return Pointwise.unary_(this, "reciprocal_", dev.vgrad.kernels.UnaryOp.RDIV_SCALAR, 1f, 0f, Tensor::reciprocal);
    }

    /** {@link #rsqrt()} in place. */
    public Tensor rsqrt_() {
        return Pointwise.unary_(this, "rsqrt_", dev.vgrad.kernels.UnaryOp.RSQRT, 0f, 0f, Tensor::rsqrt);
    }

    /** {@link #erf()} in place. */
    public Tensor erf_() {
        return Pointwise.unary_(this, "erf_", dev.vgrad.kernels.UnaryOp.ERF, 0f, 0f, Tensor::erf);
    }

    /** {@link #floor()} in place. */
    public Tensor floor_() {
        return Pointwise.unary_(this, "floor_", dev.vgrad.kernels.UnaryOp.FLOOR, 0f, 0f, Tensor::floor);
    }

    /** {@link #ceil()} in place. */
    public Tensor ceil_() {
        return Pointwise.unary_(this, "ceil_", dev.vgrad.kernels.UnaryOp.CEIL, 0f, 0f, Tensor::ceil);
    }

    /** {@link #round()} in place. */
    public Tensor round_() {
        return Pointwise.unary_(this, "round_", dev.vgrad.kernels.UnaryOp.ROUND, 0f, 0f, Tensor::round);
    }

    /** {@link #trunc()} in place. */
    public Tensor trunc_() {
        return Pointwise.unary_(this, "trunc_", dev.vgrad.kernels.UnaryOp.TRUNC, 0f, 0f, Tensor::trunc);
    }

    /** torch's alias of {@link #trunc_()}. */
    public Tensor fix_() {
        return Pointwise.unary_(this, "fix_", dev.vgrad.kernels.UnaryOp.TRUNC, 0f, 0f, Tensor::trunc);
    }

    /** {@link #tan()} in place. */
    public Tensor tan_() {
        return Pointwise.unary_(this, "tan_", dev.vgrad.kernels.UnaryOp.TAN, 0f, 0f, Tensor::tan);
    }

    /** {@link #asin()} in place. */
    public Tensor asin_() {
        return Pointwise.unary_(this, "asin_", dev.vgrad.kernels.UnaryOp.ASIN, 0f, 0f, Tensor::asin);
    }

    /** torch's alias of {@link #asin_()}. */
    public Tensor arcsin_() {
        return Pointwise.unary_(this, "arcsin_", dev.vgrad.kernels.UnaryOp.ASIN, 0f, 0f, Tensor::asin);
    }

    /** {@link #acos()} in place. */
    public Tensor acos_() {
        return Pointwise.unary_(this, "acos_", dev.vgrad.kernels.UnaryOp.ACOS, 0f, 0f, Tensor::acos);
    }

    /** torch's alias of {@link #acos_()}. */
    public Tensor arccos_() {
        return Pointwise.unary_(this, "arccos_", dev.vgrad.kernels.UnaryOp.ACOS, 0f, 0f, Tensor::acos);
    }

    /** {@link #atan()} in place. */
    public Tensor atan_() {
        return Pointwise.unary_(this, "atan_", dev.vgrad.kernels.UnaryOp.ATAN, 0f, 0f, Tensor::atan);
    }

    /** torch's alias of {@link #atan_()}. */
    public Tensor arctan_() {
        return Pointwise.unary_(this, "arctan_", dev.vgrad.kernels.UnaryOp.ATAN, 0f, 0f, Tensor::atan);
    }

    /** {@link #sinh()} in place. */
    public Tensor sinh_() {
        return Pointwise.unary_(this, "sinh_", dev.vgrad.kernels.UnaryOp.SINH, 0f, 0f, Tensor::sinh);
    }

    /** {@link #cosh()} in place. */
    public Tensor cosh_() {
        return Pointwise.unary_(this, "cosh_", dev.vgrad.kernels.UnaryOp.COSH, 0f, 0f, Tensor::cosh);
    }

    /** {@link #asinh()} in place. */
    public Tensor asinh_() {
        return Pointwise.unary_(this, "asinh_", dev.vgrad.kernels.UnaryOp.ASINH, 0f, 0f, Tensor::asinh);
    }

    /** torch's alias of {@link #asinh_()}. */
    public Tensor arcsinh_() {
        return Pointwise.unary_(this, "arcsinh_", dev.vgrad.kernels.UnaryOp.ASINH, 0f, 0f, Tensor::asinh);
    }

    /** {@link #acosh()} in place. */
    public Tensor acosh_() {
        return Pointwise.unary_(this, "acosh_", dev.vgrad.kernels.UnaryOp.ACOSH, 0f, 0f, Tensor::acosh);
    }

    /** torch's alias of {@link #acosh_()}. */
    public Tensor arccosh_() {
        return Pointwise.unary_(this, "arccosh_", dev.vgrad.kernels.UnaryOp.ACOSH, 0f, 0f, Tensor::acosh);
    }

    /** {@link #atanh()} in place. */
    public Tensor atanh_() {
        return Pointwise.unary_(this, "atanh_", dev.vgrad.kernels.UnaryOp.ATANH, 0f, 0f, Tensor::atanh);
    }

    /** torch's alias of {@link #atanh_()}. */
    public Tensor arctanh_() {
        return Pointwise.unary_(this, "arctanh_", dev.vgrad.kernels.UnaryOp.ATANH, 0f, 0f, Tensor::atanh);
    }

    /** {@link #log2()} in place. */
    public Tensor log2_() {
        return Pointwise.unary_(this, "log2_", dev.vgrad.kernels.UnaryOp.LOG2, 0f, 0f, Tensor::log2);
    }

    /** {@link #log10()} in place. */
    public Tensor log10_() {
        return Pointwise.unary_(this, "log10_", dev.vgrad.kernels.UnaryOp.LOG10, 0f, 0f, Tensor::log10);
    }

    /** {@link #exp2()} in place. */
    public Tensor exp2_() {
        return Pointwise.unary_(this, "exp2_", dev.vgrad.kernels.UnaryOp.EXP2, 0f, 0f, Tensor::exp2);
    }

    /** {@link #lgamma()} in place. */
    public Tensor lgamma_() {
        return Pointwise.unary_(this, "lgamma_", dev.vgrad.kernels.UnaryOp.LGAMMA, 0f, 0f, Tensor::lgamma);
    }

    /** {@link #digamma()} in place. */
    public Tensor digamma_() {
        return Pointwise.unary_(this, "digamma_", dev.vgrad.kernels.UnaryOp.DIGAMMA, 0f, 0f, Tensor::digamma);
    }

    /** {@link #erfc()} in place. */
    public Tensor erfc_() {
        return Pointwise.unary_(this, "erfc_", dev.vgrad.kernels.UnaryOp.ERFC, 0f, 0f, Tensor::erfc);
    }

    /** {@link #erfinv()} in place. */
    public Tensor erfinv_() {
        return Pointwise.unary_(this, "erfinv_", dev.vgrad.kernels.UnaryOp.ERFINV, 0f, 0f, Tensor::erfinv);
    }

    /** {@link #i0()} in place. */
    public Tensor i0_() {
        return Pointwise.unary_(this, "i0_", dev.vgrad.kernels.UnaryOp.I0, 0f, 0f, Tensor::i0);
    }

    /** {@link #sign()} in place. */
    public Tensor sign_() {
        return Pointwise.unary_(this, "sign_", dev.vgrad.kernels.UnaryOp.SIGN, 0f, 0f, Tensor::sign);
    }

    /** torch's sgn_ (for real numbers {@link #sign_()}). */
    public Tensor sgn_() {
        return Pointwise.unary_(this, "sgn_", dev.vgrad.kernels.UnaryOp.SIGN, 0f, 0f, Tensor::sign);
    }

    /** {@link #fmod(float)} in place. */
    public Tensor fmod_(float divisor) {
        return Pointwise.unary_(this, "fmod_", dev.vgrad.kernels.UnaryOp.FMOD_SCALAR, divisor, 0f,
                t -> t.fmod(divisor));
    }

    /** {@link #remainder(float)} in place. */
    public Tensor remainder_(float divisor) {
        return Pointwise.unary_(this, "remainder_", dev.vgrad.kernels.UnaryOp.REMAINDER_SCALAR, divisor, 0f,
                t -> t.remainder(divisor));
    }

    /** {@link #fmod(Tensor)} in place. */
    public Tensor fmod_(Tensor other) {
        return InPlace.update(this, "fmod_", null, t -> t.fmod(other), other);
    }

    /** {@link #remainder(Tensor)} in place. */
    public Tensor remainder_(Tensor other) {
        return InPlace.update(this, "remainder_", null, t -> t.remainder(other), other);
    }

    /** {@link #clampMin(float)} in place. */
    public Tensor clampMin_(float min) {
        return clamp_(min, Float.POSITIVE_INFINITY);
    }

    /** {@link #clampMax(float)} in place. */
    public Tensor clampMax_(float max) {
        return clamp_(Float.NEGATIVE_INFINITY, max);
    }

    /** torch's alias of {@link #clamp_(float, float)}. */
    public Tensor clip_(float min, float max) {
        return clamp_(min, max);
    }

    /** {@link #square()} in place. */
    public Tensor square_() {
        return InPlace.update(this, "square_", null, Tensor::square);
    }

    /** {@link #frac()} in place. */
    public Tensor frac_() {
        return InPlace.update(this, "frac_", null, Tensor::frac);
    }

    /** {@link #sinc()} in place. */
    public Tensor sinc_() {
        return InPlace.update(this, "sinc_", null, Tensor::sinc);
    }

    /** {@link #deg2rad()} in place. */
    public Tensor deg2rad_() {
        return InPlace.update(this, "deg2rad_", null, Tensor::deg2rad);
    }

    /** {@link #rad2deg()} in place. */
    public Tensor rad2deg_() {
        return InPlace.update(this, "rad2deg_", null, Tensor::rad2deg);
    }

    /** {@link #logit()} in place. */
    public Tensor logit_() {
        return InPlace.update(this, "logit_", null, Tensor::logit);
    }

    /** {@link #logit(float)} in place. */
    public Tensor logit_(float eps) {
        return InPlace.update(this, "logit_", null, t -> t.logit(eps));
    }

    /** {@link #nanToNum()} in place. */
    public Tensor nanToNum_() {
        return InPlace.update(this, "nan_to_num_", null, Tensor::nanToNum);
    }

    /** {@link #nanToNum(float, float, float)} in place. */
    public Tensor nanToNum_(float nan, float posinf, float neginf) {
        return InPlace.update(this, "nan_to_num_", null, t -> t.nanToNum(nan, posinf, neginf));
    }

    /** {@link #polygamma(int)} in place (this holds x). */
    public Tensor polygamma_(int n) {
        return InPlace.update(this, "polygamma_", null, t -> t.polygamma(n));
    }

    /** {@link #mvlgamma(int)} in place. */
    public Tensor mvlgamma_(int p) {
        return InPlace.update(this, "mvlgamma_", null, t -> t.mvlgamma(p));
    }

    /** {@link #pow(float)} in place. */
    public Tensor pow_(float exponent) {
        return InPlace.update(this, "pow_", null, t -> t.pow(exponent));
    }

    /** {@link #tril(int)} in place. */
    public Tensor tril_(int diagonal) {
        return InPlace.update(this, "tril_", null, t -> t.tril(diagonal));
    }

    /** {@link #triu(int)} in place. */
    public Tensor triu_(int diagonal) {
        return InPlace.update(this, "triu_", null, t -> t.triu(diagonal));
    }

    /** {@link #cumsum(int)} in place. */
    public Tensor cumsum_(int dim) {
        return InPlace.update(this, "cumsum_", null, t -> t.cumsum(dim));
    }

    /** {@link #cumprod(int)} in place. */
    public Tensor cumprod_(int dim) {
        return InPlace.update(this, "cumprod_", null, t -> t.cumprod(dim));
    }

    /** {@link #renorm(float, int, float)} in place. */
    public Tensor renorm_(float p, int dim, float maxnorm) {
        return InPlace.update(this, "renorm_", null, t -> t.renorm(p, dim, maxnorm));
    }

    /** {@link #div(float, String)} in place. */
    public Tensor div_(float other, String roundingMode) {
        return InPlace.update(this, "div_", null, t -> t.div(other, roundingMode));
    }

    /** {@link #floorDivide(float)} in place. */
    public Tensor floorDivide_(float other) {
        return InPlace.update(this, "floor_divide_", null, t -> t.floorDivide(other));
    }

    /** {@link #bitwiseNot()} in place. */
    public Tensor bitwiseNot_() {
        return InPlace.update(this, "bitwise_not_", null, Tensor::bitwiseNot);
    }

    /** {@link #logicalNot()} in place. */
    public Tensor logicalNot_() {
        return InPlace.update(this, "logical_not_", null, Tensor::logicalNot);
    }

    /** {@link #maskedFill(Tensor, float)} in place. */
    public Tensor maskedFill_(Tensor mask, float value) {
        return InPlace.update(this, "masked_fill_", null, t -> t.maskedFill(mask, value));
    }

    /** {@link #indexFill(int, Tensor, float)} in place. */
    public Tensor indexFill_(int dim, Tensor index, float value) {
        return InPlace.update(this, "index_fill_", null, t -> t.indexFill(dim, index, value));
    }

    /** {@link #scatter(int, Tensor, float)} in place. */
    public Tensor scatter_(int dim, Tensor index, float value) {
        return InPlace.update(this, "scatter_", null, t -> t.scatter(dim, index, value));
    }

    /** {@link #pow(Tensor)} in place. */
    public Tensor pow_(Tensor exponent) {
        return InPlace.update(this, "pow_", null, t -> t.pow(exponent), exponent);
    }

    /** {@link #atan2(Tensor)} in place. */
    public Tensor atan2_(Tensor other) {
        return InPlace.update(this, "atan2_", null, t -> t.atan2(other), other);
    }

    /** {@link #arctan2(Tensor)} in place. */
    public Tensor arctan2_(Tensor other) {
        return InPlace.update(this, "arctan2_", null, t -> t.arctan2(other), other);
    }

    /** {@link #hypot(Tensor)} in place. */
    public Tensor hypot_(Tensor other) {
        return InPlace.update(this, "hypot_", null, t -> t.hypot(other), other);
    }

    /** {@link #xlogy(Tensor)} in place. */
    public Tensor xlogy_(Tensor other) {
        return InPlace.update(this, "xlogy_", null, t -> t.xlogy(other), other);
    }

    /** {@link #copysign(Tensor)} in place. */
    public Tensor copysign_(Tensor other) {
        return InPlace.update(this, "copysign_", null, t -> t.copysign(other), other);
    }

    /** {@link #heaviside(Tensor)} in place. */
    public Tensor heaviside_(Tensor values) {
        return InPlace.update(this, "heaviside_", null, t -> t.heaviside(values), values);
    }

    /** {@link #gcd(Tensor)} in place. */
    public Tensor gcd_(Tensor other) {
        return InPlace.update(this, "gcd_", null, t -> t.gcd(other), other);
    }

    /** {@link #lcm(Tensor)} in place. */
    public Tensor lcm_(Tensor other) {
        return InPlace.update(this, "lcm_", null, t -> t.lcm(other), other);
    }

    /** {@link #bitwiseAnd(Tensor)} in place. */
    public Tensor bitwiseAnd_(Tensor other) {
        return InPlace.update(this, "bitwise_and_", null, t -> t.bitwiseAnd(other), other);
    }

    /** {@link #bitwiseOr(Tensor)} in place. */
    public Tensor bitwiseOr_(Tensor other) {
        return InPlace.update(this, "bitwise_or_", null, t -> t.bitwiseOr(other), other);
    }

    /** {@link #bitwiseXor(Tensor)} in place. */
    public Tensor bitwiseXor_(Tensor other) {
        return InPlace.update(this, "bitwise_xor_", null, t -> t.bitwiseXor(other), other);
    }

    /** {@link #bitwiseLeftShift(Tensor)} in place. */
    public Tensor bitwiseLeftShift_(Tensor other) {
        return InPlace.update(this, "bitwise_left_shift_", null, t -> t.bitwiseLeftShift(other), other);
    }

    /** {@link #bitwiseRightShift(Tensor)} in place. */
    public Tensor bitwiseRightShift_(Tensor other) {
        return InPlace.update(this, "bitwise_right_shift_", null, t -> t.bitwiseRightShift(other), other);
    }

    /** {@link #ldexp(Tensor)} in place. */
    public Tensor ldexp_(Tensor other) {
        return InPlace.update(this, "ldexp_", null, t -> t.ldexp(other), other);
    }

    /** {@link #nextafter(Tensor)} in place. */
    public Tensor nextafter_(Tensor other) {
        return InPlace.update(this, "nextafter_", null, t -> t.nextafter(other), other);
    }

    /** {@link #igamma(Tensor)} in place. */
    public Tensor igamma_(Tensor x) {
        return InPlace.update(this, "igamma_", null, t -> t.igamma(x), x);
    }

    /** {@link #igammac(Tensor)} in place. */
    public Tensor igammac_(Tensor x) {
        return InPlace.update(this, "igammac_", null, t -> t.igammac(x), x);
    }

    /** {@link #multiply(Tensor)} in place. */
    public Tensor multiply_(Tensor other) {
        return InPlace.update(this, "multiply_", null, t -> t.multiply(other), other);
    }

    /** {@link #divide(Tensor)} in place. */
    public Tensor divide_(Tensor other) {
        return InPlace.update(this, "divide_", null, t -> t.divide(other), other);
    }

    /** {@link #trueDivide(Tensor)} in place. */
    public Tensor trueDivide_(Tensor other) {
        return InPlace.update(this, "true_divide_", null, t -> t.trueDivide(other), other);
    }

    /** {@link #subtract(Tensor)} in place. */
    public Tensor subtract_(Tensor other) {
        return InPlace.update(this, "subtract_", null, t -> t.subtract(other), other);
    }

    /** {@link #floorDivide(Tensor)} in place. */
    public Tensor floorDivide_(Tensor other) {
        return InPlace.update(this, "floor_divide_", null, t -> t.floorDivide(other), other);
    }

    /** {@link #logicalAnd(Tensor)} in place. */
    public Tensor logicalAnd_(Tensor other) {
        return InPlace.update(this, "logical_and_", null, t -> t.logicalAnd(other), other);
    }

    /** {@link #logicalOr(Tensor)} in place. */
    public Tensor logicalOr_(Tensor other) {
        return InPlace.update(this, "logical_or_", null, t -> t.logicalOr(other), other);
    }

    /** {@link #logicalXor(Tensor)} in place. */
    public Tensor logicalXor_(Tensor other) {
        return InPlace.update(this, "logical_xor_", null, t -> t.logicalXor(other), other);
    }

    /** {@link #gt(Tensor)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor gt_(Tensor other) {
        return InPlace.update(this, "gt_", "GtBackward1", t -> t.gt(other), other);
    }

    /** {@link #gt(float)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor gt_(float value) {
        return InPlace.update(this, "gt_", "GtBackward0", t -> t.gt(value));
    }

    /** {@link #lt(Tensor)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor lt_(Tensor other) {
        return InPlace.update(this, "lt_", "LtBackward1", t -> t.lt(other), other);
    }

    /** {@link #lt(float)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor lt_(float value) {
        return InPlace.update(this, "lt_", "LtBackward0", t -> t.lt(value));
    }

    /** {@link #ge(Tensor)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor ge_(Tensor other) {
        return InPlace.update(this, "ge_", "GeBackward1", t -> t.ge(other), other);
    }

    /** {@link #ge(float)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor ge_(float value) {
        return InPlace.update(this, "ge_", "GeBackward0", t -> t.ge(value));
    }

    /** {@link #le(Tensor)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor le_(Tensor other) {
        return InPlace.update(this, "le_", "LeBackward1", t -> t.le(other), other);
    }

    /** {@link #le(float)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor le_(float value) {
        return InPlace.update(this, "le_", "LeBackward0", t -> t.le(value));
    }

    /** {@link #eq(Tensor)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor eq_(Tensor other) {
        return InPlace.update(this, "eq_", "EqBackward1", t -> t.eq(other), other);
    }

    /** {@link #eq(float)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor eq_(float value) {
        return InPlace.update(this, "eq_", "EqBackward0", t -> t.eq(value));
    }

    /** {@link #ne(Tensor)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor ne_(Tensor other) {
        return InPlace.update(this, "ne_", "NeBackward1", t -> t.ne(other), other);
    }

    /** {@link #ne(float)} in place: 1 where it holds, else 0; the gradient through it is zero. */
    public Tensor ne_(float value) {
        return InPlace.update(this, "ne_", "NeBackward0", t -> t.ne(value));
    }

    /** torch's alias of {@link #gt_(Tensor)}. */
    public Tensor greater_(Tensor other) {
        return gt_(other);
    }

    /** torch's alias of {@link #ge_(Tensor)}. */
    public Tensor greaterEqual_(Tensor other) {
        return ge_(other);
    }

    /** torch's alias of {@link #lt_(Tensor)}. */
    public Tensor less_(Tensor other) {
        return lt_(other);
    }

    /** torch's alias of {@link #le_(Tensor)}. */
    public Tensor lessEqual_(Tensor other) {
        return le_(other);
    }

    /** torch's alias of {@link #ne_(Tensor)}. */
    public Tensor notEqual_(Tensor other) {
        return ne_(other);
    }

    /** {@link #div(Tensor, String)} in place. */
    public Tensor div_(Tensor other, String roundingMode) {
        return InPlace.update(this, "div_", null, t -> t.div(other, roundingMode), other);
    }

    /** {@link #lerp(Tensor, float)} in place. */
    public Tensor lerp_(Tensor end, float weight) {
        return InPlace.update(this, "lerp_", null, t -> t.lerp(end, weight), end);
    }

    /** {@link #lerp(Tensor, Tensor)} in place. */
    public Tensor lerp_(Tensor end, Tensor weight) {
        return InPlace.update(this, "lerp_", null, t -> t.lerp(end, weight), end, weight);
    }

    /** {@link #clamp(Tensor, Tensor)} in place (either bound null for none). */
    public Tensor clamp_(Tensor min, Tensor max) {
        Tensor[] bounds = java.util.stream.Stream.of(min, max).filter(java.util.Objects::nonNull).toArray(Tensor[]::new);
        return InPlace.update(this, "clamp_", null, t -> t.clamp(min, max), bounds);
    }

    /** {@link #clampMin(Tensor)} in place. */
    public Tensor clampMin_(Tensor min) {
        return InPlace.update(this, "clamp_min_", null, t -> t.clampMin(min), min);
    }

    /** {@link #clampMax(Tensor)} in place. */
    public Tensor clampMax_(Tensor max) {
        return InPlace.update(this, "clamp_max_", null, t -> t.clampMax(max), max);
    }

    /** {@link #maskedScatter(Tensor, Tensor)} in place. */
    public Tensor maskedScatter_(Tensor mask, Tensor source) {
        return InPlace.update(this, "masked_scatter_", null, t -> t.maskedScatter(mask, source), mask, source);
    }

    /** {@link #scatter(int, Tensor, Tensor)} in place. */
    public Tensor scatter_(int dim, Tensor index, Tensor src) {
        return InPlace.update(this, "scatter_", null, t -> t.scatter(dim, index, src), index, src);
    }

    /** {@link #scatterAdd(int, Tensor, Tensor)} in place. */
    public Tensor scatterAdd_(int dim, Tensor index, Tensor src) {
        return InPlace.update(this, "scatter_add_", null, t -> t.scatterAdd(dim, index, src), index, src);
    }

    /** {@link #scatterReduce(int, Tensor, Tensor, String)} in place. */
    public Tensor scatterReduce_(int dim, Tensor index, Tensor src, String reduce) {
        return InPlace.update(this, "scatter_reduce_", null, t -> t.scatterReduce(dim, index, src, reduce), index, src);
    }

    /** {@link #scatterReduce(int, Tensor, Tensor, String, boolean)} in place. */
    public Tensor scatterReduce_(int dim, Tensor index, Tensor src, String reduce, boolean includeSelf) {
        return InPlace.update(this, "scatter_reduce_", null, t -> t.scatterReduce(dim, index, src, reduce,
                includeSelf), index, src);
    }

    /** {@link #indexAdd(int, Tensor, Tensor)} in place. */
    public Tensor indexAdd_(int dim, Tensor index, Tensor source) {
        return InPlace.update(this, "index_add_", null, t -> t.indexAdd(dim, index, source), index, source);
    }

    /** {@link #indexAdd(int, Tensor, Tensor, float)} in place. */
    public Tensor indexAdd_(int dim, Tensor index, Tensor source, float alpha) {
        return InPlace.update(this, "index_add_", null, t -> t.indexAdd(dim, index, source, alpha), index, source);
    }

    /** {@link #indexCopy(int, Tensor, Tensor)} in place. */
    public Tensor indexCopy_(int dim, Tensor index, Tensor source) {
        return InPlace.update(this, "index_copy_", null, t -> t.indexCopy(dim, index, source), index, source);
    }

    /** {@link #indexReduce(int, Tensor, Tensor, String)} in place. */
    public Tensor indexReduce_(int dim, Tensor index, Tensor source, String reduce) {
        return InPlace.update(this, "index_reduce_", null, t -> t.indexReduce(dim, index, source, reduce), index,
                source);
    }

    /** {@link #indexReduce(int, Tensor, Tensor, String, boolean)} in place. */
    public Tensor indexReduce_(int dim, Tensor index, Tensor source, String reduce, boolean includeSelf) {
        return InPlace.update(this, "index_reduce_", null, t -> t.indexReduce(dim, index, source, reduce,
                includeSelf), index, source);
    }

    /** {@link #put(Tensor, Tensor, boolean)} in place. */
    public Tensor put_(Tensor index, Tensor source, boolean accumulate) {
        return InPlace.update(this, "put_", null, t -> t.put(index, source, accumulate), index, source);
    }

    /** {@link #addmm(Tensor, Tensor)} in place. */
    public Tensor addmm_(Tensor mat1, Tensor mat2) {
        return InPlace.update(this, "addmm_", null, t -> t.addmm(mat1, mat2), mat1, mat2);
    }

    /** {@link #addmv(Tensor, Tensor, float, float)} in place. */
    public Tensor addmv_(Tensor mat, Tensor vec, float beta, float alpha) {
        return InPlace.update(this, "addmv_", null, t -> t.addmv(mat, vec, beta, alpha), mat, vec);
    }

    /** {@link #addr(Tensor, Tensor, float, float)} in place. */
    public Tensor addr_(Tensor vec1, Tensor vec2, float beta, float alpha) {
        return InPlace.update(this, "addr_", null, t -> t.addr(vec1, vec2, beta, alpha), vec1, vec2);
    }

    /** {@link #baddbmm(Tensor, Tensor, float, float)} in place. */
    public Tensor baddbmm_(Tensor batch1, Tensor batch2, float beta, float alpha) {
        return InPlace.update(this, "baddbmm_", null, t -> t.baddbmm(batch1, batch2, beta, alpha), batch1, batch2);
    }

    /** {@link #addbmm(Tensor, Tensor, float, float)} in place. */
    public Tensor addbmm_(Tensor batch1, Tensor batch2, float beta, float alpha) {
        return InPlace.update(this, "addbmm_", null, t -> t.addbmm(batch1, batch2, beta, alpha), batch1, batch2);
    }
}

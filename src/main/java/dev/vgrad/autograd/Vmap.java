package dev.vgrad.autograd;

import dev.vgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code torch.func.vmap} (functorch's in PyTorch 1.13): f mapped over a dimension of its inputs, made by
 * {@link Func#vmap} or {@link Func#vmapAll}; {@link #inDim}, {@link #inDims}, {@link #outDims} and {@link #randomness}
 * are PyTorch's keywords.
 *
 * <p>vgrad has no batching rules: f runs once for each index of the mapped dimension, on the inputs' slices there
 * (views, so gradients reach the inputs through them), and each output's slices are stacked along its out dim. The
 * values are those of f on each slice, which is what PyTorch's vmap promises; what is lost is its speed, not its
 * results. Where that shows: f that changes an unmapped input in place (PyTorch makes the change once; here it would
 * be made once a slice, so it is refused after the first slice); {@code item()} and data-dependent shapes inside f
 * (PyTorch refuses them, vgrad runs them); "different" randomness draws each slice's values after the last slice's,
 * where PyTorch draws the whole batch at once (the same values for {@code rand}, whose draws run in element order;
 * others may differ). A batch of size 0 calls f once on zeros shaped like a slice to learn the outputs' shapes (with
 * any random draws undone) and returns them empty along the out dims.
 */
public final class Vmap implements TensorFunction, TensorsFunction {
    private final TensorsFunction f;
    private Integer[] inDims;
    private int inDim;
    private int[] outDims = {0};
    private String randomness = "error";

    Vmap(TensorsFunction f) {
        this.f = f;
    }

    /** The dimension mapped over in every input ({@code in_dims=d}); 0 unless set. Returns this map. */
    public Vmap inDim(int dim) {
        this.inDim = dim;
        this.inDims = null;
        return this;
    }

    /**
     * The dimension mapped over in each input, one per input ({@code in_dims=(d0, None, ...)}); null for an input
     * that every slice sees whole. Returns this map.
     */
    public Vmap inDims(Integer... dims) {
        this.inDims = dims.clone();
        return this;
    }

    /** Where each output's slices are stacked: one for all outputs, or one per output ({@code out_dims}). */
    public Vmap outDims(int... dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("vmap: out_dims needs at least one dimension");
        }
        this.outDims = dims.clone();
        return this;
    }

    /** PyTorch's {@code randomness}: "error" (the default), "same" or "different". Returns this map. */
    public Vmap randomness(String mode) {
        this.randomness = VmapRandomness.checkMode(mode);
        return this;
    }

    /** f mapped, where f has one output. */
    @Override
    public Tensor apply(Tensor... inputs) {
        List<Tensor> out = applyAll(inputs);
        if (out.size() != 1) {
            throw new IllegalStateException("vmap: f returns " + out.size() + " tensors; applyAll returns them all");
        }
        return out.get(0);
    }

    /** f mapped, every output. */
    @Override
    public List<Tensor> applyAll(Tensor... inputs) {
        int[] dims = mappedDims(inputs);
        int batch = batchSize(inputs, dims);
        int[] versions = new int[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            versions[i] = inputs[i] == null ? 0 : inputs[i].version();
        }
        VmapRandomness draws = VmapRandomness.open(randomness);
        List<List<Tensor>> perOutput = new ArrayList<>();
        try {
            if (batch == 0) {
                List<Tensor> shapes = call(zeroSlices(inputs, dims));
                draws.rewind();
                return emptyStacks(shapes);
            }
            for (int b = 0; b < batch; b++) {
                if (b > 0) {
                    draws.nextSlice();
                }
                List<Tensor> out = call(slices(inputs, dims, b));
                if (b == 0) {
                    refuseUnmappedWrites(inputs, dims, versions);
                    for (int j = 0; j < out.size(); j++) {
                        perOutput.add(new ArrayList<>(batch));
                    }
                } else if (out.size() != perOutput.size()) {
                    throw new IllegalStateException("vmap: f returned " + perOutput.size() + " tensors for slice 0 and "
                            + out.size() + " for slice " + b);
                }
                for (int j = 0; j < out.size(); j++) {
                    perOutput.get(j).add(out.get(j));
                }
            }
        } finally {
            draws.close();
        }
        List<Tensor> result = new ArrayList<>(perOutput.size());
        for (int j = 0; j < perOutput.size(); j++) {
            result.add(stackSlices(perOutput.get(j), j));
        }
        return result;
    }

    /** Each input's mapped dimension, counted from the front; -1 for an input seen whole. */
    private int[] mappedDims(Tensor[] inputs) {
        if (inDims != null && inDims.length != inputs.length) {
            throw new IllegalArgumentException("vmap(f, in_dims=" + Arrays.toString(inDims) + ", ...)(<inputs>): "
                    + "in_dims is not compatible with the structure of `inputs`: " + inDims.length
                    + " in_dims for " + inputs.length + " inputs");
        }
        int[] dims = new int[inputs.length];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            Integer d = inDims == null ? Integer.valueOf(inDim) : inDims[i];
            if (d == null) {
                dims[i] = -1;
                continue;
            }
            if (inputs[i] == null) {
                throw new IllegalArgumentException("vmap: input " + i + " is null but in_dim " + d + " maps over it");
            }
            int rank = inputs[i].dim();
            if (d < -rank || d >= rank) {
                throw new IllegalArgumentException("vmap(f, in_dims=" + (inDims == null ? d : Arrays.toString(inDims))
                        + ", ...)(<inputs>): Got in_dim=" + d + " for input " + i + ", but that input is a Tensor of "
                        + "dimensionality " + rank + " so expected in_dim to satisfy -" + rank + " <= in_dim < " + rank
                        + ".");
            }
            dims[i] = d < 0 ? d + rank : d;
            any = true;
        }
        if (!any) {
            throw new IllegalArgumentException("vmap: Expected at least one Tensor to vmap over");
        }
        return dims;
    }

    private static int batchSize(Tensor[] inputs, int[] dims) {
        int batch = -1;
        List<Integer> sizes = new ArrayList<>();
        boolean differ = false;
        for (int i = 0; i < inputs.length; i++) {
            if (dims[i] < 0) {
                continue;
            }
            int size = inputs[i].shape()[dims[i]];
            sizes.add(size);
            differ |= batch >= 0 && size != batch;
            batch = size;
        }
        if (differ) {
            throw new IllegalArgumentException("vmap: Expected all tensors to have the same size in the mapped "
                    + "dimension, got sizes " + sizes + " for the mapped dimension");
        }
        return batch;
    }

    private static Tensor[] slices(Tensor[] inputs, int[] dims, int b) {
        Tensor[] args = inputs.clone();
        for (int i = 0; i < args.length; i++) {
            if (dims[i] >= 0) {
                args[i] = inputs[i].select(dims[i], b);
            }
        }
        return args;
    }

    private static Tensor[] zeroSlices(Tensor[] inputs, int[] dims) {
        Tensor[] args = inputs.clone();
        for (int i = 0; i < args.length; i++) {
            if (dims[i] >= 0) {
                int[] shape = inputs[i].shape();
                int[] slice = new int[shape.length - 1];
                for (int d = 0, k = 0; d < shape.length; d++) {
                    if (d != dims[i]) {
                        slice[k++] = shape[d];
                    }
                }
                args[i] = Tensor.zeros(slice);
            }
        }
        return args;
    }

    private List<Tensor> call(Tensor[] args) {
        List<Tensor> out = f.applyAll(args);
        if (out == null || out.isEmpty()) {
            throw new IllegalStateException("vmap(f, ...): `f` must return at least one Tensor");
        }
        for (int j = 0; j < out.size(); j++) {
            if (out.get(j) == null) {
                throw new IllegalStateException("vmap(f, ...): `f` must only return Tensors, got null as output " + j);
            }
        }
        if (outDims.length != 1 && outDims.length != out.size()) {
            throw new IllegalArgumentException("vmap(f, ..., out_dims=" + Arrays.toString(outDims) + "): out_dims is "
                    + "not compatible with the structure of `outputs`: " + outDims.length + " out_dims for "
                    + out.size() + " outputs");
        }
        return out;
    }

    /** PyTorch changes an input it does not map over once; a loop over slices would change it once a slice. */
    private static void refuseUnmappedWrites(Tensor[] inputs, int[] dims, int[] versions) {
        for (int i = 0; i < inputs.length; i++) {
            if (dims[i] < 0 && inputs[i] != null && inputs[i].version() != versions[i]) {
                throw new IllegalStateException("vmap: f changed input " + i + ", which is not mapped over (in_dim "
                        + "None), in place; vgrad's vmap calls f once a slice and would change it once a slice, "
                        + "where PyTorch changes it once. Map over it, or change it outside vmap");
            }
        }
    }

    private int outDim(int j) {
        return outDims.length == 1 ? outDims[0] : outDims[j];
    }

    private Tensor stackSlices(List<Tensor> slices, int j) {
        return Tensor.stack(slices, outDim(j));
    }

    private List<Tensor> emptyStacks(List<Tensor> shapes) {
        List<Tensor> result = new ArrayList<>(shapes.size());
        for (int j = 0; j < shapes.size(); j++) {
            int[] shape = shapes.get(j).shape();
            int rank = shape.length + 1;
            int d = outDim(j);
            if (d < -rank || d >= rank) {
                throw new IllegalArgumentException("Dimension out of range (expected to be in range of [" + -rank
                        + ", " + (rank - 1) + "], but got " + d + ")");
            }
            d = d < 0 ? d + rank : d;
            int[] stacked = new int[rank];
            for (int k = 0, s = 0; k < rank; k++) {
                stacked[k] = k == d ? 0 : shape[s++];
            }
            result.add(Tensor.zeros(stacked));
        }
        return result;
    }
}

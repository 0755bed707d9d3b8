package dev.vgrad.nn;

import dev.vgrad.Generator;
import dev.vgrad.Tensor;
import java.util.List;

/** What FractionalMaxPool2d and 3d share: the window, the output size or ratio, and the generator calls draw from. */
abstract class FractionalMaxPoolNd extends Module {
    private final String op;
    private final int[] kernel, outputSize;
    private final double[] outputRatio;
    private final Generator generator;

    FractionalMaxPoolNd(String op, int[] kernel, int[] outputSize, double[] outputRatio, Generator g) {
        if ((outputSize == null) == (outputRatio == null)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " requires specifying either an output "
                    + "size, or a pooling ratio (exactly one of them)");
        }
        this.op = op;
        this.kernel = kernel.clone();
        this.outputSize = outputSize == null ? null : outputSize.clone();
        this.outputRatio = outputRatio == null ? null : outputRatio.clone();
        this.generator = g;
    }

    static int[] cube(int kernel, int dims) {
        int[] k = new int[dims];
        java.util.Arrays.fill(k, kernel);
        return k;
    }

    @Override
    public Tensor forward(Tensor x) {
        return forwardWithIndices(x).get(0);
    }

    /** The pooled values and each maximum's flat index into its input plane or volume (return_indices=True). */
    public List<Tensor> forwardWithIndices(Tensor x) {
        return FractionalPooling.pool(op, x, kernel, outputSize, outputRatio, null, generator);
    }
}

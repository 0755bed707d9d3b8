package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * Resizes the spatial dimensions of [N, C, ...], as {@code torch.nn.Upsample}: to a size or by scale factors, with
 * mode "nearest" (the default), "linear" or "bilinear" ({@link Functional#interpolate}).
 */
public class Upsample extends Module {
    private final int[] size;
    private final double[] scaleFactor;
    private final String mode;
    private final Boolean alignCorners;

    /** Nearest upsampling by the same factor in every spatial dimension of the input. */
    public Upsample(double scaleFactor) {
        this(null, new double[] {scaleFactor}, "nearest", null);
    }

    /**
     * PyTorch's {@code Upsample(size, scale_factor, mode, align_corners)}: exactly one of size and scaleFactor (one
     * value applies to every spatial dimension); alignCorners null unless the mode is linear.
     */
    public Upsample(int[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        if ((size == null) == (scaleFactor == null)) {
            throw new IllegalArgumentException("Upsample: give either size or scale_factor, not both or neither");
        }
        this.size = size == null ? null : size.clone();
        this.scaleFactor = scaleFactor == null ? null : scaleFactor.clone();
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    @Override
    public Tensor forward(Tensor x) {
        int spatial = Math.max(x.dim() - 2, 0);
        if (size != null) {
            return Interpolation.interpolate(x, perDimension(size, spatial), null, mode, alignCorners);
        }
        double[] factors = scaleFactor.clone();
        if (scaleFactor.length == 1 && spatial > 1) {
            factors = new double[spatial];
            Arrays.fill(factors, scaleFactor[0]);
        }
        return Interpolation.interpolate(x, null, factors, mode, alignCorners);
    }

    private static int[] perDimension(int[] size, int spatial) {
        if (size.length != 1 || spatial <= 1) {
            return size.clone();
        }
        int[] out = new int[spatial];
        Arrays.fill(out, size[0]);
        return out;
    }

    @Override
    protected String extraRepr() {
        String what = size != null ? "size=" + (size.length == 1 ? String.valueOf(size[0]) : tuple(size))
                : "scale_factor=" + (scaleFactor.length == 1 ? PythonRepr.floatLiteral((float) scaleFactor[0])
                : tuple(scaleFactor));
        return what + ", mode='" + mode + "'";
    }

    private static String tuple(int[] v) {
        return Arrays.toString(v).replace('[', '(').replace(']', ')');
    }

    private static String tuple(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(PythonRepr.floatLiteral((float) v[i]));
        }
        return sb.append(")").toString();
    }
}

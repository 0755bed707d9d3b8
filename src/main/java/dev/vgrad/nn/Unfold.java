package dev.vgrad.nn;

import dev.vgrad.Tensor;
import java.util.Arrays;

/**
 * Every sliding window of [N, C, H, W] as a column, [N, C*kh*kw, L], as {@code torch.nn.Unfold} (see
 * {@link Functional#unfold}); ViT-style patch extraction is Unfold with stride equal to the kernel.
 */
public class Unfold extends Module {
    private final int[] kernel, dilation, padding, stride;

    /** Square windows of {@code kernel}, dilation 1, no padding, stride 1. */
    public Unfold(int kernel) {
        this(new int[] {kernel, kernel}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1});
    }

    /** Windows of kernel (h, w) with the given dilation, padding and stride pairs. */
    public Unfold(int[] kernel, int[] dilation, int[] padding, int[] stride) {
        this.kernel = kernel.clone();
        this.dilation = dilation.clone();
        this.padding = padding.clone();
        this.stride = stride.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        return Functional.unfold(x, kernel, dilation, padding, stride);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + pair(kernel) + ", dilation=" + pair(dilation) + ", padding=" + pair(padding)
                + ", stride=" + pair(stride);
    }

    /** PyTorch prints what was passed: one number for a square setting made from one, else the pair. */
    static String pair(int[] v) {
        return v[0] == v[1] ? String.valueOf(v[0]) : Arrays.toString(v).replace('[', '(').replace(']', ')');
    }
}

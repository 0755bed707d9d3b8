package dev.vgrad.nn;

import dev.vgrad.Tensor;

/** Batch normalization of [N, C, H, W] inputs per channel, as {@code torch.nn.BatchNorm2d}. */
public class BatchNorm2d extends BatchNorm {
    /** Over {@code features} channels. */
    public BatchNorm2d(int features) {
        super(features);
    }

    @Override
    void checkInput(Tensor x) {
        if (x.dim() != 4) {
            throw new IllegalArgumentException("expected 4D input (got " + x.dim() + "D input, shape "
                    + java.util.Arrays.toString(x.shape()) + ")");
        }
    }
}

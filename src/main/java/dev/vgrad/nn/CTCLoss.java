package dev.vgrad.nn;

import dev.vgrad.Tensor;

/**
 * The connectionist temporal classification loss as a module, {@code torch.nn.CTCLoss(blank, reduction,
 * zero_infinity)}: {@code forward(logProbs, targets, inputLengths, targetLengths)}, as
 * {@link Functional#ctcLoss(Tensor, Tensor, int[], int[], int, String, boolean)}.
 */
public class CTCLoss extends Module {
    private final int blank;
    private final String reduction;
    private final boolean zeroInfinity;

    /** PyTorch's defaults: blank 0, "mean", infinite losses kept. */
    public CTCLoss() {
        this(0, "mean", false);
    }

    /** The blank class, the reduction ("mean", "sum" or "none") and whether to zero infinite losses. */
    public CTCLoss(int blank, String reduction, boolean zeroInfinity) {
        Criterion.parse(reduction);
        if (blank < 0) {
            throw new IllegalArgumentException("CTCLoss: blank must be a class index, got " + blank);
        }
        this.blank = blank;
        this.reduction = reduction;
        this.zeroInfinity = zeroInfinity;
    }

    /** The loss of log_probs [T, N, C] for the targets, each sequence's frame count and label count. */
    public Tensor forward(Tensor logProbs, Tensor targets, int[] inputLengths, int[] targetLengths) {
        return Ctc.loss(logProbs, targets, inputLengths, targetLengths, blank, reduction, zeroInfinity);
    }

    /** Refused: the loss needs targets and lengths; call {@link #forward(Tensor, Tensor, int[], int[])}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new IllegalArgumentException("CTCLoss takes log_probs, targets, input_lengths and target_lengths: call "
                + "forward(logProbs, targets, inputLengths, targetLengths)");
    }
}

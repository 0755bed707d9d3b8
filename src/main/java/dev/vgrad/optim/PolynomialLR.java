package dev.vgrad.optim;

/**
 * Decays the learning rate along {@code (1 - epoch / totalIters)^power} to zero at totalIters, then keeps it there, as
 * {@code torch.optim.lr_scheduler.PolynomialLR}.
 */
public final class PolynomialLR extends LRScheduler {
    private final int totalIters;
    private final double power;

    /** PyTorch's defaults: linear (power 1) to zero over 5 epochs. */
    public PolynomialLR(Optimizer optimizer) {
        this(optimizer, 5, 1.0);
    }

    /** A polynomial of degree {@code power} from the base rate to zero over totalIters epochs. */
    public PolynomialLR(Optimizer optimizer, int totalIters, double power) {
        super(optimizer);
        if (totalIters <= 0) {
            throw new IllegalArgumentException("PolynomialLR: total_iters must be positive, got " + totalIters);
        }
        this.totalIters = totalIters;
        this.power = power;
    }

    @Override
    protected double nextLr(int group, double current) {
        if (lastEpoch == 0 || lastEpoch > totalIters) {
            return current;
        }
        double decay = Math.pow((1.0 - (double) lastEpoch / totalIters)
                / (1.0 - (double) (lastEpoch - 1) / totalIters), power);
        return current * decay;
    }

    @Override
    protected double restartLr(int group, double current) {
        return baseLr(group) * Math.pow(1.0 - (double) Math.min(totalIters, lastEpoch) / totalIters, power);
    }
}

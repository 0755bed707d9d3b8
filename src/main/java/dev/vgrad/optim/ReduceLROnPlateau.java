package dev.vgrad.optim;

/**
 * Cuts the learning rate by a factor when a metric has stopped improving for {@code patience} epochs, as
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}. Call {@link #step(double)} with the metric each epoch. A cut
 * applies to every parameter group.
 */
public final class ReduceLROnPlateau {
    private final Optimizer optimizer;
    private boolean maximizeMetric;
    private double factor = 0.1;
    private int patience = 10;
    private double threshold = 1e-4;
    private boolean relative = true;
    private int cooldown;
    /** Each parameter group's floor. */
    private double[] minLrs;
    private double eps = 1e-8;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;
    private int cooldownCounter;

    /** Watches a metric to minimize, with PyTorch's defaults. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.minLrs = new double[optimizer.paramGroups().size()];
    }

    /** "min" (default) or "max": whether a lower or a higher metric is better. */
    public ReduceLROnPlateau mode(String mode) {
        if (!mode.equals("min") && !mode.equals("max")) {
            throw new IllegalArgumentException("mode " + mode + " is unknown!");
        }
        maximizeMetric = mode.equals("max");
        best = maximizeMetric ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return this;
    }

    /** The factor the learning rate is multiplied by (default 0.1; must be below 1). */
    public ReduceLROnPlateau factor(float factor) {
        if (factor >= 1f) {
            throw new IllegalArgumentException("Factor should be < 1.0.");
        }
        this.factor = Optimizer.exact(factor);
        return this;
    }

    /** Epochs without improvement tolerated before a cut (default 10). */
    public ReduceLROnPlateau patience(int patience) {
        this.patience = patience;
        return this;
    }

    /** How much better counts as better (default 1e-4). */
    public ReduceLROnPlateau threshold(float threshold) {
        this.threshold = Optimizer.exact(threshold);
        return this;
    }

    /** "rel" (default) or "abs": whether the threshold is relative or absolute. */
    public ReduceLROnPlateau thresholdMode(String mode) {
        if (!mode.equals("rel") && !mode.equals("abs")) {
            throw new IllegalArgumentException("threshold mode " + mode + " is unknown!");
        }
        relative = mode.equals("rel");
        return this;
    }

    /** Epochs to wait after a cut before counting again (default 0). */
    public ReduceLROnPlateau cooldown(int cooldown) {
        this.cooldown = cooldown;
        return this;
    }

    /** The floor of every group's learning rate (default 0). */
    public ReduceLROnPlateau minLr(float minLr) {
        java.util.Arrays.fill(minLrs, Optimizer.exact(minLr));
        return this;
    }

    /** One floor per parameter group, as PyTorch's {@code min_lr} list. */
    public ReduceLROnPlateau minLrs(float... minLrs) {
        if (minLrs.length != this.minLrs.length) {
            throw new IllegalArgumentException("expected " + this.minLrs.length + " min_lrs, got " + minLrs.length);
        }
        for (int g = 0; g < minLrs.length; g++) {
            this.minLrs[g] = Optimizer.exact(minLrs[g]);
        }
        return this;
    }

    /** Cuts smaller than this are skipped (default 1e-8). */
    public ReduceLROnPlateau eps(float eps) {
        this.eps = Optimizer.exact(eps);
        return this;
    }

    /** Records this epoch's metric and cuts the learning rate if it has plateaued. */
    public void step(double metric) {
        if (isBetter(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            java.util.List<Optimizer> groups = optimizer.groupList();
            if (groups.size() != minLrs.length) {
                throw new IllegalStateException("ReduceLROnPlateau was built over " + minLrs.length + " parameter "
                        + "group(s) and the optimizer now has " + groups.size()
                        + ": add every group before building it");
            }
            for (int g = 0; g < groups.size(); g++) {
                Optimizer group = groups.get(g);
                double old = group.lrExact();
                double next = Math.max(old * factor, minLrs[g]);
                if (old - next > eps) {
                    group.setLrExact(next);
                }
            }
            cooldownCounter = cooldown;
            badEpochs = 0;
        }
    }

    private boolean isBetter(double a) {
        if (!maximizeMetric) {
            return relative ? a < best * (1 - threshold) : a < best - threshold;
        }
        return relative ? a > best * (threshold + 1) : a > best + threshold;
    }

    /** The plateau's progress: the best metric so far (exactly), epochs without improvement, cooldown left. */
    public java.util.Map<String, dev.vgrad.Tensor> stateDict() {
        java.util.Map<String, dev.vgrad.Tensor> out = new java.util.LinkedHashMap<>();
        out.put("best", ExactDouble.of(best));
        out.put("num_bad_epochs", dev.vgrad.Tensor.scalar(badEpochs));
        out.put("cooldown_counter", dev.vgrad.Tensor.scalar(cooldownCounter));
        return out;
    }

    /** Restores a {@link #stateDict()}; the settings (mode, factor, patience, ...) are this object's own. */
    public void loadStateDict(java.util.Map<String, dev.vgrad.Tensor> saved) {
        if (!saved.keySet().equals(java.util.Set.of("best", "num_bad_epochs", "cooldown_counter"))) {
            throw new IllegalArgumentException("loadStateDict: a plateau's state holds best, num_bad_epochs and "
                    + "cooldown_counter, got " + saved.keySet());
        }
        double b = ExactDouble.from("best", saved.get("best"));
        float bad = saved.get("num_bad_epochs").item(), cool = saved.get("cooldown_counter").item();
        if (!(bad >= 0 && bad == Math.rint(bad) && cool >= 0 && cool == Math.rint(cool))) {
            throw new IllegalArgumentException("loadStateDict: num_bad_epochs and cooldown_counter must be counts, got "
                    + bad + " and " + cool);
        }
        best = b;
        badEpochs = (int) bad;
        cooldownCounter = (int) cool;
    }

    /** The optimizer's current learning rate (the first group's). */
    public float getLastLr() {
        return (float) optimizer.groupList().get(0).lrExact();
    }

    /** Every parameter group's current learning rate, as PyTorch's {@code _last_lr}. */
    public float[] getLastLrs() {
        return optimizer.groupLrs();
    }
}

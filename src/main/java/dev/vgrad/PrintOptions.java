package dev.vgrad;

/**
 * The options of {@link Tensor#setPrintoptions} ({@code torch.set_printoptions}), written as PyTorch's keywords: a new
 * PrintOptions names none, and each setter names one, e.g. {@code Tensor.setPrintoptions(new
 * PrintOptions().precision(2).sciMode(false))}. What it does not name stays as it was, except the notation, which
 * PyTorch sets on every call (not naming it goes back to choosing by the values). {@link #current()} reads the options
 * in force, all named, so that setting it again restores them.
 */
public final class PrintOptions {
    /** The options in force: what every {@link Tensor#toString()} reads. */
    record Settings(int precision, double threshold, int edgeitems, int linewidth, Boolean sciMode) {}

    private static final Settings DEFAULT = new Settings(4, 1000, 3, 80, null);
    private static volatile Settings settings = DEFAULT;

    private Integer precision;
    private Double threshold;
    private Integer edgeitems;
    private Integer linewidth;
    private String profile;
    private Boolean sciMode;

    /** Options that name nothing: set, they change only the notation, back to chosen by the values. */
    public PrintOptions() {}

    /** The options in force, every one named (the notation null while it is chosen by the values). */
    public static PrintOptions current() {
        Settings s = settings;
        PrintOptions o = new PrintOptions();
        o.precision = s.precision();
        o.threshold = s.threshold();
        o.edgeitems = s.edgeitems();
        o.linewidth = s.linewidth();
        o.sciMode = s.sciMode();
        return o;
    }

    /** Digits after the point, in fixed and in scientific notation (default 4). */
    public PrintOptions precision(int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("set_printoptions: precision must be at least 0, got " + digits);
        }
        precision = digits;
        return this;
    }

    /** Tensors of more elements than this are summarized, edges and "..." (default 1000; infinity: never). */
    public PrintOptions threshold(double elements) {
        if (Double.isNaN(elements)) {
            throw new IllegalArgumentException("set_printoptions: threshold is NaN");
        }
        threshold = elements;
        return this;
    }

    /**
     * Entries shown at each end of a summarized dimension (default 3). At least 1: PyTorch's 0 prints a whole
     * dimension after its "...", through Python's {@code x[-0:]}.
     */
    public PrintOptions edgeitems(int entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("set_printoptions: edgeitems must be at least 1, got " + entries);
        }
        edgeitems = entries;
        return this;
    }

    /** Characters a line takes before elements wrap (default 80). */
    public PrintOptions linewidth(int characters) {
        linewidth = characters;
        return this;
    }

    /**
     * A named set of the four options above, which the options named beside it then override: "default" (4, 1000,
     * 3, 80), "short" (2, 1000, 2, 80) or "full" (4, infinity, 3, 80). Another name is refused (PyTorch 1.13 ignores
     * it).
     */
    public PrintOptions profile(String name) {
        if (!name.equals("default") && !name.equals("short") && !name.equals("full")) {
            throw new IllegalArgumentException("set_printoptions: profile is \"default\", \"short\" or \"full\", not \""
                    + name + "\"");
        }
        profile = name;
        return this;
    }

    /** Scientific notation always (true), never (false), or chosen by the values (null, the default). */
    public PrintOptions sciMode(Boolean on) {
        sciMode = on;
        return this;
    }

    /** The precision named, or null. */
    public Integer precision() {
        return precision;
    }

    /** The threshold named, or null. */
    public Double threshold() {
        return threshold;
    }

    /** The edge items named, or null. */
    public Integer edgeitems() {
        return edgeitems;
    }

    /** The line width named, or null. */
    public Integer linewidth() {
        return linewidth;
    }

    /** The profile named, or null. */
    public String profile() {
        return profile;
    }

    /** The notation: true scientific, false fixed, null chosen by the values. */
    public Boolean sciMode() {
        return sciMode;
    }

    /** Puts {@code o} in force as {@code torch.set_printoptions} does: the profile first, then the named options. */
    static void set(PrintOptions o) {
        Settings s = settings;
        int p = s.precision(), e = s.edgeitems(), w = s.linewidth();
        double t = s.threshold();
        if (o.profile != null) {
            p = o.profile.equals("short") ? 2 : 4;
            t = o.profile.equals("full") ? Double.POSITIVE_INFINITY : 1000;
            e = o.profile.equals("short") ? 2 : 3;
            w = 80;
        }
        settings = new Settings(o.precision != null ? o.precision : p, o.threshold != null ? o.threshold : t,
                o.edgeitems != null ? o.edgeitems : e, o.linewidth != null ? o.linewidth : w, o.sciMode);
    }

    static Settings settings() {
        return settings;
    }
}

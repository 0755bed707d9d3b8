package dev.vgrad;

/**
 * A seeded random number generator that draws what PyTorch's CPU generator draws: the same Mersenne Twister
 * (mt19937) and the same transforms, so {@code new Generator(42)} followed by {@code Tensor.randn(g, 1)} gives
 * {@code torch.manual_seed(42); torch.randn(1)}. Uniform floats take 24 random bits; normals below 16
 * elements use double-precision Box-Muller with the second value cached, and from 16 elements on,
 * PyTorch's batched float Box-Muller over groups of 16. There PyTorch's AVX2 build takes log, sin and cos from
 * SLEEF's vectorised 1-ulp functions and vgrad correctly rounded ones: about one value in six differs, by at most a
 * few ulps (measured: 70 of 400, 3 ulps at most).
 */
public final class Generator {
    /** PyTorch's default seed for its default CPU generator. */
    public static final long DEFAULT_SEED = 67280421310721L;
    private static final Generator DEFAULT = new Generator(DEFAULT_SEED);
    /** A thread's own default (a DataLoader worker's, as each of PyTorch's worker processes has its own); null: none. */
    private static final ThreadLocal<Generator> THREAD_DEFAULT = new ThreadLocal<>();
    /** What the calling thread's draws must report to (vmap's randomness modes); null: nothing. */
    private static final ThreadLocal<DrawWatch> WATCH = new ThreadLocal<>();
    /** How many threads have a watch set: while 0, a draw does not look up its thread's (the usual case). */
    private static volatile int watching;

    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;
    private long seed;
    private boolean hasNextNormal;
    private double nextNormal;

    /** A generator seeded like {@code torch.Generator().manual_seed(seed)}. */
    public Generator(long seed) {
        manualSeed(seed);
    }

    /**
     * The generator {@link Tensor#rand(int...)} and {@link Tensor#randn(int...)} draw from: the process's, or on a
     * thread given its own by {@link #setThreadDefault}, that one.
     */
    public static Generator defaultGenerator() {
        Generator own = THREAD_DEFAULT.get();
        return own != null ? own : DEFAULT;
    }

    /**
     * Makes {@code g} the default generator of the calling thread alone (null: the process's again). A DataLoader
     * worker thread's default is seeded as PyTorch seeds each worker process's ({@code base_seed + worker_id}), so a
     * dataset that draws from the default generator draws in each worker what it draws in PyTorch's.
     */
    public static void setThreadDefault(Generator g) {
        if (g == null) {
            THREAD_DEFAULT.remove();
        } else {
            THREAD_DEFAULT.set(g);
        }
    }

    /** Restarts the sequence from {@code seed} (only its low 32 bits seed the twister, as in PyTorch). */
    public Generator manualSeed(long seed) {
        this.seed = seed;
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
        hasNextNormal = false;
        return this;
    }

    /** The seed last set. */
    public long initialSeed() {
        return seed;
    }

    /**
     * A snapshot of where the generator stands ({@code get_state()}): {@link #setState} with it makes the generator
     * draw again what it draws from here.
     */
    public State getState() {
        return new State(mt.clone(), index, seed, hasNextNormal, nextNormal);
    }

    /** Puts the generator back where {@code state} was taken ({@code set_state}); returns this generator. */
    public Generator setState(State state) {
        System.arraycopy(state.mt, 0, mt, 0, N);
        index = state.index;
        seed = state.seed;
        hasNextNormal = state.hasNextNormal;
        nextNormal = state.nextNormal;
        return this;
    }

    /**
     * {@code torch.random.fork_rng()}: until the returned scope is closed, draws from the default generator (the
     * calling thread's) leave no trace: closing puts it back where it stood when the scope opened.
     */
    public static RngScope forkRng() {
        Generator g = defaultGenerator();
        State saved = g.getState();
        return () -> g.setState(saved);
    }

    /** What {@link #forkRng()} returns: closing it restores the default generator. */
    @FunctionalInterface
    public interface RngScope extends AutoCloseable {
        /** Restores the default generator's state from when the scope opened. */
        @Override
        void close();
    }

    /** A generator's state, as {@link #getState} takes it: immutable, and usable on any generator. */
    public static final class State {
        private final int[] mt;
        private final int index;
        private final long seed;
        private final boolean hasNextNormal;
        private final double nextNormal;

        private State(int[] mt, int index, long seed, boolean hasNextNormal, double nextNormal) {
            this.mt = mt;
            this.index = index;
            this.seed = seed;
            this.hasNextNormal = hasNextNormal;
            this.nextNormal = nextNormal;
        }
    }

    /**
     * Told of every draw from any generator on the thread that set it, before the draw changes the generator's state:
     * how {@code vmap} refuses random operations in its "error" mode and gives every slice the same draws in its
     * "same" mode.
     */
    @FunctionalInterface
    public interface DrawWatch {
        /** Called before {@code g} draws; may throw to refuse the draw, which then leaves {@code g} as it was. */
        void beforeDraw(Generator g);
    }

    /**
     * Sets the calling thread's draw watch (null: none) and returns the one it replaces, which the caller puts back
     * when it is done; a watch that wants its enclosing one told too calls it itself.
     */
    public static DrawWatch watchDraws(DrawWatch watch) {
        DrawWatch before = WATCH.get();
        if (before == null && watch != null) {
            synchronized (WATCH) {
                watching++;
            }
        } else if (before != null && watch == null) {
            synchronized (WATCH) {
                watching--;
            }
        }
        if (watch == null) {
            WATCH.remove();
        } else {
            WATCH.set(watch);
        }
        return before;
    }

    private void reportDraw() {
        if (watching != 0) {
            DrawWatch watch = WATCH.get();
            if (watch != null) {
                watch.beforeDraw(this);
            }
        }
    }

    /** The next 32 random bits, as mt19937 produces them. */
    public int nextInt() {
        reportDraw();
        return nextUnreported();
    }

    /** The next 32 bits without telling a watch: for loops that told it once before their first draw. */
    private int nextUnreported() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        index = 0;
    }

    /** 64 random bits from two draws, the first one high (PyTorch's random64). */
    private long nextLong() {
        long hi = nextInt() & 0xffffffffL;
        long lo = nextInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /**
     * A float uniform in [from, to), computed as PyTorch's {@code uniform_real_distribution<float>}: 24 random bits
     * scaled to [0, 1), then {@code x * (to - from) + from}, which PyTorch's AVX2 build compiles to one fused
     * multiply-add (so the result matches it to the bit).
     */
    public float uniform(float from, float to) {
        reportDraw();
        return uniformUnreported(from, to);
    }

    private float uniformUnreported(float from, float to) {
        float x = (nextUnreported() & ((1 << 24) - 1)) * (1.0f / (1 << 24));
        return Math.fma(x, to - from, from);
    }

    /** A double in [0, 1) from 53 random bits, as PyTorch's {@code uniform_real_distribution<double>}. */
    public double uniformDouble() {
        return (nextLong() & ((1L << 53) - 1)) * (1.0 / (1L << 53));
    }

    /** A standard normal sample, as PyTorch's {@code normal_distribution<double>} (caching the pair's sine half). */
    public double normal() {
        if (hasNextNormal) {
            reportDraw();
            hasNextNormal = false;
            return nextNormal;
        }
        double u1 = uniformDouble();
        double u2 = uniformDouble();
        double r = Math.sqrt(-2.0 * Math.log1p(-u2));
        double theta = 2.0 * Math.PI * u1;
        nextNormal = r * Math.sin(theta);
        hasNextNormal = true;
        return r * Math.cos(theta);
    }

    /**
     * A non-negative 63-bit integer, as {@code torch.empty((), dtype=torch.int64).random_(generator=g)} draws it: two
     * 32-bit draws, the first the high half, modulo 2^63. PyTorch's DataLoader draws one of these at the start of every
     * pass, and its RandomSampler without a generator seeds a new one with another.
     */
    public long randomInt64() {
        return nextLong() & Long.MAX_VALUE;
    }

    /**
     * A random permutation of 0..n-1, drawn as {@code torch.randperm(n, generator=g)} draws it on the CPU
     * (Fisher-Yates with {@code random() % (n - i)}); PyTorch's RandomSampler shuffles with exactly this.
     */
    public int[] randperm(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            int z = (int) (Integer.toUnsignedLong(nextInt()) % (n - i));
            int sav = r[i];
            r[i] = r[z + i];
            r[z + i] = sav;
        }
        return r;
    }

    void fillUniform(float[] out, int off, int n) {
        // A watch is told once, before the first draw (a draw for every element would cost a fill a few percent).
        reportDraw();
        for (int i = 0; i < n; i++) {
            out[off + i] = uniformUnreported(0f, 1f);
        }
    }

    void fillNormal(float[] out, int off, int n) {
        if (n < 16) {
            for (int i = 0; i < n; i++) {
                out[off + i] = (float) normal();
            }
            return;
        }
        fillUniform(out, off, n);
        for (int i = 0; i + 16 <= n; i += 16) {
            boxMuller16(out, off + i);
        }
        if (n % 16 != 0) {
            // PyTorch redraws the last 16 values, overlapping the groups already done.
            fillUniform(out, off + n - 16, 16);
            boxMuller16(out, off + n - 16);
        }
    }

    /** 2 pi rounded to float, as PyTorch's normal kernel holds it. */
    private static final float TWO_PI = (float) (2.0 * Math.PI);

    /**
     * Box-Muller on 16 uniforms, as PyTorch's AVX2 kernel (normal_fill_16_AVX2) computes it: its logarithm, sine and
     * cosine are avx_mathfun's ({@link AvxMathFun}), so the values are torch.randn's bit for bit on the x86 CPUs PyTorch
     * runs that kernel on (AVX2 and up; older CPUs take its scalar loop with the C library's functions instead).
     */
    private static void boxMuller16(float[] data, int off) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1 - data[off + j];
            float u2 = data[off + j + 8];
            float radius = (float) Math.sqrt(-2 * AvxMathFun.log(u1));
            float theta = TWO_PI * u2;   // a float product, as PyTorch's kernel computes it
            AvxMathFun.scaledSinCos(theta, radius, data, off + j, off + j + 8);
        }
    }
}

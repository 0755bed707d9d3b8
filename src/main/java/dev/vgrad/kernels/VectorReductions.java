package dev.vgrad.kernels;

import static jdk.incubator.vector.FloatVector.fromArray;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API reductions over unit-stride runs, in the canonical order {@link ScalarReductions} defines: blocks of
 * {@link ScalarReductions#BLOCK} added in double, inside a block four 16-lane accumulators, folded in a fixed
 * tree, then a scalar tail. The order is vgrad's, not the hardware's, so a sum has the same bits on the scalar
 * path, on AVX2 (each 16-lane accumulator is two 8-lane vectors: eight independent chains), on AVX-512 (four
 * 16-lane vectors) and with NEON's 4 lanes (four quarters each: sixteen vectors); other widths take the scalar loop.
 * Four or more independent chains also hide the latency of the add/FMA (one accumulator would wait 3-4 cycles per
 * vector).
 */
final class VectorReductions {
    private static final VectorSpecies<Float> S = VectorWidth.SPECIES;
    private static final int L = S.length();
    private static final int BLOCK = ScalarReductions.BLOCK;
    /** Whether this width runs the canonical order in vectors: one, two or four vectors per 16-lane accumulator. */
    private static final boolean CANONICAL_WIDTH = L == 16 || L == 8 || L == 4;

    /**
     * Receivers whose class C2 knows from the constant itself. After a loop, a call on an accumulator (a loop phi,
     * declared FloatVector) is bound only through a type profile, and a helper that would name the class (a cast to
     * the species' vector class, tried and taken out) may not be inlined there: a call made once a call is what C2
     * calls "low call site frequency" when the caller's profile is stale. {@code ZERO + acc} is acc (an accumulator
     * that starts at +0 is never -0), {@code max(-inf, acc)} is acc. Cross entropy's row max, inlined with a stale
     * profile, boxed its vectors in 5 of 55 JMH forks of the CNN step (28 KB a step instead of 4).
     */
    private static final FloatVector ZERO = FloatVector.zero(S), NEG_INF = FloatVector.broadcast(S,
            Float.NEGATIVE_INFINITY);

    /**
     * Shuffles that bring lane i + 8 (used with 16 lanes), i + 4, i + 2 and i + 1 onto lane i: the fixed tree in which
     * the blocks below sum a vector's lanes. {@code reduceLanes(ADD)} leaves its order unspecified, and its interpreted
     * and compiled forms round differently, which made results depend on when the JIT compiled a loop; this order is
     * the same in every tier. Each block writes the tree out rather than call a helper with the vector: a vector
     * passed to a method C2 leaves out of line is boxed, and C2 does leave such helpers out where the caller is large
     * (layer norm's dot products, inlined into a TransformerEncoderLayer's step, hit C2's node-count cutoff and
     * allocated 250 KB a step). The shuffles are fields, so that C2 sees each one's class.
     */
    private static final VectorShuffle<Float> BY_8 = VectorShuffle.iota(S, 8 % L, 1, true),
            BY_4 = VectorShuffle.iota(S, 4, 1, true), BY_2 = VectorShuffle.iota(S, 2, 1, true),
            BY_1 = VectorShuffle.iota(S, 1, 1, true);

    private VectorReductions() {}

    /**
     * The sum of term(x[off + i]) (see {@link SumTerm}) in the canonical blocks and order, so each term's sum equals
     * the plain sum over a copy holding the terms.
     */
    static float sum(int n, float[] x, int off, SumTerm term) {
        if (!CANONICAL_WIDTH) {
            return ScalarReductions.sum(n, x, off, 1, term);
        }
        if (n < ScalarReductions.LANES) {
            // Below one canonical vector every accumulator stays zero and the order is a plain loop's from +0; the
            // block would first fold four zero vectors through its tree (a 10-class softmax row's sum).
            float s = 0f;
            for (int i = 0; i < n; i++) {
                s += term.of(x[off + i]);
            }
            return s;
        }
        double total = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            total += L == 16 ? sumBlock16(len, x, off + start, term)
                    : L == 8 ? sumBlock8(len, x, off + start, term) : sumBlock4(len, x, off + start, term);
        }
        return (float) total;
    }

    /**
     * The sums of two runs of n floats, at o1 and o2, each exactly as {@link #sum} takes it (n a multiple of 16, from
     * 16 to one {@link ScalarReductions#BLOCK}, 16 lanes: one block, {@link #sumBlock16}'s accumulators and tree, then
     * the block's double), returned as the two floats' bits in one long, the first in the high half. The two runs
     * are walked side by side so that their trees' chains of dependent adds overlap: a softmax row of 64 is mostly
     * such chains (its maximum and its sum), and a row at a time left the core waiting on them.
     */
    static long sumPair16(int n, float[] x, int o1, int o2) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        int i = 0;
        for (int bound = n - 64; i <= bound; i += 64) {
            a0 = fromArray(S, x, o1 + i).add(a0);
            b0 = fromArray(S, x, o2 + i).add(b0);
            a1 = fromArray(S, x, o1 + i + 16).add(a1);
            b1 = fromArray(S, x, o2 + i + 16).add(b1);
            a2 = fromArray(S, x, o1 + i + 32).add(a2);
            b2 = fromArray(S, x, o2 + i + 32).add(b2);
            a3 = fromArray(S, x, o1 + i + 48).add(a3);
            b3 = fromArray(S, x, o2 + i + 48).add(b3);
        }
        for (; i < n; i += 16) {
            a0 = fromArray(S, x, o1 + i).add(a0);
            b0 = fromArray(S, x, o2 + i).add(b0);
        }
        FloatVector w = ZERO.add(a0).add(a1).add(ZERO.add(a2).add(a3));
        FloatVector v = ZERO.add(b0).add(b1).add(ZERO.add(b2).add(b3));
        w = w.add(w.rearrange(BY_8));
        v = v.add(v.rearrange(BY_8));
        w = w.add(w.rearrange(BY_4));
        v = v.add(v.rearrange(BY_4));
        w = w.add(w.rearrange(BY_2));
        v = v.add(v.rearrange(BY_2));
        float first = (float) (0.0 + w.add(w.rearrange(BY_1)).lane(0));
        float second = (float) (0.0 + v.add(v.rearrange(BY_1)).lane(0));
        return (long) Float.floatToRawIntBits(first) << 32 | Float.floatToRawIntBits(second) & 0xffffffffL;
    }

    private static float sumBlock16(int n, float[] x, int off, SumTerm term) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (int bound = n - 64; i <= bound; i += 64) {
            FloatVector va0 = fromArray(S, x, off + i);
            a0 = (term == SumTerm.ABS ? va0.abs() : term == SumTerm.SQUARE ? va0.mul(va0) : va0).add(a0);
            FloatVector va1 = fromArray(S, x, off + i + 16);
            a1 = (term == SumTerm.ABS ? va1.abs() : term == SumTerm.SQUARE ? va1.mul(va1) : va1).add(a1);
            FloatVector va2 = fromArray(S, x, off + i + 32);
            a2 = (term == SumTerm.ABS ? va2.abs() : term == SumTerm.SQUARE ? va2.mul(va2) : va2).add(a2);
            FloatVector va3 = fromArray(S, x, off + i + 48);
            a3 = (term == SumTerm.ABS ? va3.abs() : term == SumTerm.SQUARE ? va3.mul(va3) : va3).add(a3);
        }
        for (int bound = n - 16; i <= bound; i += 16) {
            FloatVector va0 = fromArray(S, x, off + i);
            a0 = (term == SumTerm.ABS ? va0.abs() : term == SumTerm.SQUARE ? va0.mul(va0) : va0).add(a0);
        }
        FloatVector w = ZERO.add(a0).add(a1).add(ZERO.add(a2).add(a3));
        w = w.add(w.rearrange(BY_8));
        w = w.add(w.rearrange(BY_4));
        w = w.add(w.rearrange(BY_2));
        float s = w.add(w.rearrange(BY_1)).lane(0);
        for (; i < n; i++) {
            s += term.of(x[off + i]);
        }
        return s;
    }

    /**
     * Columns [j0, j1) of {@link Reductions#addRows}: vectors of columns held in registers down all the rows (so acc
     * is read and written once, not once a row), eight at a time from {@link #WIDE_ROWS} rows, then two, then one;
     * the columns past the last whole vector on the scalar path's loop. Adding the rows one call each (a bias gradient
     * of 512 rows) cost the training step 512 calls, and those of a 10-wide layer ran element by element through the
     * scalar kernels' dispatch. Eight vectors a row rather than two: each walk down the rows reads 512 contiguous bytes
     * of a row instead of 128, in a quarter as many walks. On an Intel Xeon (one thread, batch 64, the bias gradients
     * of [4 096, 128..512] outputs read from L3) the transformer block step went from 36.7-37.1 to 35.8-36.2 ms, and
     * the character transformer's from 91.9-93.4 to 88.7-90.2 ms with the walk still inline. With h (not null), the
     * columns of {@link Reductions#addRowProducts}: each vector of g times h's at the same place before it is added
     * (rounded first, as a stored product is).
     */
    static void addRows(int rows, int cols, int j0, int j1, float[] g, int gOff, float[] h, int hOff, float[] acc,
                        int accOff) {
        int j = j0, shift = hOff - gOff;
        if (rows >= WIDE_ROWS) {
            for (; j + 8 * L <= j1; j += 8 * L) {
                addRowsEight(rows, cols, j, g, gOff, h, shift, acc, accOff);
            }
        }
        for (; j + 2 * L <= j1; j += 2 * L) {
            FloatVector s0 = fromArray(S, acc, accOff + j), s1 = fromArray(S, acc, accOff + j + L);
            for (int r = 0, row = gOff + j; r < rows; r++, row += cols) {
                FloatVector v0 = fromArray(S, g, row), v1 = fromArray(S, g, row + L);
                if (h != null) {
                    v0 = v0.mul(fromArray(S, h, row + shift));
                    v1 = v1.mul(fromArray(S, h, row + shift + L));
                }
                s0 = v0.add(s0);
                s1 = v1.add(s1);
            }
            s0.intoArray(acc, accOff + j);
            s1.intoArray(acc, accOff + j + L);
        }
        for (; j + L <= j1; j += L) {
            FloatVector s = fromArray(S, acc, accOff + j);
            for (int r = 0, row = gOff + j; r < rows; r++, row += cols) {
                FloatVector v = fromArray(S, g, row);
                s = (h == null ? v : v.mul(fromArray(S, h, row + shift))).add(s);
            }
            s.intoArray(acc, accOff + j);
        }
        if (j < j1) {
            ScalarReductions.addRows(rows, cols, j, j1, g, gOff, h, hOff, acc, accOff);
        }
    }

    /**
     * {@link Reductions#maxRows}: vectors of columns held in registers down all the rows, two at a time, then one, the
     * rest scalar. One vector a walk read one cache line of each row, rows a row's length apart (4 KiB in a 1024-wide
     * matrix, so one L1 set): {@code amax(0)} of 1024 x 1024 took 2.2x PyTorch 1.13's time (Intel Xeon, 2026-12-06).
     */
    static void maxRows(int rows, int cols, float[] x, int xOff, float[] best, int bestOff, float[] at, int atOff) {
        int j = 0;
        for (; j + 2 * L <= cols; j += 2 * L) {
            maxRowsTwo(rows, cols, x, xOff + j, best, bestOff + j, at, atOff + j);
        }
        for (; j + L <= cols; j += L) {
            FloatVector b = fromArray(S, x, xOff + j), where = FloatVector.zero(S);
            for (int r = 1, row = xOff + cols + j; r < rows; r++, row += cols) {
                FloatVector v = fromArray(S, x, row);
                VectorMask<Float> replace = v.compare(VectorOperators.GT, b).or(v.test(VectorOperators.IS_NAN))
                        .andNot(b.test(VectorOperators.IS_NAN));
                b = b.blend(v, replace);
                where = where.blend((float) r, replace);
            }
            b.intoArray(best, bestOff + j);
            if (at != null) {
                where.intoArray(at, atOff + j);
            }
        }
        if (j < cols) {
            ScalarReductions.maxRows(rows, cols, j, x, xOff, best, bestOff, at, atOff);
        }
    }

    /** Two column vectors from {@code x[xOff]} of {@link #maxRows}, down all the rows at once. */
    private static void maxRowsTwo(int rows, int cols, float[] x, int xOff, float[] best, int bestOff, float[] at,
                                   int atOff) {
        FloatVector b0 = fromArray(S, x, xOff), b1 = fromArray(S, x, xOff + L);
        FloatVector w0 = FloatVector.zero(S), w1 = w0;
        for (int r = 1, row = xOff + cols; r < rows; r++, row += cols) {
            float here = r;
            FloatVector v0 = fromArray(S, x, row), v1 = fromArray(S, x, row + L);
            // a NaN found stays; a later NaN or a strictly larger value replaces the best so far
            VectorMask<Float> m0 = v0.compare(VectorOperators.GT, b0).or(v0.test(VectorOperators.IS_NAN))
                    .andNot(b0.test(VectorOperators.IS_NAN));
            VectorMask<Float> m1 = v1.compare(VectorOperators.GT, b1).or(v1.test(VectorOperators.IS_NAN))
                    .andNot(b1.test(VectorOperators.IS_NAN));
            b0 = b0.blend(v0, m0);
            b1 = b1.blend(v1, m1);
            w0 = w0.blend(here, m0);
            w1 = w1.blend(here, m1);
        }
        b0.intoArray(best, bestOff);
        b1.intoArray(best, bestOff + L);
        if (at != null) {
            w0.intoArray(at, atOff);
            w1.intoArray(at, atOff + L);
        }
    }

    /**
     * Rows from which {@link #addRows} walks eight column vectors at a time: with 128 columns or more, a gradient of
     * 1 024 rows is half a MiB and more, read from beyond L1 and mostly beyond L2 (a transformer's [4 096, 128..512]).
     * Below it the narrower walks run as they always did, and so does the JIT: in a method of its own
     * that small gradients never call, the wide walk does not change when C2 compiles the narrow ones (inside
     * addRows, it moved the CNN benchmark's compilation of them from 7.6 s to 13.8 s, into a measured iteration that
     * then allocated 26 KB a step in C1's vector fallbacks).
     */
    private static final int WIDE_ROWS = 1024;

    /** Columns [j, j + 8L) of {@link #addRows}: eight column vectors in registers down all the rows; h at g + shift. */
    private static void addRowsEight(int rows, int cols, int j, float[] g, int gOff, float[] h, int shift, float[] acc,
                                     int accOff) {
        int a = accOff + j;
        FloatVector s0 = fromArray(S, acc, a), s1 = fromArray(S, acc, a + L), s2 = fromArray(S, acc, a + 2 * L);
        FloatVector s3 = fromArray(S, acc, a + 3 * L), s4 = fromArray(S, acc, a + 4 * L);
        FloatVector s5 = fromArray(S, acc, a + 5 * L), s6 = fromArray(S, acc, a + 6 * L);
        FloatVector s7 = fromArray(S, acc, a + 7 * L);
        for (int r = 0, row = gOff + j; r < rows; r++, row += cols) {
            FloatVector v0 = fromArray(S, g, row), v1 = fromArray(S, g, row + L), v2 = fromArray(S, g, row + 2 * L);
            FloatVector v3 = fromArray(S, g, row + 3 * L), v4 = fromArray(S, g, row + 4 * L);
            FloatVector v5 = fromArray(S, g, row + 5 * L), v6 = fromArray(S, g, row + 6 * L);
            FloatVector v7 = fromArray(S, g, row + 7 * L);
            if (h != null) {
                int at = row + shift;
                v0 = v0.mul(fromArray(S, h, at));
                v1 = v1.mul(fromArray(S, h, at + L));
                v2 = v2.mul(fromArray(S, h, at + 2 * L));
                v3 = v3.mul(fromArray(S, h, at + 3 * L));
                v4 = v4.mul(fromArray(S, h, at + 4 * L));
                v5 = v5.mul(fromArray(S, h, at + 5 * L));
                v6 = v6.mul(fromArray(S, h, at + 6 * L));
                v7 = v7.mul(fromArray(S, h, at + 7 * L));
            }
            s0 = v0.add(s0);
            s1 = v1.add(s1);
            s2 = v2.add(s2);
            s3 = v3.add(s3);
            s4 = v4.add(s4);
            s5 = v5.add(s5);
            s6 = v6.add(s6);
            s7 = v7.add(s7);
        }
        s0.intoArray(acc, a);
        s1.intoArray(acc, a + L);
        s2.intoArray(acc, a + 2 * L);
        s3.intoArray(acc, a + 3 * L);
        s4.intoArray(acc, a + 4 * L);
        s5.intoArray(acc, a + 5 * L);
        s6.intoArray(acc, a + 6 * L);
        s7.intoArray(acc, a + 7 * L);
    }

    /** {@link #sumBlock16} with each 16-lane accumulator held as a low and a high 8-lane half. */
    private static float sumBlock8(int n, float[] x, int off, SumTerm term) {
        FloatVector a0 = FloatVector.zero(S), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
        int i = 0;
        for (int bound = n - 64; i <= bound; i += 64) {
            FloatVector va0 = fromArray(S, x, off + i);
            a0 = (term == SumTerm.ABS ? va0.abs() : term == SumTerm.SQUARE ? va0.mul(va0) : va0).add(a0);
            FloatVector vb0 = fromArray(S, x, off + i + 8);
            b0 = (term == SumTerm.ABS ? vb0.abs() : term == SumTerm.SQUARE ? vb0.mul(vb0) : vb0).add(b0);
            FloatVector va1 = fromArray(S, x, off + i + 16);
            a1 = (term == SumTerm.ABS ? va1.abs() : term == SumTerm.SQUARE ? va1.mul(va1) : va1).add(a1);
            FloatVector vb1 = fromArray(S, x, off + i + 24);
            b1 = (term == SumTerm.ABS ? vb1.abs() : term == SumTerm.SQUARE ? vb1.mul(vb1) : vb1).add(b1);
            FloatVector va2 = fromArray(S, x, off + i + 32);
            a2 = (term == SumTerm.ABS ? va2.abs() : term == SumTerm.SQUARE ? va2.mul(va2) : va2).add(a2);
            FloatVector vb2 = fromArray(S, x, off + i + 40);
            b2 = (term == SumTerm.ABS ? vb2.abs() : term == SumTerm.SQUARE ? vb2.mul(vb2) : vb2).add(b2);
            FloatVector va3 = fromArray(S, x, off + i + 48);
            a3 = (term == SumTerm.ABS ? va3.abs() : term == SumTerm.SQUARE ? va3.mul(va3) : va3).add(a3);
            FloatVector vb3 = fromArray(S, x, off + i + 56);
            b3 = (term == SumTerm.ABS ? vb3.abs() : term == SumTerm.SQUARE ? vb3.mul(vb3) : vb3).add(b3);
        }
        for (int bound = n - 16; i <= bound; i += 16) {
            FloatVector va0 = fromArray(S, x, off + i);
            a0 = (term == SumTerm.ABS ? va0.abs() : term == SumTerm.SQUARE ? va0.mul(va0) : va0).add(a0);
            FloatVector vb0 = fromArray(S, x, off + i + 8);
            b0 = (term == SumTerm.ABS ? vb0.abs() : term == SumTerm.SQUARE ? vb0.mul(vb0) : vb0).add(b0);
        }
        // The 16-lane tree's first step (lane l + lane l + 8) is low half + high half.
        FloatVector low = ZERO.add(a0).add(a1).add(ZERO.add(a2).add(a3));
        FloatVector w = low.add(ZERO.add(b0).add(b1).add(ZERO.add(b2).add(b3)));
        w = w.add(w.rearrange(BY_4));
        w = w.add(w.rearrange(BY_2));
        float s = w.add(w.rearrange(BY_1)).lane(0);
        for (; i < n; i++) {
            s += term.of(x[off + i]);
        }
        return s;
    }

    /**
     * {@link #sumBlock16} with each 16-lane accumulator held as four 4-lane quarters (NEON's width): 16 vectors, which
     * AArch64's 32 registers hold. The tree's first two steps (lane l + lane l + 8, then + lane l + 4) add the
     * quarters: the first and third, the second and fourth, then those two.
     */
    private static float sumBlock4(int n, float[] x, int off, SumTerm term) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0, d0 = a0, d1 = a0, d2 = a0, d3 = a0;
        int i = 0;
        for (int bound = n - 64; i <= bound; i += 64) {
            int o = off + i;
            FloatVector v = fromArray(S, x, o);
            a0 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(a0);
            v = fromArray(S, x, o + 4);
            a1 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(a1);
            v = fromArray(S, x, o + 8);
            a2 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(a2);
            v = fromArray(S, x, o + 12);
            a3 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(a3);
            v = fromArray(S, x, o + 16);
            b0 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(b0);
            v = fromArray(S, x, o + 20);
            b1 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(b1);
            v = fromArray(S, x, o + 24);
            b2 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(b2);
            v = fromArray(S, x, o + 28);
            b3 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(b3);
            v = fromArray(S, x, o + 32);
            c0 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(c0);
            v = fromArray(S, x, o + 36);
            c1 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(c1);
            v = fromArray(S, x, o + 40);
            c2 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(c2);
            v = fromArray(S, x, o + 44);
            c3 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(c3);
            v = fromArray(S, x, o + 48);
            d0 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(d0);
            v = fromArray(S, x, o + 52);
            d1 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(d1);
            v = fromArray(S, x, o + 56);
            d2 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(d2);
            v = fromArray(S, x, o + 60);
            d3 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(d3);
        }
        for (int bound = n - 16; i <= bound; i += 16) {
            int o = off + i;
            FloatVector v = fromArray(S, x, o);
            a0 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(a0);
            v = fromArray(S, x, o + 4);
            a1 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(a1);
            v = fromArray(S, x, o + 8);
            a2 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(a2);
            v = fromArray(S, x, o + 12);
            a3 = (term == SumTerm.ABS ? v.abs() : term == SumTerm.SQUARE ? v.mul(v) : v).add(a3);
        }
        // quarter q of the four accumulators' sum, ((0 + A0) + A1) + ((0 + A2) + A3) as sumBlock16 adds them
        FloatVector q0 = ZERO.add(a0).add(b0).add(ZERO.add(c0).add(d0));
        FloatVector q1 = ZERO.add(a1).add(b1).add(ZERO.add(c1).add(d1));
        FloatVector q2 = ZERO.add(a2).add(b2).add(ZERO.add(c2).add(d2));
        FloatVector q3 = ZERO.add(a3).add(b3).add(ZERO.add(c3).add(d3));
        FloatVector w = q0.add(q2).add(q1.add(q3));
        w = w.add(w.rearrange(BY_2));
        float s = w.add(w.rearrange(BY_1)).lane(0);
        for (; i < n; i++) {
            s += term.of(x[off + i]);
        }
        return s;
    }

    static float max(int n, float[] x, int off) {
        if (n < L) {
            return ScalarReductions.max(n, x, off, 1);
        }
        FloatVector a0 = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            a0 = FloatVector.fromArray(S, x, off + i).max(a0);
            a1 = FloatVector.fromArray(S, x, off + i + L).max(a1);
            a2 = FloatVector.fromArray(S, x, off + i + 2 * L).max(a2);
            a3 = FloatVector.fromArray(S, x, off + i + 3 * L).max(a3);
        }
        for (int bound = n - L; i <= bound; i += L) {
            a0 = FloatVector.fromArray(S, x, off + i).max(a0);
        }
        if (i < n) {
            // the last L elements again, over some already taken: a maximum does not mind, and the elements past the
            // last whole vector take one vector step, not one compare each (a 60-class softmax row's 12)
            a1 = FloatVector.fromArray(S, x, off + n - L).max(a1);
        }
        return NEG_INF.max(a0).max(a1).max(a2).max(a3).reduceLanes(VectorOperators.MAX);
    }

    /**
     * The index of the first of the leading whole vectors' elements equal to m (NaN where m is NaN), or the number of
     * those elements where none is: {@link Reductions#firstMax}'s search, the rest left to its loop.
     */
    static int firstEqual(int n, float[] x, int off, float m) {
        int bound = n - n % L;
        boolean nan = m != m;
        for (int i = 0; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            VectorMask<Float> hit = nan ? v.test(VectorOperators.IS_NAN) : v.compare(VectorOperators.EQ, m);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return bound;
    }

    static float dot(int n, float[] a, int ao, float[] b, int bo) {
        if (!CANONICAL_WIDTH) {
            return ScalarReductions.dot(n, a, ao, 1, b, bo, 1);
        }
        double total = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int len = Math.min(BLOCK, n - start);
            total += L == 16 ? dotBlock16(len, a, ao + start, b, bo + start)
                    : L == 8 ? dotBlock8(len, a, ao + start, b, bo + start)
                    : dotBlock4(len, a, ao + start, b, bo + start);
        }
        return (float) total;
    }

    private static float dotBlock16(int n, float[] a, int ao, float[] b, int bo) {
        // S in a local: one byte a load instead of three, which keeps this method under C2's 325-byte limit for
        // inlining into its callers (short dots, a layer norm's rows, cost a call each otherwise)
        VectorSpecies<Float> sp = S;
        FloatVector a0 = FloatVector.zero(sp), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (int bound = n - 64; i <= bound; i += 64) {
            a0 = fromArray(sp, a, ao + i).fma(fromArray(sp, b, bo + i), a0);
            a1 = fromArray(sp, a, ao + i + 16).fma(fromArray(sp, b, bo + i + 16), a1);
            a2 = fromArray(sp, a, ao + i + 32).fma(fromArray(sp, b, bo + i + 32), a2);
            a3 = fromArray(sp, a, ao + i + 48).fma(fromArray(sp, b, bo + i + 48), a3);
        }
        for (; i <= n - 16; i += 16) {
            a0 = fromArray(sp, a, ao + i).fma(fromArray(sp, b, bo + i), a0);
        }
        FloatVector w = ZERO.add(a0).add(a1).add(ZERO.add(a2).add(a3));
        w = w.add(w.rearrange(BY_8));
        w = w.add(w.rearrange(BY_4));
        w = w.add(w.rearrange(BY_2));
        return dotTail(w.add(w.rearrange(BY_1)).lane(0), i, n, a, ao, b, bo);
    }

    /** {@link #dotBlock16} with each 16-lane accumulator held as a low and a high 8-lane half. */
    private static float dotBlock8(int n, float[] a, int ao, float[] b, int bo) {
        FloatVector a0 = FloatVector.zero(S), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
        int i = 0;
        for (int bound = n - 64; i <= bound; i += 64) {
            a0 = fromArray(S, a, ao + i).fma(fromArray(S, b, bo + i), a0);
            b0 = fromArray(S, a, ao + i + 8).fma(fromArray(S, b, bo + i + 8), b0);
            a1 = fromArray(S, a, ao + i + 16).fma(fromArray(S, b, bo + i + 16), a1);
            b1 = fromArray(S, a, ao + i + 24).fma(fromArray(S, b, bo + i + 24), b1);
            a2 = fromArray(S, a, ao + i + 32).fma(fromArray(S, b, bo + i + 32), a2);
            b2 = fromArray(S, a, ao + i + 40).fma(fromArray(S, b, bo + i + 40), b2);
            a3 = fromArray(S, a, ao + i + 48).fma(fromArray(S, b, bo + i + 48), a3);
            b3 = fromArray(S, a, ao + i + 56).fma(fromArray(S, b, bo + i + 56), b3);
        }
        for (int bound = n - 16; i <= bound; i += 16) {
            a0 = fromArray(S, a, ao + i).fma(fromArray(S, b, bo + i), a0);
            b0 = fromArray(S, a, ao + i + 8).fma(fromArray(S, b, bo + i + 8), b0);
        }
        FloatVector low = ZERO.add(a0).add(a1).add(ZERO.add(a2).add(a3));
        FloatVector w = low.add(ZERO.add(b0).add(b1).add(ZERO.add(b2).add(b3)));
        w = w.add(w.rearrange(BY_4));
        w = w.add(w.rearrange(BY_2));
        return dotTail(w.add(w.rearrange(BY_1)).lane(0), i, n, a, ao, b, bo);
    }

    /** {@link #dotBlock16} with each 16-lane accumulator as four 4-lane quarters, summed as {@link #sumBlock4} does. */
    private static float dotBlock4(int n, float[] a, int ao, float[] b, int bo) {
        FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        FloatVector c0 = a0, c1 = a0, c2 = a0, c3 = a0, d0 = a0, d1 = a0, d2 = a0, d3 = a0;
        int i = 0;
        for (int bound = n - 64; i <= bound; i += 64) {
            int x = ao + i, y = bo + i;
            a0 = fromArray(S, a, x).fma(fromArray(S, b, y), a0);
            a1 = fromArray(S, a, x + 4).fma(fromArray(S, b, y + 4), a1);
            a2 = fromArray(S, a, x + 8).fma(fromArray(S, b, y + 8), a2);
            a3 = fromArray(S, a, x + 12).fma(fromArray(S, b, y + 12), a3);
            b0 = fromArray(S, a, x + 16).fma(fromArray(S, b, y + 16), b0);
            b1 = fromArray(S, a, x + 20).fma(fromArray(S, b, y + 20), b1);
            b2 = fromArray(S, a, x + 24).fma(fromArray(S, b, y + 24), b2);
            b3 = fromArray(S, a, x + 28).fma(fromArray(S, b, y + 28), b3);
            c0 = fromArray(S, a, x + 32).fma(fromArray(S, b, y + 32), c0);
            c1 = fromArray(S, a, x + 36).fma(fromArray(S, b, y + 36), c1);
            c2 = fromArray(S, a, x + 40).fma(fromArray(S, b, y + 40), c2);
            c3 = fromArray(S, a, x + 44).fma(fromArray(S, b, y + 44), c3);
            d0 = fromArray(S, a, x + 48).fma(fromArray(S, b, y + 48), d0);
            d1 = fromArray(S, a, x + 52).fma(fromArray(S, b, y + 52), d1);
            d2 = fromArray(S, a, x + 56).fma(fromArray(S, b, y + 56), d2);
            d3 = fromArray(S, a, x + 60).fma(fromArray(S, b, y + 60), d3);
        }
        for (int bound = n - 16; i <= bound; i += 16) {
            int x = ao + i, y = bo + i;
            a0 = fromArray(S, a, x).fma(fromArray(S, b, y), a0);
            a1 = fromArray(S, a, x + 4).fma(fromArray(S, b, y + 4), a1);
            a2 = fromArray(S, a, x + 8).fma(fromArray(S, b, y + 8), a2);
            a3 = fromArray(S, a, x + 12).fma(fromArray(S, b, y + 12), a3);
        }
        FloatVector q0 = ZERO.add(a0).add(b0).add(ZERO.add(c0).add(d0));
        FloatVector q1 = ZERO.add(a1).add(b1).add(ZERO.add(c1).add(d1));
        FloatVector q2 = ZERO.add(a2).add(b2).add(ZERO.add(c2).add(d2));
        FloatVector q3 = ZERO.add(a3).add(b3).add(ZERO.add(c3).add(d3));
        FloatVector w = q0.add(q2).add(q1.add(q3));
        w = w.add(w.rearrange(BY_2));
        return dotTail(w.add(w.rearrange(BY_1)).lane(0), i, n, a, ao, b, bo);
    }

    /**
     * A dot block's elements past its last whole vector, chained onto the lanes' sum s: a method of its own (scalars
     * only cross it), which keeps dotBlock16 under C2's 325-byte limit for inlining into its callers.
     */
    private static float dotTail(float s, int i, int n, float[] a, int ao, float[] b, int bo) {
        for (; i < n; i++) {
            s = Math.fma(a[ao + i], b[bo + i], s);
        }
        return s;
    }
}

package dev.vgrad.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ConvGemm}'s direct paths: the SGEMM register tile (TILE_ROWS x NR) on the convolution's patches, read
 * from a zero-padded copy of the image instead of gathered element by element. With a width stride of 1, the outputs of
 * a tile that lie along one output row read consecutive floats of the padded image for every patch row (the tap's
 * offset plus the row's start). The forward and input-gradient products copy those runs into one NR-wide panel per tile
 * (NR consecutive outputs, across row ends) and run SGEMM's micro-kernel over it for every panel of A; the gathered
 * packing of {@link VectorGemm#gathered} cost about as much as the multiply-adds for a layer of 64 filters on a Zen 3
 * (2-4 cycles an element, amortised over only 64 rows of A), the panel's vector copies ~6 % of the CNN step (a perf
 * profile on the Zen 3 below, one thread, when tiles still followed single output rows). The weight gradient runs
 * transposed, dW^T = P * dY^T: the patches are packed as A's panels from the padded image ({@link #packPatches}, any
 * stride, runs of consecutive positions turned in registers) and dY^T as B's, and the micro-kernel multiplies them.
 *
 * <p>Every tile sums in SGEMM's canonical order (chains over KC-blocks of the depth, added to C), with the same terms
 * in the same order as the gathered path: zero padding is read as the zeros that path gathers. So the direct and the
 * gathered paths give the same bits, and ConvGemmTest holds them to it. The last tile of a map computes lanes past its
 * last output that no output keeps (the padded copy has NR floats of slack at its end for their reads).
 *
 * <p>Measured on a Zen 3 (family 25 model 1), the CNN's 32-to-64-channel 3x3 layer on 14x14 maps at batch 64, best of a
 * 10 s loop, one thread, when the tiles still read B and the patches in place (2026-12-02): forward 8.1 ms, input
 * gradient 8.5, weight gradient 8.8, against 11.1 / 14.6 / 12.6 on the gathered path and 7.6 ms for SGEMM's 64 products
 * of the same size from memory. On the micro-kernel with tiles across row ends (2026-12-03, JMH) the layer forward and
 * backward takes 22.8 ms against PyTorch 1.13's oneDNN 19.7 ms in the same run (17.5 in an earlier one): 59 % of the
 * FMA peak against 69 % (BENCHMARKS.md).
 */
final class VectorConv {
    private static final VectorSpecies<Float> S = VectorWidth.SPECIES;
    private static final int L = S.length();
    private static final int MR = Sgemm.MR;
    /** Rows of the forward and input-gradient products' tile and of their packed weights' panels. */
    private static final int TILE_ROWS = VectorGemm.TILE_ROWS;
    private static final int NR = VectorGemm.NR;
    private static final int KC = Sgemm.KC;
    /**
     * Per thread: the padded image, the product's one-tile scratch for edge tiles, B's panel (or the packed panels of
     * dY^T), the weight gradient's edge tile, the packed patches.
     */
    private static final Scratch SCRATCH = new Scratch(5);
    /**
     * Floats of padded images one span places side by side (256 KiB; inside L2 on the machines measured), so that a
     * span's tiles run on across image ends instead of leaving a tile's lanes idle at the end of every image.
     */
    private static final int SPAN_FLOATS = 1 << 16;

    private VectorConv() {}

    /** Rows of A a packed block holds for m rows: m rounded up to whole panels (TILE_ROWS rows, a multiple of MR). */
    static int paddedRows(int m) {
        return (m + TILE_ROWS - 1) / TILE_ROWS * TILE_ROWS;
    }

    /**
     * Packs the m x k matrix at {@code a[aOff]} (rows {@code lda} apart) into TILE_ROWS-row panels, one block of
     * {@code paddedRows(m) * kc} floats per KC-block of the depth, from {@code ap[apOff]}: the A operand of
     * {@link #product}, packed once per call and shared by every image.
     */
    static void packRows(float[] a, int aOff, int lda, int m, int k, float[] ap, int apOff) {
        for (int pc = 0; pc < k; pc += KC) {
            VectorGemm.packPanels(false, a, aOff, lda, 0, pc, m, Math.min(KC, k - pc), 1f, ap,
                    apOff + pc * paddedRows(m));
        }
    }

    /**
     * How many images of {@code left} one span of {@link #forwardImages} or {@link #inputGradImages} takes, for maps
     * of {@code plane} outputs and padded images of {@code imageFloats} floats: the fewest whose tiles leave at most
     * 1/32 of their lanes idle, as many as fit {@link #SPAN_FLOATS} if that comes first, at least one. The CNN's
     * 14 x 14 maps take 4 (2 % idle, against 14 % for one); its 28 x 28 maps 1, whose images then stay in L1: the
     * first layer's forward ran 7 % slower on spans of 64 images (Intel Xeon, 2026-12-03).
     */
    static int spanImages(int imageFloats, int plane, int left) {
        int count = 1;
        while (count < left && (count + 1L) * imageFloats <= SPAN_FLOATS) {
            long lanes = (long) count * plane, idle = (NR - lanes % NR) % NR;
            if (idle * 32 <= lanes) {
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * {@code count} images of one group of the forward convolution (width stride 1): for image i,
     * {@code y[yOff + i * yStep: og, outH, outW] = W * P + bias} from {@code x[xOff + i * xStep:]}, W packed by
     * {@link #packRows} at {@code w[wOff]}, taps {@link ConvGeometry#taps} (looked up once per call: a lookup
     * allocates its key), {@code bias} one per filter from {@code biasOff}, or null for none. The images are placed
     * side by side and their outputs tiled as one sequence ({@link #product}).
     */
    static void forwardImages(ConvGeometry geo, int[] taps, int og, int count, float[] x, int xOff, int xStep,
                              float[] w, int wOff, float[] bias, int biasOff, float[] y, int yOff, int yStep) {
        int hp = geo.paddedH(), wp = geo.paddedW(), image = geo.channels() * hp * wp;
        float[] pad = SCRATCH.get(0, count * image + NR);
        for (int i = 0; i < count; i++) {
            place(x, xOff + i * xStep, geo.channels(), geo.h(), geo.w(), geo.ph(), geo.pw(), hp, wp, pad, i * image);
        }
        product(og, geo.patchRows(), w, wOff, pad, image, count, taps, geo.outH(), geo.outW(), geo.sh() * wp,
                bias, biasOff, y, yOff, yStep);
    }

    /**
     * {@code count} images of one group of the input gradient (strides 1): for image i,
     * {@code dx[dxOff + i * dxStep: channels, h, w] = W' * T}, W' the weights with their first two axes swapped,
     * packed by {@link #packRows}; T read from dy (image i at {@code dyOff + i * dyStep}) padded by the kernel's span
     * less the forward padding on each side, through the flipped taps ({@link ConvGeometry#transposedTaps}).
     */
    static void inputGradImages(ConvGeometry geo, int[] taps, int og, int count, float[] dy, int dyOff, int dyStep,
                                float[] w, int wOff, float[] dx, int dxOff, int dxStep) {
        int hp = geo.transposedH(), wp = geo.transposedW(), image = og * hp * wp;
        float[] pad = SCRATCH.get(0, count * image + NR);
        for (int i = 0; i < count; i++) {
            place(dy, dyOff + i * dyStep, og, geo.outH(), geo.outW(), geo.dh() * (geo.kh() - 1) - geo.ph(),
                    geo.dw() * (geo.kw() - 1) - geo.pw(), hp, wp, pad, i * image);
        }
        product(geo.channels(), og * geo.kh() * geo.kw(), w, wOff, pad, image, count, taps, geo.h(), geo.w(), wp,
                null, 0, dx, dxOff, dxStep);
    }

    /**
     * Rows [p0, p1) of one group's transposed weight gradient, summed over n images: {@code wt[p][o]} (rows og apart,
     * from {@code wt[wtOff]}) = the sum over images and output positions of P[p][l] * dy[o][l]. Image b of the group
     * starts at {@code x[xOff + b * xStride]} and {@code dy[dyOff + b * dyStride]}. taps and positions are
     * {@link ConvGeometry#taps} and {@link ConvGeometry#positions}, looked up once per call by the caller.
     */
    static void weightGradRows(ConvGeometry geo, int[] taps, int[] positions, int n, int og, float[] x, int xOff,
                               int xStride, float[] dy, int dyOff, int dyStride, int p0, int p1, float[] wt, int wtOff) {
        int hp = geo.paddedH(), wp = geo.paddedW(), cols = geo.patchCols();
        float[] pad = SCRATCH.get(0, geo.channels() * hp * wp + NR);
        float[] panels = SCRATCH.get(2, KC * paddedColumns(og));
        float[] tile = SCRATCH.get(3, TILE_ROWS * NR);
        float[] patches = SCRATCH.get(4, paddedRows(p1 - p0) * Math.min(KC, cols) + TILE_ROWS * L);
        for (int b = 0; b < n; b++) {
            place(x, xOff + b * xStride, geo.channels(), geo.h(), geo.w(), geo.ph(), geo.pw(), hp, wp, pad, 0);
            for (int pc = 0; pc < cols; pc += KC) {
                int kc = Math.min(KC, cols - pc);
                boolean store = b == 0 && pc == 0;
                VectorGemm.packB(true, dy, dyOff + b * dyStride, cols, pc, 0, kc, og, panels);
                for (int ir = p0; ir < p1; ir += TILE_ROWS) {
                    int mr = Math.min(TILE_ROWS, p1 - ir);
                    // Rows past p1 repeat the panel's last tap (in bounds); their sums are dropped.
                    if (TILE_ROWS == MR) {
                        packPatches(kc, pad, taps[ir], taps[ir + Math.min(1, mr - 1)], taps[ir + Math.min(2, mr - 1)],
                                taps[ir + Math.min(3, mr - 1)], positions, pc, patches, (ir - p0) * kc);
                    } else {
                        packTallPatches(kc, pad, taps, ir, mr, positions, pc, patches, (ir - p0) * kc);
                    }
                }
                for (int jr = 0; jr < og; jr += NR) {
                    int nr = Math.min(NR, og - jr);
                    for (int ir = p0; ir < p1; ir += TILE_ROWS) {
                        int mr = Math.min(TILE_ROWS, p1 - ir);
                        boolean full = mr == TILE_ROWS && nr == NR;
                        int ci = wtOff + ir * og + jr;
                        VectorGemm.tile(kc, patches, (ir - p0) * kc, 1, TILE_ROWS, panels, jr * kc, full ? wt : tile,
                                full ? ci : 0, full ? og : NR, store || !full);
                        if (!full) {
                            VectorGemm.addTile(tile, mr, nr, store, wt, ci, og);
                        }
                    }
                }
            }
        }
    }

    /**
     * The MR-row panel of the patch matrix P for taps t0..t3 over output positions q..q+kc-1 (their corners
     * {@code positions[q + p]}), to {@code ap[dst]} in the panel order SGEMM's micro-kernel reads. Positions along an
     * output row are consecutive at a width stride of 1, so each tap's patch row is a run of consecutive floats of the
     * padded image: a run of up to L is turned into the panel's columns in registers
     * ({@link VectorGemm#transposeRows}). Its L columns are written whole; those past the run are overwritten by the
     * next run (or, past the panel's end, by the next panel, or land in the buffer's MR * L floats of slack), and its
     * reads past the run stay inside the padded image's NR floats of slack. Reading the patches through their taps
     * inside the tile instead (four index loads, four range checks and the taps spilled to the stack, each step) ran
     * that tile at about two thirds of the FMA peak; packing them one float at a time cost as much as it saved
     * (BENCHMARKS.md).
     */
    private static void packPatches(int kc, float[] src, int t0, int t1, int t2, int t3, int[] positions, int q,
                                    float[] ap, int dst) {
        int p = 0;
        while (p < kc) {
            int at = positions[q + p], run = run(positions, q + p, kc - p);
            if (run > 2) {
                VectorGemm.transposeRows(1f, src, t0 + at, t1 + at, t2 + at, t3 + at, ap, dst + p * MR);
            } else {
                for (int j = 0; j < run; j++) {
                    int d = dst + (p + j) * MR;
                    ap[d] = src[t0 + at + j];
                    ap[d + 1] = src[t1 + at + j];
                    ap[d + 2] = src[t2 + at + j];
                    ap[d + 3] = src[t3 + at + j];
                }
            }
            p += run;
        }
    }

    /**
     * {@link #packPatches} for a panel of {@link #TILE_ROWS} = 8 rows (32 vector registers): the taps of rows
     * {@code first .. first + rows - 1}, rows past those repeating the last tap (in bounds; their sums are dropped),
     * runs of consecutive positions turned by {@link VectorGemm#transposeEightRows} (at any width). Its L columns are
     * written whole, as packPatches writes its; the buffer's 8 * L floats of slack take those past the last panel.
     */
    private static void packTallPatches(int kc, float[] src, int[] taps, int first, int rows, int[] positions, int q,
                                        float[] ap, int dst) {
        int last = rows - 1;
        int t0 = taps[first], t1 = taps[first + Math.min(1, last)], t2 = taps[first + Math.min(2, last)],
                t3 = taps[first + Math.min(3, last)], t4 = taps[first + Math.min(4, last)],
                t5 = taps[first + Math.min(5, last)], t6 = taps[first + Math.min(6, last)],
                t7 = taps[first + Math.min(7, last)];
        int p = 0;
        while (p < kc) {
            int at = positions[q + p], run = run(positions, q + p, kc - p);
            if (run > 2) {
                VectorGemm.transposeEightRows(1f, src, t0 + at, t1 + at, t2 + at, t3 + at, t4 + at, t5 + at, t6 + at,
                        t7 + at, ap, dst + p * TILE_ROWS);
            } else {
                for (int j = 0; j < run; j++) {
                    int d = dst + (p + j) * TILE_ROWS, s = at + j;
                    ap[d] = src[t0 + s];
                    ap[d + 1] = src[t1 + s];
                    ap[d + 2] = src[t2 + s];
                    ap[d + 3] = src[t3 + s];
                    ap[d + 4] = src[t4 + s];
                    ap[d + 5] = src[t5 + s];
                    ap[d + 6] = src[t6 + s];
                    ap[d + 7] = src[t7 + s];
                }
            }
            p += run;
        }
    }

    /** How many positions from {@code positions[from]} on (at most L, at most {@code left}) are consecutive. */
    private static int run(int[] positions, int from, int left) {
        int at = positions[from];
        if (left >= L && positions[from + L - 1] == at + L - 1) {
            return L;   // positions increase, so L of them spanning L - 1 are consecutive
        }
        int run = 1;
        while (run < L && run < left && positions[from + run] == at + run) {
            run++;
        }
        return run;
    }

    private static int paddedColumns(int n) {
        return (n + NR - 1) / NR * NR;
    }

    /**
     * For each of {@code images} images i: {@code out[outOff + i * outStep: m, rows, cols] = A * B_i + bias}, A packed
     * by {@link #packRows} from {@code ap[apOff]}, B_i's row p for the output at (r, c) the float at {@code src[i *
     * srcStep + r * rowStep + c + taps[p]]}, bias one per row of A from {@code biasOff} (or null: none). A tile takes
     * NR consecutive output positions in row-major order, across the ends of output rows and of images, and TILE_ROWS
     * rows of A: B's rows for a tile are copied into a panel once ({@link #gatherPanel}), which stays in L1 while every
     * panel of A passes it. Tiles along single output rows left lanes idle wherever a row is not a multiple of NR wide:
     * 2 of 16 on the CNN's 14-wide maps, 18 of 32 with AVX-512; packing the two runs a 16-lane tile then spans cost
     * less than the idle lanes (CNN step on one thread at batch 64, a throwaway loop alternated five times: 33.3-34.4
     * ms before, 31.7-33.1 after; two threads 20.4-21.4 before, 19.3-19.5 after; Zen 3, 2026-12-03; a loop over the
     * runs without the two-run case was slower than the row tiles). Tiles within one image left the last tile of every
     * image mostly idle (the 196 outputs of a 14 x 14 map in 7 tiles of 32, the last holding 4), hence spans of images.
     * Reading B in place from each tile instead of a panel (an index load and two range checks a step, C2 short of
     * registers) made the tile's loop ~30 instructions for 8 FMAs against the micro-kernel's 22; with the weight
     * gradient's {@link #packPatches}, the CNN step on one thread at batch 64 ran ~3 % faster in JMH and ~10 % in a
     * plain loop (Zen 3, family 25 model 1, 2026-12-03; BENCHMARKS.md). A tile's NR consecutive outputs inside one
     * image are NR consecutive floats of each of out's rows, so such tiles are written into out in place; a tile across
     * an image's end, the last tile and the rows past the last whole panel of A go through a one-tile scratch. A
     * scratch C for all tiles, copied in for the bias and out at the end, cost the layer's forward 6.66-6.92 ms against
     * 6.57-6.74 and the CNN step 31.8-34.4 against 31.2-32.5 ms (throwaway loops, one thread, batch 64, alternated; Zen
     * 3, 2026-12-03).
     */
    private static void product(int m, int k, float[] ap, int apOff, float[] src, int srcStep, int images, int[] taps,
                                int rows, int cols, int rowStep, float[] bias, int biasOff, float[] out, int outOff,
                                int outStep) {
        int mPad = paddedRows(m), plane = rows * cols, total = images * plane;
        if (k == 0) {   // an empty sum (no channels, or no filters): the bias alone
            for (int i = 0; i < images; i++) {
                for (int o = 0; o < m; o++) {
                    int at = outOff + i * outStep + o * plane;
                    java.util.Arrays.fill(out, at, at + plane, bias == null ? 0f : bias[biasOff + o]);
                }
            }
            return;
        }
        float[] tile = SCRATCH.get(1, TILE_ROWS * NR);
        float[] panel = SCRATCH.get(2, KC * NR + NR);
        int[] copies = COPIES.get();
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc), panels = apOff + pc * mPad;
            boolean store = bias == null && pc == 0, biased = bias != null && pc == 0;
            for (int g0 = 0; g0 < total; g0 += NR) {
                // The tile's lanes as runs along output rows, each copied a vector at a time: (first lane, offset
                // of the vector's first output) per vector. A run ends at a row's end, so never crosses an image.
                int count = 0;
                for (int lane = 0, g = g0; lane < NR && g < total; ) {
                    int image = g / plane, l = g - image * plane, r = l / cols, col = l - r * cols;
                    int n = Math.min(Math.min(cols - col, NR - lane), total - g);
                    for (int v = 0; v < n; v += L, count++) {
                        copies[2 * count] = lane + v;
                        copies[2 * count + 1] = image * srcStep + r * rowStep + col + v;
                    }
                    lane += n;
                    g += n;
                }
                gatherPanel(kc, src, copies, count, taps, pc, panel);
                int image = g0 / plane, l0 = g0 - image * plane;
                int nr = Math.min(NR, total - g0), first = Math.min(nr, plane - l0);
                for (int ir = 0; ir < m; ir += TILE_ROWS) {
                    int mr = Math.min(TILE_ROWS, m - ir), ci = outOff + image * outStep + ir * plane + l0;
                    boolean full = mr == TILE_ROWS && first == NR;
                    if (biased && full) {
                        biasTile(bias, biasOff + ir, out, ci, plane);
                    }
                    // One call site of the kernel, as in VectorGemm.packedRows; edge tiles through the scratch.
                    VectorGemm.tile(kc, ap, panels + ir * kc, 1, TILE_ROWS, panel, 0, full ? out : tile,
                            full ? ci : 0, full ? plane : NR, store || !full);
                    if (!full) {
                        for (int lane = 0, next = image, at = ci; lane < nr; next++) {
                            int n = Math.min(lane == 0 ? first : plane, nr - lane);
                            if (biased) {
                                for (int i = 0, row = at; i < mr; i++, row += plane) {
                                    java.util.Arrays.fill(out, row, row + n, bias[biasOff + ir + i]);
                                }
                            }
                            VectorGemm.addTile(tile, lane, mr, n, store, out, at, plane);
                            lane += n;
                            at = outOff + (next + 1) * outStep + ir * plane;
                        }
                    }
                }
            }
        }
    }

    /**
     * A whole tile's C set to its rows' biases, just before the first KC-block adds its sums to them: the same
     * additions, in the same order, as a bias written over the whole output first, whose pass over the output (the
     * CNN's first layer writes 6.4 MB a step) came back from L3 for the tiles.
     */
    private static void biasTile(float[] bias, int from, float[] out, int ci, int ldc) {
        for (int i = 0; i < TILE_ROWS; i++) {
            FloatVector b = FloatVector.broadcast(S, bias[from + i]);
            for (int v = 0; v < NR; v += L) {
                b.intoArray(out, ci + i * ldc + v);
            }
        }
    }

    /** Per thread: a tile's vector copies for {@link #gatherPanel}, at most one per lane. */
    private static final ThreadLocal<int[]> COPIES = ThreadLocal.withInitial(() -> new int[2 * NR]);

    /**
     * B's panel for a tile whose lanes are runs of consecutive outputs, given as {@code count} vector copies
     * ({@code copies}: each one's first lane, then the offset of its first output, in lane order): row p holds, at each
     * copy's lanes, the L floats at {@code src[offset + taps[t + p]]} on. A copy's lanes past its run are overwritten
     * by the next copy or, past the row, by the next row (the panel has NR floats of slack after its last); its reads
     * stay inside the padded image's NR floats of slack. Lanes past the last output are left as they are: their sums
     * are never written to out. One vector a run of up to L lanes: with each run copied two vectors wide, the 14-wide
     * maps of the CNN's second layer took 6 loads and stores a panel row of 32 lanes where 3 do. On an Intel Xeon with
     * AVX-512 (2026-12-03) that layer's forward and backward, a throwaway loop on one thread alternated three times,
     * went from 18.2-19.1 to 16.3-17.3 ms.
     */
    private static void gatherPanel(int kc, float[] src, int[] copies, int count, int[] taps, int t, float[] panel) {
        if (count == 2) {
            int o0 = copies[1], o1 = copies[3], lane1 = copies[2];
            for (int p = 0; p < kc; p++) {
                int tap = taps[t + p], row = p * NR;
                FloatVector.fromArray(S, src, o0 + tap).intoArray(panel, row);
                FloatVector.fromArray(S, src, o1 + tap).intoArray(panel, row + lane1);
            }
            return;
        }
        if (count == 3) {
            int o0 = copies[1], o1 = copies[3], o2 = copies[5], lane1 = copies[2], lane2 = copies[4];
            for (int p = 0; p < kc; p++) {
                int tap = taps[t + p], row = p * NR;
                FloatVector.fromArray(S, src, o0 + tap).intoArray(panel, row);
                FloatVector.fromArray(S, src, o1 + tap).intoArray(panel, row + lane1);
                FloatVector.fromArray(S, src, o2 + tap).intoArray(panel, row + lane2);
            }
            return;
        }
        for (int p = 0; p < kc; p++) {
            int tap = taps[t + p], row = p * NR;
            for (int s = 0; s < count; s++) {
                FloatVector.fromArray(S, src, copies[2 * s + 1] + tap).intoArray(panel, row + copies[2 * s]);
            }
        }
    }

    /**
     * {@code dst[dstOff + (pl, y, x)] = src[pl][y - top][x - left]} where that lies inside src's [srcH, srcW] planes, 0
     * elsewhere, for {@code planes} planes of [dstH, dstW], then NR zeros of slack. A negative top or left crops src.
     */
    static void place(float[] src, int srcOff, int planes, int srcH, int srcW, int top, int left, int dstH, int dstW,
                      float[] dst, int dstOff) {
        int x0 = Math.max(0, left), x1 = Math.min(dstW, left + srcW);
        int y0 = Math.max(0, top), y1 = Math.min(dstH, top + srcH), end = planes * dstH * dstW;
        // The frame zeroed by one fill, then the rows copied in: three calls a row (a fill either side of a copy, a
        // few floats each) took 4 % of the CNN's second layer's input and weight gradients (Intel Xeon, 2026-12-03).
        if (x0 > 0 || x1 < dstW || y0 > 0 || y1 < dstH) {
            java.util.Arrays.fill(dst, dstOff, dstOff + end + NR, 0f);
        } else {
            java.util.Arrays.fill(dst, dstOff + end, dstOff + end + NR, 0f);
        }
        if (x0 >= x1) {
            return;
        }
        for (int pl = 0; pl < planes; pl++) {
            for (int y = y0; y < y1; y++) {
                System.arraycopy(src, srcOff + (pl * srcH + y - top) * srcW + x0 - left, dst,
                        dstOff + (pl * dstH + y) * dstW + x0, x1 - x0);
            }
        }
    }
}

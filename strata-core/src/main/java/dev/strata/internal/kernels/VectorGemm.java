package dev.strata.internal.kernels;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM on the Vector API, after BLIS: op(B) is packed into k-contiguous panels of NR columns and op(A) into
 * k-contiguous panels of MR rows, in blocks sized for the caches (KC x NR of B stays in L1, MC x KC of A in L2),
 * and a register-tiled micro-kernel computes MR x NR tiles of C with MR * 2 FMA accumulators. MR is the
 * {@link GemmTile} chosen for the machine's vector registers (12 x 32 floats with AVX-512, 4 x 16 with AVX2).
 * Transposes are absorbed by the packing routines. Small products skip packing (it would cost more than the
 * arithmetic) and run a direct kernel on the operands; large ones are split over threads by {@link GemmSplit}.
 *
 * <p>Every element of C is computed by the same sequence of FMAs whatever its tile, block or thread, so
 * results do not depend on the thread count.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /**
     * Depth of a packed block: a KC x NR panel of B (32 KB with 512-bit vectors) stays in a 48 KB L1. The same
     * for every vector width and tile, because the blocks of k decide the order of the additions: results are
     * the same on every machine.
     */
    static final int KC = 256;
    /** Rows of the direct path's two-vector tile. */
    private static final int R2 = 6;
    /** Columns of B per packed block (the B block lives in L2/L3). */
    static final int NC = 128 * NR;
    /** Up to this many tiles across C, a tile that can read A's rows in place does (see {@link #packed}). */
    static final int IN_PLACE_MAX_TILES = 16;
    /** Rows of the one-vector tile of the direct path (8 independent FMA chains hide the FMA latency). */
    private static final int R1 = 8;
    /** Products with m*n*k at most this use the direct kernel (measured: it wins up to ~96^3, except TN). */
    static final long SMALL_MNK = 80L * 80 * 80;

    /**
     * Index vectors for {@link #transpose16} and {@link #transpose8}: stage t swaps bit t of the row index with
     * bit t of the column index, pairing rows r and r | 2^t; LO[t] builds the new row r, HI[t] the new row
     * r | 2^t, each lane choosing from the pair (indexes >= L select the second row).
     */
    private static final FloatVector[] LO = new FloatVector[4];
    private static final FloatVector[] HI = new FloatVector[4];

    static {
        if (L == 16 || L == 8) {
            for (int t = 0; 1 << t < L; t++) {
                int bit = 1 << t;
                float[] lo = new float[L];
                float[] hi = new float[L];
                for (int c = 0; c < L; c++) {
                    boolean set = (c & bit) != 0;
                    lo[c] = set ? L + (c ^ bit) : c;
                    hi[c] = set ? L + c : c ^ bit;
                }
                LO[t] = FloatVector.fromArray(S, lo, 0);
                HI[t] = FloatVector.fromArray(S, hi, 0);
            }
        }
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private VectorGemm() {
    }

    /**
     * What the packed path applies to C as it writes the last block of k, per column from {@code off}: a bias added
     * (or none), then a scale and a shift (an inference convolution's folded batch normalization, or none), then
     * a clamp to [lo, hi] (relu is [0, ∞), relu6 [0, 6]; ±∞ for no bound). The same operations, in the same order,
     * as {@link Kernels#addToRows}, {@link ConvEpilogue#apply} or a maximum with 0 after the product, so the bits
     * are the same; C is then written once instead of two or three times.
     */
    record Epilogue(float[] bias, float[] scale, float[] shift, int off, float lo, float hi) {
        /** A Dense layer's bias (n values from biasOff, or null) and relu; null when there is neither. */
        static Epilogue of(float[] bias, int biasOff, boolean relu) {
            return bias == null && !relu ? null : new Epilogue(bias, null, null, biasOff,
                    relu ? 0f : Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
        }

        /** An inference convolution's epilogue (or null); null when it does nothing. */
        static Epilogue of(ConvEpilogue e) {
            return e == null || e.bias() == null && e.scale() == null && e.lo() == Float.NEGATIVE_INFINITY
                    && e.hi() == Float.POSITIVE_INFINITY ? null
                    : new Epilogue(e.bias(), e.scale(), e.shift(), 0, e.lo(), e.hi());
        }

        /** The epilogue of the columns from {@code column} on. */
        Epilogue from(int column) {
            return column == 0 ? this : new Epilogue(bias, scale, shift, off + column, lo, hi);
        }

        /** Column j's steps on v (j counted from {@code off}): the scalar form of the vector steps. */
        float apply(float v, int j) {
            if (bias != null) {
                v += bias[off + j];
            }
            if (scale != null) {
                v = v * scale[off + j] + shift[off + j];
            }
            if (lo != Float.NEGATIVE_INFINITY) {
                v = Math.max(v, lo);
            }
            if (hi != Float.POSITIVE_INFINITY) {
                v = Math.min(v, hi);
            }
            return v;
        }
    }

    /** See {@link Kernels#gemm}. */
    static void gemm(GemmTile tile, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        gemm(tile, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, null);
    }

    /** Whether an m x n x k product (alpha != 0) takes the packed path, the one that applies an epilogue. */
    static boolean isPacked(int m, int n, int k) {
        return m > 0 && n > 1 && k > 1 && (long) m * n * k > SMALL_MNK;
    }

    /**
     * {@link Kernels#gemm}, with the epilogue (or null) applied as C is written; only for products that take the
     * packed path ({@link #isPacked}) when the epilogue is not null.
     */
    static void gemm(GemmTile tile, boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc, Epilogue epilogue) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0 || alpha == 0f) {
            ScalarKernels.scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        if (n == 1) {
            gemv(transA, m, k, alpha, a, aOff, lda, b, bOff, transB ? 1 : ldb, beta, c, cOff, ldc);
            return;
        }
        if (k == 1) {
            outer(m, n, alpha, a, aOff, transA ? 1 : lda, b, bOff, transB ? ldb : 1, beta, c, cOff, ldc);
            return;
        }
        if (!isPacked(m, n, k)) {
            direct(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (m == 1 && !transB) {
            rowTimesB(k, n, alpha, a, aOff, transA ? lda : 1, b, bOff, ldb, beta, c, cOff, epilogue);
            return;
        }
        int threads = GemmSplit.threadsFor(m, n, k, tile.rows, NR);
        if (threads <= 1) {
            packed(tile, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, epilogue,
                    null, 0, 0);
        } else {
            // A stripe's first column: column stripes start at cOff + j0 with j0 < n <= ldc, row stripes at
            // cOff + i0 * ldc.
            GemmSplit.run(threads, tile.rows, NR,
                    (tA, tB, m1, n1, k1, al, a1, aO, la, b1, bO, lb, be, c1, cO, lc) ->
                            packed(tile, tA, tB, m1, n1, k1, al, a1, aO, la, b1, bO, lb, be, c1, cO, lc,
                                    epilogue == null ? null : epilogue.from((cO - cOff) % lc), null, 0, 0),
                    transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    // ---- B packed ahead ----------------------------------------------------------------------------------------

    /**
     * The k x n matrix {@code b[bOff ..]} (row stride n) packed whole, as {@link #packed} packs it block by block:
     * for each block of k (the split {@link #packed} makes), the panels of NR columns of all n columns (zero past
     * n), the block of depth kc starting at {@code pc} at {@code pc * roundUp(n, NR)}, column j's panel at
     * {@code j * kc} within it.
     */
    static float[] packWhole(int k, int n, float[] b, int bOff) {
        int kcMax = GemmSplit.ceilDiv(k, GemmSplit.ceilDiv(k, KC));
        int nPad = roundUp(n, NR);
        float[] panels = new float[nPad * k];
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            for (int jc = 0; jc < n; jc += NC) {
                packB(b, bOff + pc * n + jc, n, kc, Math.min(NC, n - jc), panels, pc * nPad + jc * kc);
            }
        }
        return panels;
    }

    /**
     * {@code c = a · B + beta · c} (alpha 1, neither transposed) then the epilogue (or null), with B packed ahead
     * by {@link #packWhole}: the packed path's operations on the same packed values, so the same bits as
     * {@link #gemm} on B, and split over threads the same way. Only for products that take the packed path
     * ({@link #isPacked}).
     */
    static void gemmPacked(GemmTile tile, int m, int n, int k, float[] a, int aOff, int lda, float[] panels,
                           float beta, float[] c, int cOff, int ldc, Epilogue epilogue) {
        int nPad = roundUp(n, NR);
        int threads = GemmSplit.threadsFor(m, n, k, tile.rows, NR);
        if (threads <= 1) {
            packed(tile, false, false, m, n, k, 1f, a, aOff, lda, null, 0, n, beta, c, cOff, ldc, epilogue,
                    panels, 0, nPad);
        } else {
            // B's "offset" in a stripe is its first column (b passed as the panels, offset 0, untransposed)
            GemmSplit.run(threads, tile.rows, NR,
                    (tA, tB, m1, n1, k1, al, a1, aO, la, b1, bO, lb, be, c1, cO, lc) ->
                            packed(tile, tA, tB, m1, n1, k1, al, a1, aO, la, null, 0, lb, be, c1, cO, lc,
                                    epilogue == null ? null : epilogue.from((cO - cOff) % lc), panels, bO, nPad),
                    false, false, m, n, k, 1f, a, aOff, lda, panels, 0, n, beta, c, cOff, ldc);
        }
    }

    // ---- one row of A ------------------------------------------------------------------------------------------

    /** Floats of B each extra thread must stream in {@link #rowTimesB}: a hand-off costs ~20 us. */
    static final int ROW_MIN_FLOATS_PER_THREAD = 1 << 16;

    /**
     * {@code c = alpha · a · B + beta · c} for one row of A ({@code a[aOff + p·aStride]}) and B untransposed, then
     * the epilogue (or null): a Dense layer at batch 1, whose packed product packed all of B per call (8 MB for
     * ResNet50's classifier, 3x the product's own memory traffic) and ran it in a 12-row tile of which 11 rows were
     * padding. Here B is streamed in place, split over threads by columns, and each element gets the packed
     * path's operations in its order: the same blocks of k, each summed by FMAs from zero in the order of p, the
     * block then written or added to C and the last one followed by the bias and relu as {@link #update} does; so
     * the same bits as the packed path.
     */
    static void rowTimesB(int k, int n, float alpha, float[] a, int aOff, int aStride, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, Epilogue epilogue) {
        int units = GemmSplit.ceilDiv(n, L);
        int minUnits = Math.max(1, ROW_MIN_FLOATS_PER_THREAD / Math.max(1, k * L));
        Parallelism.forRange(units, minUnits, (u0, u1) -> rowTimesB(k, u0 * L, Math.min(n, u1 * L), alpha, a, aOff,
                aStride, b, bOff, ldb, beta, c, cOff, epilogue));
    }

    /** {@link #rowTimesB(int, int, float, float[], int, int, float[], int, int, float, float[], int, Epilogue)} on columns [j0, j1). */
    private static void rowTimesB(int k, int j0, int j1, float alpha, float[] a, int aOff, int aStride, float[] b,
                                  int bOff, int ldb, float beta, float[] c, int cOff, Epilogue epilogue) {
        int kBlocks = GemmSplit.ceilDiv(k, KC); // the packed path's blocks of k
        int kcMax = GemmSplit.ceilDiv(k, kBlocks);
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector zero = FloatVector.zero(S);
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            float betaBlock = pc == 0 ? beta : 1f;
            FloatVector vb = FloatVector.broadcast(S, betaBlock);
            boolean last = pc + kc >= k;
            Epilogue e = last ? epilogue : null;
            int j = j0;
            for (; j + 4 * L <= j1; j += 4 * L) { // four vectors of columns in registers
                FloatVector s0 = zero;
                FloatVector s1 = zero;
                FloatVector s2 = zero;
                FloatVector s3 = zero;
                for (int p = pc; p < pc + kc; p++) {
                    FloatVector x = FloatVector.broadcast(S, a[aOff + p * aStride]);
                    int bi = bOff + p * ldb + j;
                    s0 = x.fma(FloatVector.fromArray(S, b, bi), s0);
                    s1 = x.fma(FloatVector.fromArray(S, b, bi + L), s1);
                    s2 = x.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
                    s3 = x.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
                }
                rowStore(s0, va, vb, betaBlock, c, cOff + j, e, j);
                rowStore(s1, va, vb, betaBlock, c, cOff + j + L, e, j + L);
                rowStore(s2, va, vb, betaBlock, c, cOff + j + 2 * L, e, j + 2 * L);
                rowStore(s3, va, vb, betaBlock, c, cOff + j + 3 * L, e, j + 3 * L);
            }
            for (; j + L <= j1; j += L) {
                FloatVector s0 = zero;
                for (int p = pc; p < pc + kc; p++) {
                    s0 = FloatVector.broadcast(S, a[aOff + p * aStride]).fma(
                            FloatVector.fromArray(S, b, bOff + p * ldb + j), s0);
                }
                rowStore(s0, va, vb, betaBlock, c, cOff + j, e, j);
            }
            for (; j < j1; j++) { // the last columns, as updateRowScalar does them
                float s = 0f;
                for (int p = pc; p < pc + kc; p++) {
                    s = Math.fma(a[aOff + p * aStride], b[bOff + p * ldb + j], s);
                }
                float v = s * alpha;
                v = betaBlock != 0f ? Math.fma(c[cOff + j], betaBlock, v) : v;
                c[cOff + j] = e == null ? v : e.apply(v, j);
            }
        }
    }

    /**
     * One vector of {@link #update}'s row: alpha times the sum, plus beta times C (C unread when beta is 0), then
     * the epilogue (or null) of columns from j.
     */
    private static void rowStore(FloatVector sum, FloatVector va, FloatVector vb, float beta, float[] c, int off,
                                 Epilogue e, int j) {
        FloatVector v = sum.mul(va);
        if (beta != 0f) {
            v = FloatVector.fromArray(S, c, off).fma(vb, v);
        }
        if (e != null) {
            int o = e.off() + j;
            if (e.bias() != null) {
                v = v.add(FloatVector.fromArray(S, e.bias(), o));
            }
            if (e.scale() != null) {
                v = v.mul(FloatVector.fromArray(S, e.scale(), o)).add(FloatVector.fromArray(S, e.shift(), o));
            }
            if (e.lo() != Float.NEGATIVE_INFINITY) {
                v = v.max(e.lo());
            }
            if (e.hi() != Float.POSITIVE_INFINITY) {
                v = v.min(e.hi());
            }
        }
        v.intoArray(c, off);
    }

    // ---- packed, blocked path -------------------------------------------------------------------------------

    /**
     * The packed path, single-threaded (also used on each thread's stripe). With {@code prepacked} (from
     * {@link #packWhole}, B untransposed, of {@code prepackedWidth} padded columns) B's panels are read from it,
     * this call's columns starting at column {@code prepackedColumn}, instead of being packed here.
     */
    static void packed(GemmTile tile, boolean transA, boolean transB, int m, int n, int k, float alpha,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float beta, float[] c, int cOff, int ldc, Epilogue epilogue,
                       float[] prepacked, int prepackedColumn, int prepackedWidth) {
        // Equal K blocks (e.g. 2 x 150 rather than 256 + 44) keep every block's micro-kernel efficient; the
        // split depends on k only, so it is the same on every thread.
        int kBlocks = GemmSplit.ceilDiv(k, KC);
        int kcMax = GemmSplit.ceilDiv(k, kBlocks);
        int mr = tile.rows;
        int mcBlock = tile.blockRows;
        int mcMax = Math.min(mcBlock, roundUp(m, mr));
        int ncMax = Math.min(NC, roundUp(n, NR));
        Buffers buffers = BUFFERS.get();
        float[] ap = buffers.a(mcMax * kcMax);
        float[] bp = prepacked != null ? prepacked : buffers.b(ncMax * kcMax);
        float[] tileBuffer = buffers.tile;
        // A packed panel is shared by the n / NR tiles of a row of C. When they are few, packing costs more than
        // it saves (8% of W2's 1024x256x784 layer with AVX2's 4x2 tile), so a tile that can read A's rows in
        // place does; with many (1024^3) the packed panel is faster.
        boolean rowsInPlace = !transA && tile.readsRowsOfA() && n <= IN_PLACE_MAX_TILES * NR;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float betaBlock = pc == 0 ? beta : 1f;
                boolean lastBlock = pc + kc >= k;
                Epilogue e = lastBlock ? epilogue : null;
                int bBase = 0;
                if (prepacked != null) {
                    bBase = pc * prepackedWidth + (prepackedColumn + jc) * kc;
                } else if (transB) {
                    packBTransposed(b, bOff + jc * ldb + pc, ldb, kc, nc, bp, buffers.scratch);
                } else {
                    packB(b, bOff + pc * ldb + jc, ldb, kc, nc, bp);
                }
                for (int ic = 0; ic < m; ic += mcBlock) {
                    int mc = Math.min(mcBlock, m - ic);
                    // the panels read in place (see rowsInPlace): only a last, partial one is packed
                    int inPlace = rowsInPlace ? mc - mc % mr : 0;
                    if (transA) {
                        packATransposed(a, aOff + pc * lda + ic, lda, kc, mc, mr, ap);
                    } else if (inPlace < mc) {
                        packA(a, aOff + (ic + inPlace) * lda + pc, lda, kc, mc - inPlace, mr, ap, inPlace * kc);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr) {
                            if (ir < inPlace) {
                                tile.multiplyRows(kc, a, aOff + (ic + ir) * lda + pc, lda, bp, bBase + jr * kc,
                                        tileBuffer);
                            } else {
                                tile.multiply(kc, ap, ir * kc, bp, bBase + jr * kc, tileBuffer);
                            }
                            update(tileBuffer, c, cOff + (ic + ir) * ldc + jc + jr, ldc, Math.min(mr, mc - ir), nr,
                                    alpha, betaBlock, e, jc + jr);
                        }
                    }
                }
            }
        }
    }

    /**
     * C[0..mr, 0..nr) = alpha * tile + beta * C (C unread when beta is 0), then the epilogue (or null) of columns
     * from j on every row; tile rows are NR apart. One method with no vector-typed calls, so nothing is boxed
     * whether or not C2 inlines it.
     */
    private static void update(float[] tile, float[] c, int cOff, int ldc, int mr, int nr, float alpha,
                               float beta, Epilogue e, int j) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        FloatVector zero = FloatVector.zero(S);
        float[] bias = e == null ? null : e.bias();
        float[] scale = e == null ? null : e.scale();
        float[] shift = e == null ? null : e.shift();
        int o = e == null ? 0 : e.off() + j;
        boolean low = e != null && e.lo() != Float.NEGATIVE_INFINITY;
        boolean high = e != null && e.hi() != Float.POSITIVE_INFINITY;
        FloatVector lo = low ? FloatVector.broadcast(S, e.lo()) : zero;
        FloatVector hi = high ? FloatVector.broadcast(S, e.hi()) : zero;
        if (nr == NR) {
            FloatVector b0 = bias == null ? zero : FloatVector.fromArray(S, bias, o);
            FloatVector b1 = bias == null ? zero : FloatVector.fromArray(S, bias, o + L);
            FloatVector s0 = scale == null ? zero : FloatVector.fromArray(S, scale, o);
            FloatVector s1 = scale == null ? zero : FloatVector.fromArray(S, scale, o + L);
            FloatVector h0 = scale == null ? zero : FloatVector.fromArray(S, shift, o);
            FloatVector h1 = scale == null ? zero : FloatVector.fromArray(S, shift, o + L);
            if (beta != 0f) {
                // C's rows are all read (into the tile) before any is written: a load of row r + 1 right after
                // the store to row r stalls when rows are a multiple of 4 KB apart (ldc = 1024: the CPU matches
                // loads to pending stores by their low 12 address bits), 10-15% of a 1024^3 product. Multiplying
                // by 1 below is exact, so the bits are those of the one-pass form.
                for (int r = 0; r < mr; r++) {
                    int off = cOff + r * ldc;
                    FloatVector.fromArray(S, c, off).fma(vb, FloatVector.fromArray(S, tile, r * NR).mul(va))
                            .intoArray(tile, r * NR);
                    FloatVector.fromArray(S, c, off + L).fma(vb, FloatVector.fromArray(S, tile, r * NR + L).mul(va))
                            .intoArray(tile, r * NR + L);
                }
                va = FloatVector.broadcast(S, 1f);
            }
            for (int r = 0; r < mr; r++) {
                int off = cOff + r * ldc;
                FloatVector v0 = FloatVector.fromArray(S, tile, r * NR).mul(va);
                FloatVector v1 = FloatVector.fromArray(S, tile, r * NR + L).mul(va);
                if (bias != null) {
                    v0 = v0.add(b0);
                    v1 = v1.add(b1);
                }
                if (scale != null) {
                    v0 = v0.mul(s0).add(h0);
                    v1 = v1.mul(s1).add(h1);
                }
                if (low) {
                    v0 = v0.max(lo);
                    v1 = v1.max(lo);
                }
                if (high) {
                    v0 = v0.min(hi);
                    v1 = v1.min(hi);
                }
                v0.intoArray(c, off);
                v1.intoArray(c, off + L);
            }
        } else if (nr > L) {
            VectorMask<Float> m1 = S.indexInRange(L, nr);
            FloatVector b0 = bias == null ? zero : FloatVector.fromArray(S, bias, o);
            FloatVector b1 = bias == null ? zero : FloatVector.fromArray(S, bias, o + L, m1);
            FloatVector s0 = scale == null ? zero : FloatVector.fromArray(S, scale, o);
            FloatVector s1 = scale == null ? zero : FloatVector.fromArray(S, scale, o + L, m1);
            FloatVector h0 = scale == null ? zero : FloatVector.fromArray(S, shift, o);
            FloatVector h1 = scale == null ? zero : FloatVector.fromArray(S, shift, o + L, m1);
            for (int r = 0; r < mr; r++) {
                int off = cOff + r * ldc;
                if (off + NR > c.length) {
                    updateRowScalar(tile, r * NR, c, off, nr, alpha, beta, e, j);
                    continue;
                }
                FloatVector v0 = FloatVector.fromArray(S, tile, r * NR).mul(va);
                FloatVector v1 = FloatVector.fromArray(S, tile, r * NR + L).mul(va);
                if (beta != 0f) {
                    v0 = FloatVector.fromArray(S, c, off).fma(vb, v0);
                    v1 = FloatVector.fromArray(S, c, off + L, m1).fma(vb, v1);
                }
                if (bias != null) {
                    v0 = v0.add(b0);
                    v1 = v1.add(b1);
                }
                if (scale != null) {
                    v0 = v0.mul(s0).add(h0);
                    v1 = v1.mul(s1).add(h1);
                }
                if (low) {
                    v0 = v0.max(lo);
                    v1 = v1.max(lo);
                }
                if (high) {
                    v0 = v0.min(hi);
                    v1 = v1.min(hi);
                }
                v0.intoArray(c, off);
                v1.intoArray(c, off + L, m1);
            }
        } else {
            VectorMask<Float> m0 = S.indexInRange(0, nr);
            FloatVector b0 = bias == null ? zero : FloatVector.fromArray(S, bias, o, m0);
            FloatVector s0 = scale == null ? zero : FloatVector.fromArray(S, scale, o, m0);
            FloatVector h0 = scale == null ? zero : FloatVector.fromArray(S, shift, o, m0);
            for (int r = 0; r < mr; r++) {
                int off = cOff + r * ldc;
                if (off + L > c.length) {
                    updateRowScalar(tile, r * NR, c, off, nr, alpha, beta, e, j);
                    continue;
                }
                FloatVector v0 = FloatVector.fromArray(S, tile, r * NR).mul(va);
                if (beta != 0f) {
                    v0 = FloatVector.fromArray(S, c, off, m0).fma(vb, v0);
                }
                if (bias != null) {
                    v0 = v0.add(b0);
                }
                if (scale != null) {
                    v0 = v0.mul(s0).add(h0);
                }
                if (low) {
                    v0 = v0.max(lo);
                }
                if (high) {
                    v0 = v0.min(hi);
                }
                v0.intoArray(c, off, m0);
            }
        }
    }

    /**
     * One row of {@link #update} without vectors, with the same roundings, for a row whose masked vector access
     * would reach past the end of C: the Vector API then checks lane by lane, ~20x slower than
     * this loop.
     */
    private static void updateRowScalar(float[] tile, int t, float[] c, int off, int nr, float alpha, float beta,
                                        Epilogue e, int j) {
        for (int i = 0; i < nr; i++) {
            float v = tile[t + i] * alpha;
            v = beta != 0f ? Math.fma(c[off + i], beta, v) : v;
            c[off + i] = e == null ? v : e.apply(v, j + i);
        }
    }

    /**
     * Packs op(B) = B (row-major, rows p, columns j) rows [0, kc) x columns [0, nc) from {@code b[src..]} into
     * panels of NR columns: panel q holds, for each p, columns q*NR .. q*NR+NR (zero past nc).
     */
    static void packB(float[] b, int src, int ldb, int kc, int nc, float[] bp) {
        packB(b, src, ldb, kc, nc, bp, 0);
    }

    /** {@link #packB(float[], int, int, int, int, float[])} into {@code bp} from {@code bpOff}. */
    static void packB(float[] b, int src, int ldb, int kc, int nc, float[] bp, int bpOff) {
        int full = nc - nc % NR;
        for (int jj = 0; jj < full; jj += NR) {
            int dst = bpOff + jj * kc;
            int s = src + jj;
            for (int p = 0; p < kc; p++) {
                FloatVector.fromArray(S, b, s).intoArray(bp, dst);
                FloatVector.fromArray(S, b, s + L).intoArray(bp, dst + L);
                s += ldb;
                dst += NR;
            }
        }
        if (full < nc) {
            int w = nc - full;
            VectorMask<Float> m0 = S.indexInRange(0, w);
            VectorMask<Float> m1 = S.indexInRange(L, w);
            int dst = bpOff + full * kc;
            int s = src + full;
            for (int p = 0; p < kc; p++) {
                FloatVector.fromArray(S, b, s, m0).intoArray(bp, dst);
                if (w > L) {
                    FloatVector.fromArray(S, b, s + L, m1).intoArray(bp, dst + L);
                } else {
                    FloatVector.zero(S).intoArray(bp, dst + L);
                }
                s += ldb;
                dst += NR;
            }
        }
    }

    /**
     * Packs op(B) = B^T, where B is stored n x k: op(B)[p][j] = b[src + j*ldb + p], into the layout of
     * {@link #packB}. Reads run along B's rows; each panel (kc x NR) is small enough to be written in L1.
     */
    static void packBTransposed(float[] b, int src, int ldb, int kc, int nc, float[] bp, float[] scratch) {
        for (int jj = 0; jj < nc; jj += NR) {
            int w = Math.min(NR, nc - jj);
            int dst = jj * kc;
            int s = src + jj * ldb;
            if (L == 16) {
                // 16 x 16 blocks transposed in registers, about twice as fast as copying element by element
                // (which matters when m is small, e.g. the backprop product dY . W^T of a 128-row batch).
                for (int p = 0; p < kc; p += L) {
                    int cols = Math.min(L, kc - p);
                    transposeBlock(b, s + p, ldb, w, cols, bp, dst + p * NR, NR, scratch);
                    transposeBlock(b, s + L * ldb + p, ldb, w - L, cols, bp, dst + p * NR + L, NR, scratch);
                }
                continue;
            }
            int blockCols = 0;
            int blockK = 0;
            if (L == 8) {
                // 8 x 8 blocks transposed in registers (AVX2): 1.6x faster than element by element; the columns
                // and steps of k past the last whole block go element by element below
                blockCols = w - w % 8;
                blockK = kc - kc % 8;
                for (int j = 0; j < blockCols; j += 8) {
                    for (int p = 0; p < blockK; p += 8) {
                        transpose8(b, s + j * ldb + p, ldb, bp, dst + p * NR + j, NR);
                    }
                }
            }
            for (int j = 0; j < w; j++) {
                int d = dst + j;
                for (int p = j < blockCols ? blockK : 0; p < kc; p++) {
                    bp[d + p * NR] = b[s + j * ldb + p];
                }
            }
            for (int j = w; j < NR; j++) {
                int d = dst + j;
                for (int p = 0; p < kc; p++) {
                    bp[d + p * NR] = 0f;
                }
            }
        }
    }

    /**
     * dst[d + q*ldd + i] = b[s + i*ldb + q] for i < rows, q < cols (cols at most 16), and 0 for rows <= i < 16:
     * a block of B transposed and padded with zero columns. It goes through {@link #transpose16} (via
     * {@code scratch} when fewer than 16 rows of dst exist) unless its 16-wide reads would run past the end of
     * b, in which case it is copied element by element.
     */
    private static void transposeBlock(float[] b, int s, int ldb, int rows, int cols, float[] dst, int d,
                                       int ldd, float[] scratch) {
        if (L == 16 && rows > 0) {
            int r = Math.min(rows, 16);
            if (cols == 16) {
                transpose16(b, s, ldb, r, dst, d, ldd);
                return;
            }
            if (s + (r - 1) * ldb + 16 <= b.length) {
                transpose16(b, s, ldb, r, scratch, 0, 16);
                for (int q = 0; q < cols; q++) {
                    System.arraycopy(scratch, q * 16, dst, d + q * ldd, 16);
                }
                return;
            }
        }
        int live = Math.max(0, Math.min(rows, 16));
        for (int q = 0; q < cols; q++) {
            int o = d + q * ldd;
            for (int i = 0; i < live; i++) {
                dst[o + i] = b[s + i * ldb + q];
            }
            for (int i = live; i < 16; i++) {
                dst[o + i] = 0f;
            }
        }
    }

    /**
     * dst[d + q*ldd + i] = b[s + i*ldb + q] for i, q < 8 (256-bit vectors only): an 8 x 8 block transposed in
     * registers by three stages of two-vector permutes, as {@link #transpose16} does with four.
     */
    private static void transpose8(float[] b, int s, int ldb, float[] dst, int d, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S, b, s);
        FloatVector r1 = FloatVector.fromArray(S, b, s + ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, s + 2 * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, s + 3 * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, s + 4 * ldb);
        FloatVector r5 = FloatVector.fromArray(S, b, s + 5 * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, s + 6 * ldb);
        FloatVector r7 = FloatVector.fromArray(S, b, s + 7 * ldb);
        FloatVector t;
        t = LO[0].selectFrom(r0, r1);
        r1 = HI[0].selectFrom(r0, r1);
        r0 = t;
        t = LO[0].selectFrom(r2, r3);
        r3 = HI[0].selectFrom(r2, r3);
        r2 = t;
        t = LO[0].selectFrom(r4, r5);
        r5 = HI[0].selectFrom(r4, r5);
        r4 = t;
        t = LO[0].selectFrom(r6, r7);
        r7 = HI[0].selectFrom(r6, r7);
        r6 = t;
        t = LO[1].selectFrom(r0, r2);
        r2 = HI[1].selectFrom(r0, r2);
        r0 = t;
        t = LO[1].selectFrom(r1, r3);
        r3 = HI[1].selectFrom(r1, r3);
        r1 = t;
        t = LO[1].selectFrom(r4, r6);
        r6 = HI[1].selectFrom(r4, r6);
        r4 = t;
        t = LO[1].selectFrom(r5, r7);
        r7 = HI[1].selectFrom(r5, r7);
        r5 = t;
        t = LO[2].selectFrom(r0, r4);
        r4 = HI[2].selectFrom(r0, r4);
        r0 = t;
        t = LO[2].selectFrom(r1, r5);
        r5 = HI[2].selectFrom(r1, r5);
        r1 = t;
        t = LO[2].selectFrom(r2, r6);
        r6 = HI[2].selectFrom(r2, r6);
        r2 = t;
        t = LO[2].selectFrom(r3, r7);
        r7 = HI[2].selectFrom(r3, r7);
        r3 = t;
        r0.intoArray(dst, d);
        r1.intoArray(dst, d + ldd);
        r2.intoArray(dst, d + 2 * ldd);
        r3.intoArray(dst, d + 3 * ldd);
        r4.intoArray(dst, d + 4 * ldd);
        r5.intoArray(dst, d + 5 * ldd);
        r6.intoArray(dst, d + 6 * ldd);
        r7.intoArray(dst, d + 7 * ldd);
    }

    /**
     * Transposes a 16 x 16 block (512-bit vectors only): dst[d + q*ldd + i] = b[s + i*ldb + q] for i < rows,
     * 0 for rows <= i < 16 (q < 16), in registers, by four stages of two-vector permutes and a blend. Straight-line
     * code, so C2 keeps all 16 rows in registers.
     */
    private static void transpose16(float[] b, int s, int ldb, int rows, float[] dst, int d, int ldd) {
        // Rows past `rows` re-read the last one (valid memory); their lanes are zeroed before the stores.
        int last = rows - 1;
        FloatVector r0 = FloatVector.fromArray(S, b, s);
        FloatVector r1 = FloatVector.fromArray(S, b, s + Math.min(1, last) * ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, s + Math.min(2, last) * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, s + Math.min(3, last) * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, s + Math.min(4, last) * ldb);
        FloatVector r5 = FloatVector.fromArray(S, b, s + Math.min(5, last) * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, s + Math.min(6, last) * ldb);
        FloatVector r7 = FloatVector.fromArray(S, b, s + Math.min(7, last) * ldb);
        FloatVector r8 = FloatVector.fromArray(S, b, s + Math.min(8, last) * ldb);
        FloatVector r9 = FloatVector.fromArray(S, b, s + Math.min(9, last) * ldb);
        FloatVector r10 = FloatVector.fromArray(S, b, s + Math.min(10, last) * ldb);
        FloatVector r11 = FloatVector.fromArray(S, b, s + Math.min(11, last) * ldb);
        FloatVector r12 = FloatVector.fromArray(S, b, s + Math.min(12, last) * ldb);
        FloatVector r13 = FloatVector.fromArray(S, b, s + Math.min(13, last) * ldb);
        FloatVector r14 = FloatVector.fromArray(S, b, s + Math.min(14, last) * ldb);
        FloatVector r15 = FloatVector.fromArray(S, b, s + Math.min(15, last) * ldb);
        FloatVector t;
        // swap bit 0 of the row index with bit 0 of the column index
        t = LO[0].selectFrom(r0, r1);
        r1 = HI[0].selectFrom(r0, r1);
        r0 = t;
        t = LO[0].selectFrom(r2, r3);
        r3 = HI[0].selectFrom(r2, r3);
        r2 = t;
        t = LO[0].selectFrom(r4, r5);
        r5 = HI[0].selectFrom(r4, r5);
        r4 = t;
        t = LO[0].selectFrom(r6, r7);
        r7 = HI[0].selectFrom(r6, r7);
        r6 = t;
        t = LO[0].selectFrom(r8, r9);
        r9 = HI[0].selectFrom(r8, r9);
        r8 = t;
        t = LO[0].selectFrom(r10, r11);
        r11 = HI[0].selectFrom(r10, r11);
        r10 = t;
        t = LO[0].selectFrom(r12, r13);
        r13 = HI[0].selectFrom(r12, r13);
        r12 = t;
        t = LO[0].selectFrom(r14, r15);
        r15 = HI[0].selectFrom(r14, r15);
        r14 = t;
        // swap bit 1 of the row index with bit 1 of the column index
        t = LO[1].selectFrom(r0, r2);
        r2 = HI[1].selectFrom(r0, r2);
        r0 = t;
        t = LO[1].selectFrom(r1, r3);
        r3 = HI[1].selectFrom(r1, r3);
        r1 = t;
        t = LO[1].selectFrom(r4, r6);
        r6 = HI[1].selectFrom(r4, r6);
        r4 = t;
        t = LO[1].selectFrom(r5, r7);
        r7 = HI[1].selectFrom(r5, r7);
        r5 = t;
        t = LO[1].selectFrom(r8, r10);
        r10 = HI[1].selectFrom(r8, r10);
        r8 = t;
        t = LO[1].selectFrom(r9, r11);
        r11 = HI[1].selectFrom(r9, r11);
        r9 = t;
        t = LO[1].selectFrom(r12, r14);
        r14 = HI[1].selectFrom(r12, r14);
        r12 = t;
        t = LO[1].selectFrom(r13, r15);
        r15 = HI[1].selectFrom(r13, r15);
        r13 = t;
        // swap bit 2 of the row index with bit 2 of the column index
        t = LO[2].selectFrom(r0, r4);
        r4 = HI[2].selectFrom(r0, r4);
        r0 = t;
        t = LO[2].selectFrom(r1, r5);
        r5 = HI[2].selectFrom(r1, r5);
        r1 = t;
        t = LO[2].selectFrom(r2, r6);
        r6 = HI[2].selectFrom(r2, r6);
        r2 = t;
        t = LO[2].selectFrom(r3, r7);
        r7 = HI[2].selectFrom(r3, r7);
        r3 = t;
        t = LO[2].selectFrom(r8, r12);
        r12 = HI[2].selectFrom(r8, r12);
        r8 = t;
        t = LO[2].selectFrom(r9, r13);
        r13 = HI[2].selectFrom(r9, r13);
        r9 = t;
        t = LO[2].selectFrom(r10, r14);
        r14 = HI[2].selectFrom(r10, r14);
        r10 = t;
        t = LO[2].selectFrom(r11, r15);
        r15 = HI[2].selectFrom(r11, r15);
        r11 = t;
        // swap bit 3 of the row index with bit 3 of the column index
        t = LO[3].selectFrom(r0, r8);
        r8 = HI[3].selectFrom(r0, r8);
        r0 = t;
        t = LO[3].selectFrom(r1, r9);
        r9 = HI[3].selectFrom(r1, r9);
        r1 = t;
        t = LO[3].selectFrom(r2, r10);
        r10 = HI[3].selectFrom(r2, r10);
        r2 = t;
        t = LO[3].selectFrom(r3, r11);
        r11 = HI[3].selectFrom(r3, r11);
        r3 = t;
        t = LO[3].selectFrom(r4, r12);
        r12 = HI[3].selectFrom(r4, r12);
        r4 = t;
        t = LO[3].selectFrom(r5, r13);
        r13 = HI[3].selectFrom(r5, r13);
        r5 = t;
        t = LO[3].selectFrom(r6, r14);
        r14 = HI[3].selectFrom(r6, r14);
        r6 = t;
        t = LO[3].selectFrom(r7, r15);
        r15 = HI[3].selectFrom(r7, r15);
        r7 = t;
        // Always blended, also when all 16 rows are live (an all-true mask): a branch here that the first calls
        // never took was compiled as a trap, and the first short block then sent the kernel back to the
        // interpreter (seen as a W5 run stuck at a third of its speed).
        VectorMask<Float> live = S.indexInRange(0, rows);
        FloatVector zero = FloatVector.zero(S);
        r0 = zero.blend(r0, live);
        r1 = zero.blend(r1, live);
        r2 = zero.blend(r2, live);
        r3 = zero.blend(r3, live);
        r4 = zero.blend(r4, live);
        r5 = zero.blend(r5, live);
        r6 = zero.blend(r6, live);
        r7 = zero.blend(r7, live);
        r8 = zero.blend(r8, live);
        r9 = zero.blend(r9, live);
        r10 = zero.blend(r10, live);
        r11 = zero.blend(r11, live);
        r12 = zero.blend(r12, live);
        r13 = zero.blend(r13, live);
        r14 = zero.blend(r14, live);
        r15 = zero.blend(r15, live);
        r0.intoArray(dst, d);
        r1.intoArray(dst, d + 1 * ldd);
        r2.intoArray(dst, d + 2 * ldd);
        r3.intoArray(dst, d + 3 * ldd);
        r4.intoArray(dst, d + 4 * ldd);
        r5.intoArray(dst, d + 5 * ldd);
        r6.intoArray(dst, d + 6 * ldd);
        r7.intoArray(dst, d + 7 * ldd);
        r8.intoArray(dst, d + 8 * ldd);
        r9.intoArray(dst, d + 9 * ldd);
        r10.intoArray(dst, d + 10 * ldd);
        r11.intoArray(dst, d + 11 * ldd);
        r12.intoArray(dst, d + 12 * ldd);
        r13.intoArray(dst, d + 13 * ldd);
        r14.intoArray(dst, d + 14 * ldd);
        r15.intoArray(dst, d + 15 * ldd);
    }

    /**
     * Packs op(A) = A (stored m x k): rows [0, mc) x columns [0, kc) from {@code a[src..]} into panels (from
     * {@code ap[apOff]}) of
     * {@code mr} rows stored k-major: for each p, the panel's mr values (zero past mc). The writes run in
     * order; the reads step along mr rows at once (written out for the tiles' row counts, which packs about
     * 1.4x faster than a loop over the rows).
     */
    static void packA(float[] a, int src, int lda, int kc, int mc, int mr, float[] ap, int apOff) {
        int full = mc - mc % mr;
        for (int ii = 0; ii < full; ii += mr) {
            int s = src + ii * lda;
            int d = apOff + ii * kc;
            switch (mr) {
                case 12 -> packRows12(a, s, lda, kc, ap, d);
                case 8 -> packRows8(a, s, lda, kc, ap, d);
                default -> packRows4(a, s, lda, kc, ap, d);
            }
        }
        if (full < mc) {
            packRows(a, src + full * lda, lda, kc, mc - full, mr, ap, apOff + full * kc);
        }
    }

    /** One panel of {@link #packA}: {@code h} rows of A, zero rows up to {@code mr}. */
    private static void packRows(float[] a, int s, int lda, int kc, int h, int mr, float[] ap, int d) {
        for (int p = 0; p < kc; p++) {
            for (int r = 0; r < h; r++) {
                ap[d + r] = a[s + r * lda + p];
            }
            for (int r = h; r < mr; r++) {
                ap[d + r] = 0f;
            }
            d += mr;
        }
    }

    private static void packRows12(float[] a, int s, int lda, int kc, float[] ap, int d) {
        int p = 0;
        if (L == 16) {
            // 16 steps of k at a time, transposed in registers: 3x faster than the loop below, which mattered
            // when n is small (A's packing is shared by only n / NR tiles: 15% of a 1024x256x784 product).
            // Each step's 16-wide store runs 4 floats into the next step's slot, which the next store
            // overwrites; the last block is left to the loop so nothing is written past this panel.
            for (; p + 16 < kc; p += 16) {
                transpose16(a, s + p, lda, 12, ap, d, 12);
                d += 16 * 12;
            }
        }
        for (; p < kc; p++) {
            int i = s + p;
            ap[d] = a[i];
            ap[d + 1] = a[i + lda];
            ap[d + 2] = a[i + 2 * lda];
            ap[d + 3] = a[i + 3 * lda];
            ap[d + 4] = a[i + 4 * lda];
            ap[d + 5] = a[i + 5 * lda];
            ap[d + 6] = a[i + 6 * lda];
            ap[d + 7] = a[i + 7 * lda];
            ap[d + 8] = a[i + 8 * lda];
            ap[d + 9] = a[i + 9 * lda];
            ap[d + 10] = a[i + 10 * lda];
            ap[d + 11] = a[i + 11 * lda];
            d += 12;
        }
    }

    private static void packRows8(float[] a, int s, int lda, int kc, float[] ap, int d) {
        for (int p = 0; p < kc; p++) {
            int i = s + p;
            ap[d] = a[i];
            ap[d + 1] = a[i + lda];
            ap[d + 2] = a[i + 2 * lda];
            ap[d + 3] = a[i + 3 * lda];
            ap[d + 4] = a[i + 4 * lda];
            ap[d + 5] = a[i + 5 * lda];
            ap[d + 6] = a[i + 6 * lda];
            ap[d + 7] = a[i + 7 * lda];
            d += 8;
        }
    }

    private static void packRows4(float[] a, int s, int lda, int kc, float[] ap, int d) {
        for (int p = 0; p < kc; p++) {
            int i = s + p;
            ap[d] = a[i];
            ap[d + 1] = a[i + lda];
            ap[d + 2] = a[i + 2 * lda];
            ap[d + 3] = a[i + 3 * lda];
            d += 4;
        }
    }

    /**
     * Packs op(A) = A^T, where A is stored k x m: op(A)[i][p] = a[src + p*lda + i], into the layout of
     * {@link #packA}.
     */
    static void packATransposed(float[] a, int src, int lda, int kc, int mc, int mr, float[] ap) {
        for (int ii = 0; ii < mc; ii += mr) {
            int h = Math.min(mr, mc - ii);
            int dst = ii * kc;
            if (h == mr && mr % 4 == 0) {
                // a full panel: each step of k is mr contiguous floats, copied four at a time (128 bits, which
                // every SIMD machine has; element by element it was 5% of W2's training with AVX2's 4-row tile)
                for (int p = 0; p < kc; p++) {
                    int d = dst + p * mr;
                    int s = src + p * lda + ii;
                    for (int r = 0; r < mr; r += 4) {
                        FloatVector.fromArray(FloatVector.SPECIES_128, a, s + r).intoArray(ap, d + r);
                    }
                }
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int d = dst + p * mr;
                int s = src + p * lda + ii;
                for (int r = 0; r < h; r++) {
                    ap[d + r] = a[s + r];
                }
                for (int r = h; r < mr; r++) {
                    ap[d + r] = 0f;
                }
            }
        }
    }

    // ---- degenerate shapes: one output column (matrix-vector), or depth one (outer product) -------------------

    /**
     * C[:, 0] = alpha * op(A) . b + beta * C[:, 0] for a column {@code b} (element p at {@code b[bOff + p*bStride]}):
     * a layer with one unit, and its kernel gradient. The tiled kernels would spend 15 of 16 lanes on padding.
     * Untransposed A is a dot product per row (along k); transposed A is a sum of scaled rows (along m).
     */
    private static void gemv(boolean transA, int m, int k, float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int bStride, float beta, float[] c, int cOff, int ldc) {
        float[] x = bStride == 1 ? b : contiguous(b, bOff, bStride, k);
        int xOff = bStride == 1 ? bOff : 0;
        if (transA) {
            float[] y = BUFFERS.get().a(roundUp(m, L)); // whole vectors: a masked store past the end is slow
            for (int i = 0; i < m; i += L) {
                columnChunk(a, aOff + i, lda, Math.min(L, m - i), k, x, xOff, y, i);
            }
            for (int i = 0; i < m; i++) {
                store(c, cOff + i * ldc, alpha * y[i], beta);
            }
        } else {
            rowDots(m, k, alpha, a, aOff, lda, x, xOff, beta, c, cOff, ldc);
        }
    }

    /** The {@code n} values {@code b[off + i*stride]}, gathered into this thread's B buffer. */
    private static float[] contiguous(float[] b, int off, int stride, int n) {
        float[] x = BUFFERS.get().b(n);
        for (int i = 0; i < n; i++) {
            x[i] = b[off + i * stride];
        }
        return x;
    }

    /** c[at] = value + beta * c[at], fused as in {@link #update} (c unread when beta is 0). */
    private static void store(float[] c, int at, float value, float beta) {
        c[at] = beta == 0f ? value : Math.fma(c[at], beta, value);
    }

    /** C[i, 0] = alpha * (row i of A) . x + beta * C[i, 0]: one dot product per row, along k. */
    private static void rowDots(int m, int k, float alpha, float[] a, int aOff, int lda, float[] x, int xOff,
                                float beta, float[] c, int cOff, int ldc) {
        int full = k - k % L;
        VectorMask<Float> tail = S.indexInRange(full, k);
        // Tails are loaded under the mask, or from a zero-padded copy where the mask would reach past the end
        // of the array (slow in the Vector API); both give the same lanes.
        float[] pad = BUFFERS.get().scratch;
        FloatVector xTail = full < k ? maskedOrPadded(x, xOff + full, k - full, tail, pad) : FloatVector.zero(S);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            int p = 0;
            for (; p + 2 * L <= full; p += 2 * L) {
                acc0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, x, xOff + p), acc0);
                acc1 = FloatVector.fromArray(S, a, ai + p + L).fma(FloatVector.fromArray(S, x, xOff + p + L), acc1);
            }
            if (p < full) {
                acc0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, x, xOff + p), acc0);
            }
            if (full < k) {
                acc1 = maskedOrPadded(a, ai + full, k - full, tail, pad).fma(xTail, acc1);
            }
            store(c, cOff + i * ldc, alpha * sumStoredLanes(acc0.add(acc1), pad), beta);
        }
    }

    /**
     * {@link VectorConstants#sumLanes} (the same butterfly, so the same bits) on the lanes stored to
     * {@code pad}: in {@link #rowDots}'s loop the vector form's shuffles sometimes pushed C2 past its inlining
     * node limit, and every row then boxed its vectors (15 KB of garbage a Wide &amp; Deep training step).
     */
    private static float sumStoredLanes(FloatVector v, float[] pad) {
        v.intoArray(pad, 0);
        for (int h = L / 2; h >= 1; h /= 2) {
            for (int j = 0; j < h; j++) {
                pad[j] += pad[j + h];
            }
        }
        return pad[0];
    }

    /** The {@code count < L} values at {@code a[off..]}, zero-filled to a vector. */
    private static FloatVector maskedOrPadded(float[] a, int off, int count, VectorMask<Float> live, float[] pad) {
        if (off + L <= a.length) {
            return FloatVector.fromArray(S, a, off, live);
        }
        Arrays.fill(pad, 0, L, 0f);
        System.arraycopy(a, off, pad, 0, count);
        return FloatVector.fromArray(S, pad, 0);
    }

    /** y[y0 .. y0+w) = sum over p of a[a0 + p*lda ..][0..w) * x[xOff + p], for w <= L. */
    private static void columnChunk(float[] a, int a0, int lda, int w, int k, float[] x, int xOff, float[] y, int y0) {
        VectorMask<Float> live = S.indexInRange(0, w);
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int p = 0;
        for (; p + 1 < k; p += 2) {
            acc0 = FloatVector.fromArray(S, a, a0 + p * lda, live).fma(FloatVector.broadcast(S, x[xOff + p]), acc0);
            acc1 = FloatVector.fromArray(S, a, a0 + (p + 1) * lda, live)
                    .fma(FloatVector.broadcast(S, x[xOff + p + 1]), acc1);
        }
        if (p < k) {
            acc0 = FloatVector.fromArray(S, a, a0 + p * lda, live).fma(FloatVector.broadcast(S, x[xOff + p]), acc0);
        }
        acc0.add(acc1).intoArray(y, y0, live);
    }

    /**
     * C = alpha * A . B + beta * C for k = 1: column {@code A[i] = a[aOff + i*aStride]} times row
     * {@code B[j] = b[bOff + j*bStride]} (the input gradient of a layer with one unit); C is unread when beta is 0.
     */
    private static void outer(int m, int n, float alpha, float[] a, int aOff, int aStride,
                              float[] b, int bOff, int bStride, float beta, float[] c, int cOff, int ldc) {
        float[] row = bStride == 1 ? b : contiguous(b, bOff, bStride, n);
        int rowOff = bStride == 1 ? bOff : 0;
        int full = n - n % L;
        VectorMask<Float> tail = S.indexInRange(full, n);
        FloatVector vBeta = FloatVector.broadcast(S, beta);
        for (int i = 0; i < m; i++) {
            FloatVector ai = FloatVector.broadcast(S, alpha * a[aOff + i * aStride]);
            int ci = cOff + i * ldc;
            for (int j = 0; j < full; j += L) {
                FloatVector v = FloatVector.fromArray(S, row, rowOff + j).mul(ai);
                if (beta != 0f) {
                    v = FloatVector.fromArray(S, c, ci + j).fma(vBeta, v);
                }
                v.intoArray(c, ci + j);
            }
            if (full < n) {
                FloatVector v = FloatVector.fromArray(S, row, rowOff + full, tail).mul(ai);
                if (beta != 0f) {
                    v = FloatVector.fromArray(S, c, ci + full, tail).fma(vBeta, v);
                }
                v.intoArray(c, ci + full, tail);
            }
        }
    }

    // ---- direct path for small products ---------------------------------------------------------------------

    /**
     * Small products: no packing. A is read in place through its two strides; B in place when untransposed
     * (the last vector of a row under a mask), else transposed once into a k x nPad buffer (nPad = n rounded up
     * to a vector, zero-padded). Tiles of R2 rows x 2 vectors, or R1 rows x 1 vector for the last narrow
     * columns.
     */
    private static void direct(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        Buffers buffers = BUFFERS.get();
        float[] tile = buffers.tile;
        float[] bb = b;
        int bbOff = bOff;
        int bbLd = ldb;
        if (transB) {
            int nPad = roundUp(n, L);
            bb = buffers.b(k * nPad);
            copyTransposed(b, bOff, ldb, k, n, nPad, bb, buffers.scratch);
            bbOff = 0;
            bbLd = nPad;
        }
        int rowStride = transA ? 1 : lda;
        int colStride = transA ? lda : 1;
        for (int j = 0; j < n; j += NR) {
            int w = Math.min(NR, n - j);
            if (w > L) {
                for (int i = 0; i < m; i += R2) {
                    directTile2(k, a, aOff + i * rowStride, rowStride, Math.min(R2, m - i), colStride,
                            bb, bbOff + j, bbLd, w, tile, c, cOff + i * ldc + j, ldc, alpha, beta);
                }
            } else {
                for (int i = 0; i < m; i += R1) {
                    directTile1(k, a, aOff + i * rowStride, rowStride, Math.min(R1, m - i), colStride,
                            bb, bbOff + j, bbLd, w, tile, c, cOff + i * ldc + j, ldc, alpha, beta);
                }
            }
        }
    }

    /** dst[p*ld + j] = b[off + j*ldb + p] for j < n (B stored n x k), 0 for n <= j < ld. */
    private static void copyTransposed(float[] b, int off, int ldb, int k, int n, int ld, float[] dst,
                                       float[] scratch) {
        if (L == 16) {
            for (int j = 0; j < n; j += L) {
                for (int p = 0; p < k; p += L) {
                    transposeBlock(b, off + j * ldb + p, ldb, n - j, Math.min(L, k - p), dst, p * ld + j, ld,
                            scratch);
                }
            }
            return;
        }
        if (ld > n) {
            Arrays.fill(dst, 0, k * ld, 0f);
        }
        for (int j = 0; j < n; j++) {
            int s = off + j * ldb;
            for (int p = 0; p < k; p++) {
                dst[p * ld + j] = b[s + p];
            }
        }
    }

    /**
     * C[0..mr, 0..w) = alpha * A[0..mr, :] . B[:, 0..w) + beta * C for L < w <= 2L: A rows start at a0, rs
     * apart, stepping cs along k (rows past mr re-read the last one and are not stored); B rows are ldb apart.
     * The mask is made here, not passed in: a vector or mask argument of a method C2 does not inline is boxed.
     */
    private static void directTile2(int k, float[] a, int a0, int rs, int mr, int cs,
                                    float[] b, int bOff, int ldb, int w, float[] tile,
                                    float[] c, int cOff, int ldc, float alpha, float beta) {
        int a1 = a0 + rs * Math.min(1, mr - 1);
        int a2 = a0 + rs * Math.min(2, mr - 1);
        int a3 = a0 + rs * Math.min(3, mr - 1);
        int a4 = a0 + rs * Math.min(4, mr - 1);
        int a5 = a0 + rs * Math.min(5, mr - 1);
        VectorMask<Float> m1 = S.indexInRange(L, w);
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bi = bOff + p * ldb;
            int ap = p * cs;
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L, m1);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + ap]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        // Through the tile buffer: with the C update written out here the method grows past what C1 can
        // compile ("out of virtual registers"), which can leave it unoptimized (and boxing) for a long time.
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        update(tile, c, cOff, ldc, mr, w, alpha, beta, null, 0);
    }

    /** As {@link #directTile2} for R1 rows and w <= L columns (one vector, masked). */
    private static void directTile1(int k, float[] a, int a0, int rs, int mr, int cs,
                                    float[] b, int bOff, int ldb, int w, float[] tile,
                                    float[] c, int cOff, int ldc, float alpha, float beta) {
        int a1 = a0 + rs * Math.min(1, mr - 1);
        int a2 = a0 + rs * Math.min(2, mr - 1);
        int a3 = a0 + rs * Math.min(3, mr - 1);
        int a4 = a0 + rs * Math.min(4, mr - 1);
        int a5 = a0 + rs * Math.min(5, mr - 1);
        int a6 = a0 + rs * Math.min(6, mr - 1);
        int a7 = a0 + rs * Math.min(7, mr - 1);
        VectorMask<Float> m0 = S.indexInRange(0, w);
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int ap = p * cs;
            FloatVector b0 = FloatVector.fromArray(S, b, bOff + p * ldb, m0);
            c0 = FloatVector.broadcast(S, a[a0 + ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1 + ap]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2 + ap]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3 + ap]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[a4 + ap]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[a5 + ap]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[a6 + ap]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[a7 + ap]).fma(b0, c7);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, NR);
        c2.intoArray(tile, 2 * NR);
        c3.intoArray(tile, 3 * NR);
        c4.intoArray(tile, 4 * NR);
        c5.intoArray(tile, 5 * NR);
        c6.intoArray(tile, 6 * NR);
        c7.intoArray(tile, 7 * NR);
        update(tile, c, cOff, ldc, mr, w, alpha, beta, null, 0);
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    /** Per-thread pack buffers, grown on demand and reused across calls. */
    private static final class Buffers {
        private float[] a = new float[0];
        private float[] b = new float[0];
        final float[] tile = new float[Math.max(GemmTile.MAX_ROWS, Math.max(R2, R1)) * NR];
        final float[] scratch = new float[16 * 16];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }
}

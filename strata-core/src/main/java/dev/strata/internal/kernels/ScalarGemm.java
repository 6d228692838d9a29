package dev.strata.internal.kernels;

/**
 * GEMM in plain Java: the fallback when the Vector API is off, and the reference the vector GEMM is tested
 * against. The same BLIS structure as {@link VectorGemm} (op(B) packed into k-major panels of NR columns,
 * op(A) into k-major panels of MR rows, blocks sized for the caches, transposes absorbed by the packing) with
 * a 4 x 4 register tile of scalar accumulators. C2 does not vectorize the usual i-k-j loop (it cannot rule
 * out that C and B are the same array), so register tiling is what makes this version several times faster
 * than the naive loop. Large products are split over threads like the vector version.
 */
final class ScalarGemm {
    static final int MR = 4;
    static final int NR = 4;
    /** Depth of a packed block: the KC x NR panel of B (4 KB) and the MR x KC panel of A stay in L1. */
    static final int KC = 256;
    /** Rows of A per packed block (128 KB, in L2). */
    static final int MC = 128;
    /** Columns of B per packed block (1 MB, in L2/L3). */
    static final int NC = 1024;

    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0], new float[MR * NR]});

    private ScalarGemm() {
    }

    /** See {@link Kernels#gemm}. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0 || alpha == 0f) {
            ScalarKernels.scaleC(m, n, beta, c, cOff, ldc);
            return;
        }
        int threads = GemmSplit.threadsFor(m, n, k, MR, NR);
        if (threads <= 1) {
            packed(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            GemmSplit.run(threads, MR, NR, ScalarGemm::packed, transA, transB, m, n, k, alpha,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    private static void packed(boolean transA, boolean transB, int m, int n, int k, float alpha,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float beta, float[] c, int cOff, int ldc) {
        int kBlocks = GemmSplit.ceilDiv(k, KC);
        int kcMax = GemmSplit.ceilDiv(k, kBlocks);
        float[][] buffers = BUFFERS.get();
        int aSize = Math.min(MC, roundUp(m, MR)) * kcMax;
        int bSize = Math.min(NC, roundUp(n, NR)) * kcMax;
        if (buffers[0].length < aSize) {
            buffers[0] = new float[aSize];
        }
        if (buffers[1].length < bSize) {
            buffers[1] = new float[bSize];
        }
        float[] ap = buffers[0];
        float[] bp = buffers[1];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float betaBlock = pc == 0 ? beta : 1f;
                // op(B)[p][j] is b[(pc+p)*ldb + jc+j] untransposed, b[(jc+j)*ldb + pc+p] transposed.
                int bRow = transB ? 1 : ldb;
                int bCol = transB ? ldb : 1;
                pack(b, bOff + (transB ? jc * ldb + pc : pc * ldb + jc), bCol, bRow, nc, kc, NR, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    // op(A)[i][p] is a[(ic+i)*lda + pc+p] untransposed, a[(pc+p)*lda + ic+i] transposed.
                    int aRow = transA ? 1 : lda;
                    int aCol = transA ? lda : 1;
                    pack(a, aOff + (transA ? pc * lda + ic : ic * lda + pc), aRow, aCol, mc, kc, MR, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            kernel(kc, ap, ir * kc, bp, jr * kc, buffers[2], c, cOff + (ic + ir) * ldc + jc + jr, ldc,
                                    mr, nr, alpha, betaBlock);
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs a rows x kc block of a matrix whose element (r, p) is {@code x[src + r*rowStride + p*colStride]}
     * into panels of {@code w} rows, each k-major: panel q holds, for each p, rows q*w .. q*w+w (zero past
     * {@code rows}).
     */
    private static void pack(float[] x, int src, int rowStride, int colStride, int rows, int kc, int w,
                             float[] dst) {
        for (int r0 = 0; r0 < rows; r0 += w) {
            int h = Math.min(w, rows - r0);
            int base = r0 * kc;
            for (int r = 0; r < w; r++) {
                int d = base + r;
                if (r < h) {
                    int s = src + (r0 + r) * rowStride;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * w] = x[s + p * colStride];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * w] = 0f;
                    }
                }
            }
        }
    }

    /** C[0..mr, 0..nr) = alpha * (Apanel . Bpanel) + beta * C with a 4 x 4 tile of scalar accumulators. */
    private static void kernel(int kc, float[] ap, int aBase, float[] bp, int bBase, float[] t,
                               float[] c, int cOff, int ldc, int mr, int nr, float alpha, float beta) {
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        for (int p = 0; p < kc; p++) {
            int ai = aBase + p * MR;
            int bi = bBase + p * NR;
            float a0 = ap[ai];
            float a1 = ap[ai + 1];
            float a2 = ap[ai + 2];
            float a3 = ap[ai + 3];
            float b0 = bp[bi];
            float b1 = bp[bi + 1];
            float b2 = bp[bi + 2];
            float b3 = bp[bi + 3];
            c00 = Math.fma(a0, b0, c00);
            c01 = Math.fma(a0, b1, c01);
            c02 = Math.fma(a0, b2, c02);
            c03 = Math.fma(a0, b3, c03);
            c10 = Math.fma(a1, b0, c10);
            c11 = Math.fma(a1, b1, c11);
            c12 = Math.fma(a1, b2, c12);
            c13 = Math.fma(a1, b3, c13);
            c20 = Math.fma(a2, b0, c20);
            c21 = Math.fma(a2, b1, c21);
            c22 = Math.fma(a2, b2, c22);
            c23 = Math.fma(a2, b3, c23);
            c30 = Math.fma(a3, b0, c30);
            c31 = Math.fma(a3, b1, c31);
            c32 = Math.fma(a3, b2, c32);
            c33 = Math.fma(a3, b3, c33);
        }
        if (mr == MR && nr == NR) {
            int o = cOff;
            store(c, o, c00, alpha, beta);
            store(c, o + 1, c01, alpha, beta);
            store(c, o + 2, c02, alpha, beta);
            store(c, o + 3, c03, alpha, beta);
            o += ldc;
            store(c, o, c10, alpha, beta);
            store(c, o + 1, c11, alpha, beta);
            store(c, o + 2, c12, alpha, beta);
            store(c, o + 3, c13, alpha, beta);
            o += ldc;
            store(c, o, c20, alpha, beta);
            store(c, o + 1, c21, alpha, beta);
            store(c, o + 2, c22, alpha, beta);
            store(c, o + 3, c23, alpha, beta);
            o += ldc;
            store(c, o, c30, alpha, beta);
            store(c, o + 1, c31, alpha, beta);
            store(c, o + 2, c32, alpha, beta);
            store(c, o + 3, c33, alpha, beta);
            return;
        }
        // Edge tile: through the small buffer t, then only the valid part is stored.
        t[0] = c00;
        t[1] = c01;
        t[2] = c02;
        t[3] = c03;
        t[4] = c10;
        t[5] = c11;
        t[6] = c12;
        t[7] = c13;
        t[8] = c20;
        t[9] = c21;
        t[10] = c22;
        t[11] = c23;
        t[12] = c30;
        t[13] = c31;
        t[14] = c32;
        t[15] = c33;
        for (int r = 0; r < mr; r++) {
            for (int j = 0; j < nr; j++) {
                store(c, cOff + r * ldc + j, t[r * NR + j], alpha, beta);
            }
        }
    }

    /** c[i] = alpha * acc + beta * c[i], rounded as the vector kernel does; c[i] unread when beta is 0. */
    private static void store(float[] c, int i, float acc, float alpha, float beta) {
        float v = acc * alpha;
        if (beta == 1f) {
            v = c[i] + v;
        } else if (beta != 0f) {
            v = Math.fma(c[i], beta, v);
        }
        c[i] = v;
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }
}

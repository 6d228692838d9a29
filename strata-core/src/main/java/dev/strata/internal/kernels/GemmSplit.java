package dev.strata.internal.kernels;

/**
 * Splits a large GEMM into column (or row) stripes of C, one per thread. Each element of C is then computed
 * by exactly one thread with the same code and summation order as the single-threaded call, so results are
 * bit-identical whatever the thread count.
 */
final class GemmSplit {
    /** Below this much work (2mnk flops) a call stays on the caller's thread: a hand-off costs ~20 us. */
    static final long MIN_PARALLEL_FLOPS = 16_000_000L;
    /** Each extra thread must get at least this much work. */
    static final long MIN_FLOPS_PER_THREAD = 8_000_000L;

    /** A single-threaded GEMM body run on each stripe. */
    interface Body {
        void run(boolean transA, boolean transB, int m, int n, int k, float alpha,
                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                 float beta, float[] c, int cOff, int ldc);
    }

    private GemmSplit() {
    }

    /**
     * The number of threads worth using for an m x n x k product, given stripes of whole {@code unitM} rows or
     * {@code unitN} columns (the kernel's register tile).
     */
    static int threadsFor(int m, int n, int k, int unitM, int unitN) {
        int max = Parallelism.numThreads();
        if (max <= 1) {
            return 1;
        }
        long flops = 2L * m * n * k;
        if (flops < MIN_PARALLEL_FLOPS) {
            return 1;
        }
        long byWork = flops / MIN_FLOPS_PER_THREAD;
        long units = Math.max(ceilDiv(m, unitM), ceilDiv(n, unitN));
        return (int) Math.max(1, Math.min(max, Math.min(byWork, units)));
    }

    /**
     * Runs {@code body} on {@code threads} stripes of C in parallel. The caller checked the arguments;
     * {@code threads >= 2}. Each stripe packs the whole of the operand it shares with the others (A for column
     * stripes, B for row stripes), so the split goes along n when m <= n (A is the smaller) and along m
     * otherwise, unless that dimension has fewer tiles than threads.
     */
    static void run(int threads, int unitM, int unitN, Body body, boolean transA, boolean transB,
                    int m, int n, int k, float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                    float beta, float[] c, int cOff, int ldc) {
        int unitsM = ceilDiv(m, unitM);
        int unitsN = ceilDiv(n, unitN);
        boolean alongN = m <= n ? unitsN >= threads || unitsN >= unitsM : unitsM < threads && unitsN > unitsM;
        if (alongN) {
            Parallelism.run(threads, t -> {
                int j0 = Math.min(n, (int) ((long) unitsN * t / threads) * unitN);
                int j1 = Math.min(n, (int) ((long) unitsN * (t + 1) / threads) * unitN);
                if (j1 > j0) {
                    int bStart = bOff + (transB ? j0 * ldb : j0);
                    body.run(transA, transB, m, j1 - j0, k, alpha, a, aOff, lda, b, bStart, ldb,
                            beta, c, cOff + j0, ldc);
                }
            });
        } else {
            Parallelism.run(threads, t -> {
                int i0 = Math.min(m, (int) ((long) unitsM * t / threads) * unitM);
                int i1 = Math.min(m, (int) ((long) unitsM * (t + 1) / threads) * unitM);
                if (i1 > i0) {
                    int aStart = aOff + (transA ? i0 : i0 * lda);
                    body.run(transA, transB, i1 - i0, n, k, alpha, a, aStart, lda, b, bOff, ldb,
                            beta, c, cOff + i0 * ldc, ldc);
                }
            });
        }
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}

package dev.strata.internal.kernels;

/**
 * Plain-Java kernels: the reference the vector kernels are tested against, and the fallback when the JVM
 * has no Vector API. Simple loops that C2 can vectorize where it may (elementwise maps); reductions use
 * several accumulators and pairwise combination so float32 sums stay accurate.
 */
public final class ScalarKernels implements Kernels {
    private static final int PAIRWISE_BLOCK = 256;

    @Override
    public String name() {
        return "scalar";
    }

    // ---- GEMM ----------------------------------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        ScalarGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** C = beta * C over an m x n block; beta == 0 writes zeros (C's old contents, even NaN, are ignored). */
    static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    // ---- elementwise ---------------------------------------------------------------------------------------

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = a[aOff + i] + b[bOff + i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = a[aOff + i] - b[bOff + i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = a[aOff + i] * b[bOff + i];
                }
            }
            case DIVIDE -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = a[aOff + i] / b[bOff + i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = op.apply(a[aOff + i], b[bOff + i]);
                }
            }
        }
    }

    @Override
    public void binaryScalarRight(BinaryOp op, float[] a, int aOff, float b, float[] out, int outOff, int n) {
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = a[aOff + i] + b;
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = a[aOff + i] * b;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = op.apply(a[aOff + i], b);
                }
            }
        }
    }

    @Override
    public void binaryScalarLeft(BinaryOp op, float a, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = op.apply(a, b[bOff + i]);
        }
    }

    @Override
    public void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int n) {
        switch (op) {
            case NEGATE -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = -a[aOff + i];
                }
            }
            case SQUARE -> {
                for (int i = 0; i < n; i++) {
                    float x = a[aOff + i];
                    out[outOff + i] = x * x;
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = Math.max(a[aOff + i], 0f);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[outOff + i] = op.apply(a[aOff + i]);
                }
            }
        }
    }

    // ---- reductions ----------------------------------------------------------------------------------------

    @Override
    public float reduce(ReduceOp op, float[] a, int off, int n) {
        if (op == ReduceOp.SUM) {
            return pairwiseSum(a, off, n);
        }
        float acc = op.identity();
        for (int i = 0; i < n; i++) {
            acc = op.combine(acc, a[off + i]);
        }
        return acc;
    }

    /** Pairwise summation: error grows with log(n) instead of n. */
    private static float pairwiseSum(float[] a, int off, int n) {
        if (n <= PAIRWISE_BLOCK) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                s0 += a[off + i];
                s1 += a[off + i + 1];
                s2 += a[off + i + 2];
                s3 += a[off + i + 3];
            }
            for (; i < n; i++) {
                s0 += a[off + i];
            }
            return (s0 + s1) + (s2 + s3);
        }
        int half = (n / 2 + 7) & ~7;
        return pairwiseSum(a, off, half) + pairwiseSum(a, off + half, n - half);
    }

    @Override
    public void reduceInto(ReduceOp op, float[] a, int aOff, float[] acc, int accOff, int n) {
        switch (op) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    acc[accOff + i] += a[aOff + i];
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    acc[accOff + i] *= a[aOff + i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    acc[accOff + i] = op.combine(acc[accOff + i], a[aOff + i]);
                }
            }
        }
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void addToRows(float[] y, int yOff, int rows, int n, float[] b, int bOff) {
        for (int r = 0, row = yOff; r < rows; r++, row += n) {
            for (int j = 0; j < n; j++) {
                y[row + j] += b[bOff + j];
            }
        }
    }

    @Override
    public void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows,
                         int n) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, srcOff + r * srcStride, dst, dstOff + r * dstStride, n);
        }
    }

    @Override
    public void sumRowsInto(float[] x, int xOff, int rows, int n, float[] acc, int accOff) {
        for (int r = 0, row = xOff; r < rows; r++, row += n) {
            for (int j = 0; j < n; j++) {
                acc[accOff + j] += x[row + j];
            }
        }
    }
}

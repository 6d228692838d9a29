package dev.strata.internal.kernels;

/**
 * The compute kernels. All arrays are float32 and row-major; offsets and leading dimensions (row strides)
 * locate matrices inside larger arrays. Implementations are stateless and thread-safe.
 *
 * <p>Two implementations exist, {@code VectorKernels} (Vector API) and {@code ScalarKernels} (plain loops);
 * they must agree to within float32 rounding, which the parity tests check.
 */
public interface Kernels {
    /** A short description, e.g. {@code "vector (512-bit, GEMM tile 12x2)"}. */
    String name();

    /**
     * General matrix multiply: {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is X or its
     * transpose, op(A) is m x k, op(B) is k x n and C is m x n. Transposes are never materialised.
     *
     * <p>A stored untransposed is m x k with row stride {@code lda} (>= k); transposed it is stored k x m with
     * row stride {@code lda} (>= m). Likewise B: k x n (ldb >= n) or n x k (ldb >= k). C has row stride ldc.
     * When {@code beta == 0}, C's previous contents are ignored (even NaN). Large products may run on several
     * threads; small ones stay on the caller's.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);

    /**
     * A count of rows for splitting the rows of an m x n x k product (A untransposed) among callers: any run of
     * rows that starts at a multiple of it gets, from its own {@link #gemm} call, the same bits as the one call over
     * all m rows (the same code and summation order for each element). m when splitting has no such guarantee.
     */
    default int gemmRowBlock(int m, int n, int k) {
        return Math.max(1, m);
    }

    /**
     * Whether an m1 x n x k and an m2 x n x k product (A untransposed, same B) give a row of C the same bits from the
     * same row of A, in {@link #gemm} and in the packed and dense entries: then a product may be split into any
     * rows, e.g. a projection of all steps of a sequence done one step at a time. False unless an implementation
     * knows.
     */
    default boolean gemmRowsAlike(int m1, int m2, int n, int k) {
        return false;
    }

    /**
     * A Dense layer's forward pass: {@code y = x · w + bias}, then {@code max(y, 0)} if {@code relu}, where x is
     * m x k (row stride k), w is k x n (row stride n), bias is n values (or null) and y is m x n (row stride n,
     * previous contents ignored). The same bits as {@link #gemm} (alpha 1, beta 0), then {@link #addToRows},
     * then {@link BinaryOp#MAXIMUM} with 0; an implementation may apply the bias and relu as it writes y.
     */
    default void dense(int m, int n, int k, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                       boolean relu, float[] y, int yOff) {
        gemm(false, false, m, n, k, 1f, x, xOff, k, w, wOff, n, 0f, y, yOff, n);
        if (bias != null) {
            addToRows(y, yOff, m, n, bias, biasOff);
        }
        if (relu) {
            binaryScalarRight(BinaryOp.MAXIMUM, y, yOff, 0f, y, yOff, m * n);
        }
    }

    /**
     * The k x n matrix {@code w[wOff ..]} (row stride n) packed for
     * {@link #dense(int, PackedKernel, float[], int, float[], boolean, float[], int)}: done once for a weight
     * matrix that many products share. The result refers to {@code w} and is valid while w's contents stay as
     * they are. Kernels that pack nothing ahead keep only the reference.
     */
    default PackedKernel packKernel(int k, int n, float[] w, int wOff) {
        return new PackedKernel(k, n, w, wOff, null);
    }

    /**
     * {@link #dense(int, int, int, float[], int, float[], int, float[], int, boolean, float[], int)} with w packed
     * ahead by {@link #packKernel}: {@code y = x · w + bias} (then relu), x m x w.k() (row stride k), the same bits.
     */
    default void dense(int m, PackedKernel w, float[] x, int xOff, float[] bias, boolean relu, float[] y,
                       int yOff) {
        dense(m, w.n(), w.k(), x, xOff, w.source(), w.offset(), bias, 0, relu, y, yOff);
    }

    /**
     * An inference convolution's GEMM, {@code y = x · w} then the epilogue e (or null) on every row: the same bits
     * as {@link #dense(int, int, int, float[], int, float[], int, float[], int, boolean, float[], int)} without
     * bias or relu followed by {@link ConvEpilogue#apply}; an implementation may apply e as it writes y.
     */
    default void dense(int m, int n, int k, float[] x, int xOff, float[] w, int wOff, ConvEpilogue e, float[] y,
                       int yOff) {
        dense(m, n, k, x, xOff, w, wOff, null, 0, false, y, yOff);
        if (e != null) {
            e.apply(y, yOff, m, n);
        }
    }

    /**
     * {@link #dense(int, int, int, float[], int, float[], int, ConvEpilogue, float[], int)} with w packed ahead by
     * {@link #packKernel}: the same bits.
     */
    default void dense(int m, PackedKernel w, float[] x, int xOff, ConvEpilogue e, float[] y, int yOff) {
        dense(m, w.n(), w.k(), x, xOff, w.source(), w.offset(), e, y, yOff);
    }

    /**
     * {@code c = a · w + beta · c} with w packed ahead by {@link #packKernel}, a m x w.k() (row stride lda), c row
     * stride ldc: the bits of {@link #gemm} on the same operands, without packing w again (a recurrent layer's
     * kernel, used by every step).
     */
    default void gemm(int m, PackedKernel w, float[] a, int aOff, int lda, float beta, float[] c, int cOff, int ldc) {
        gemm(false, false, m, w.n(), w.k(), 1f, a, aOff, lda, w.source(), w.offset(), w.n(), beta, c, cOff, ldc);
    }

    /** {@code out[i] = op(a[i], b[i])} for i in [0, n). {@code out} may alias {@code a} or {@code b}. */
    void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /** {@code out[i] = op(a[i], b)}: the right operand is one value. */
    void binaryScalarRight(BinaryOp op, float[] a, int aOff, float b, float[] out, int outOff, int n);

    /** {@code out[i] = op(a, b[i])}: the left operand is one value. */
    void binaryScalarLeft(BinaryOp op, float a, float[] b, int bOff, float[] out, int outOff, int n);

    /** {@code out[i] = op(a[i])}. {@code out} may alias {@code a}. */
    void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int n);

    /** The reduction of {@code a[off .. off+n)}; {@code op.identity()} when n is 0. */
    float reduce(ReduceOp op, float[] a, int off, int n);

    /** {@code acc[i] = op.combine(acc[i], a[i])}: folds one row into running results (reducing a leading axis). */
    void reduceInto(ReduceOp op, float[] a, int aOff, float[] acc, int accOff, int n);

    /** {@code sum(a[i] * b[i])}. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * {@code y[yOff + r*n + j] += b[bOff + j]} for each of {@code rows} rows of length {@code n}: a bias added to
     * every row of a row-major block. One rounding per element, so every implementation gives the same bits.
     */
    void addToRows(float[] y, int yOff, int rows, int n, float[] b, int bOff);

    /**
     * {@code acc[accOff + j] += x[xOff + r*n + j]} for r = 0, 1, ... rows-1 in turn: the column sums of a
     * row-major block (a bias gradient), summed row after row, so every implementation gives the same bits.
     */
    void sumRowsInto(float[] x, int xOff, int rows, int n, float[] acc, int accOff);

    /**
     * Copies {@code rows} runs of {@code n} values, run r from {@code src[srcOff + r*srcStride]} to
     * {@code dst[dstOff + r*dstStride]} (a concatenation or slice along the last axis), bits unchanged. The runs
     * of {@code dst} must not overlap those of {@code src}.
     */
    void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows, int n);

    /**
     * The gate math of one step of a Keras LSTM (sigmoid gates, tanh) for {@code rows} rows at once. Row r of
     * {@code z} (at {@code zOff + r*ldz}: 4 units of pre-activations, gates i, f, g, o) is activated in place, then
     * {@code c = f * cPrev + i * g}, {@code tc = tanh(c)} and {@code h = o * tc}, each a row of units at its offset
     * plus r times its stride. The same bits as {@link #unary} on i and f together, then on g, on o and on c, with
     * the products and sum rounded in that order (Keras's); the output rows must not overlap the input rows.
     */
    default void lstmGates(int rows, int units, float[] z, int zOff, int ldz, float[] cPrev, int cPrevOff,
                           int ldcPrev, float[] c, int cOff, int ldc, float[] tc, int tcOff, int ldtc, float[] h,
                           int hOff, int ldh) {
        for (int r = 0; r < rows; r++) {
            int zo = zOff + r * ldz;
            int po = cPrevOff + r * ldcPrev;
            int co = cOff + r * ldc;
            int to = tcOff + r * ldtc;
            int ho = hOff + r * ldh;
            unary(UnaryOp.SIGMOID, z, zo, z, zo, 2 * units);
            unary(UnaryOp.TANH, z, zo + 2 * units, z, zo + 2 * units, units);
            unary(UnaryOp.SIGMOID, z, zo + 3 * units, z, zo + 3 * units, units);
            for (int u = 0; u < units; u++) {
                c[co + u] = z[zo + units + u] * cPrev[po + u] + z[zo + u] * z[zo + 2 * units + u];
            }
            unary(UnaryOp.TANH, c, co, tc, to, units);
            for (int u = 0; u < units; u++) {
                h[ho + u] = z[zo + 3 * units + u] * tc[to + u];
            }
        }
    }

    /**
     * The gate math of one step of a Keras 3 GRU ({@code reset_after=True}, sigmoid gates, tanh) for {@code rows}
     * rows at once. Row r of {@code x} holds the projected input (3 units: gates z, r, h, with the input bias) and
     * row r of {@code inner} the recurrent part {@code hPrev · R + b_R}; into row r of {@code gates} (4 units) go
     * {@code z = sigmoid(x_z + inner_z)}, {@code r = sigmoid(x_r + inner_r)},
     * {@code hh = tanh(x_h + r * inner_h)} and {@code inner_h}, and into row r of {@code h}
     * {@code z * hPrev + (1 - z) * hh}. The same bits as {@link #unary} on z and r together and on hh, the rest
     * rounded in Keras's order; the output rows must not overlap the input rows.
     */
    default void gruGates(int rows, int units, float[] x, int xOff, int ldx, float[] inner, int innerOff,
                          int ldInner, float[] hPrev, int hPrevOff, int ldhPrev, float[] gates, int gatesOff,
                          int ldGates, float[] h, int hOff, int ldh) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * ldx;
            int io = innerOff + r * ldInner;
            int po = hPrevOff + r * ldhPrev;
            int go = gatesOff + r * ldGates;
            int ho = hOff + r * ldh;
            for (int j = 0; j < 2 * units; j++) {
                gates[go + j] = x[xo + j] + inner[io + j];
            }
            unary(UnaryOp.SIGMOID, gates, go, gates, go, 2 * units);
            for (int u = 0; u < units; u++) {
                gates[go + 3 * units + u] = inner[io + 2 * units + u];
                gates[go + 2 * units + u] = x[xo + 2 * units + u] + gates[go + units + u] * inner[io + 2 * units + u];
            }
            unary(UnaryOp.TANH, gates, go + 2 * units, gates, go + 2 * units, units);
            for (int u = 0; u < units; u++) {
                float z = gates[go + u];
                h[ho + u] = z * hPrev[po + u] + (1f - z) * gates[go + 2 * units + u];
            }
        }
    }
}

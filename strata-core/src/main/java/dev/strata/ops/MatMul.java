package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.Parallelism;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Matrix product with numpy's {@code matmul} rules: the last two axes are matrices, leading (batch) axes
 * broadcast, a 1-D operand is a row (left) or column (right) vector whose axis is dropped from the result.
 * Optional transposes of either operand's matrices are done by the GEMM kernel, never materialised.
 *
 * <p>Gradients, for {@code C = op(A)·op(B)}, use the transposed variants directly, e.g. without transposes
 * {@code dA = g·Bᵀ = matmul(g, B, false, true)} and {@code dB = Aᵀ·g = matmul(A, g, true, false)}; batch
 * axes that were broadcast are summed back.
 */
final class MatMul {
    /** The work (flops) worth handing a share of a batched product's batches to another thread. */
    static final long BATCH_SPLIT_FLOPS = 8_000_000L;

    /** {@code keras.ops.matmul(x1, x2)}; Keras's matmul has no transposes. */
    static final OpSpec SPEC = OpSpec.op("matmul").numpy("Matmul").binary()
            .strataOnly("transpose_a", Type.BOOL, false,
                    "transpose the operand with Ops.transpose before Ops.matmul to save the model")
            .strataOnly("transpose_b", Type.BOOL, false,
                    "transpose the operand with Ops.transpose before Ops.matmul to save the model")
            .rebuild((in, args) -> apply(in.get(0), in.get(1), args.bool("transpose_a"), args.bool("transpose_b")));

    private MatMul() {
    }

    static Shape shape(Shape a, Shape b, boolean transA, boolean transB) {
        String op = "matmul";
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ShapeException(op + ": internal: operands must be at least 2-D here, got " + a + " and " + b);
        }
        int m = a.get(transA ? -1 : -2);
        int ka = a.get(transA ? -2 : -1);
        int kb = b.get(transB ? -1 : -2);
        int n = b.get(transB ? -2 : -1);
        if (ka != kb && ka != Shape.UNKNOWN && kb != Shape.UNKNOWN) {
            throw new ShapeException(op + ": shapes " + a + " and " + b + " are incompatible: the contracted "
                    + "dimension of a (" + ka + ", its " + (transA ? "second-to-last axis, transposed" : "last axis")
                    + ") must equal that of b (" + kb + ", its "
                    + (transB ? "last axis, transposed" : "second-to-last axis") + ")");
        }
        Shape batch;
        try {
            batch = Broadcasting.shape(op, a.subShape(0, a.rank() - 2), b.subShape(0, b.rank() - 2));
        } catch (ShapeException e) {
            throw new ShapeException(op + ": shapes " + a + " and " + b + " have batch dimensions "
                    + a.subShape(0, a.rank() - 2) + " and " + b.subShape(0, b.rank() - 2)
                    + " that cannot be broadcast together");
        }
        return batch.append(m, n);
    }

    static Tensor apply(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeException("matmul: operands must have at least one dimension, got shapes " + a.shape()
                    + " and " + b.shape() + " (use multiply for scalars)");
        }
        if (a.rank() == 1 || b.rank() == 1) {
            return vectorCase(a, b, transA, transB);
        }
        Shape out = shape(a.shape(), b.shape(), transA, transB);
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC.args(transA, transB), out,
                    in -> apply(in.get(0), in.get(1), transA, transB), a, b);
        }
        Tensor y = OpSupport.wrap(concrete(a, b, transA, transB, out), out);
        Shape as = a.shape();
        Shape bs = b.shape();
        OpSupport.gradient(y, a, b, (g, needed) -> {
            Tensor da = null;
            Tensor db = null;
            if (needed[0]) {
                da = transA ? apply(b, g, transB, true) : apply(g, b, false, !transB);
                da = Broadcasting.unbroadcast(da, as);
            }
            if (needed[1]) {
                db = transB ? apply(g, a, true, transA) : apply(a, g, !transA, false);
                db = Broadcasting.unbroadcast(db, bs);
            }
            return new Tensor[] {da, db};
        });
        return y;
    }

    /** A 1-D operand becomes a 1-row or 1-column matrix, and the added axis is removed from the result. */
    private static Tensor vectorCase(Tensor a, Tensor b, boolean transA, boolean transB) {
        boolean aVec = a.rank() == 1;
        boolean bVec = b.rank() == 1;
        Tensor a2 = aVec ? Reshape.apply(a, 1, a.shape().get(0)) : a;
        Tensor b2 = bVec ? Reshape.apply(b, b.shape().get(0), 1) : b;
        Tensor y = apply(a2, b2, aVec ? false : transA, bVec ? false : transB);
        Shape s = y.shape();
        int[] dims = s.toArray();
        int keep = dims.length - (aVec ? 1 : 0) - (bVec ? 1 : 0);
        int[] out = new int[keep];
        int j = 0;
        for (int i = 0; i < dims.length; i++) {
            boolean drop = (aVec && i == dims.length - 2) || (bVec && i == dims.length - 1);
            if (!drop) {
                out[j++] = dims[i];
            }
        }
        return Reshape.apply(y, out);
    }

    private static float[] concrete(Tensor a, Tensor b, boolean transA, boolean transB, Shape out) {
        Shape as = a.shape();
        Shape bs = b.shape();
        float[] x = OpSupport.data(a);
        float[] w = OpSupport.data(b);
        int m = out.get(-2);
        int n = out.get(-1);
        int k = as.get(transA ? -2 : -1);
        int lda = as.get(-1);
        int ldb = bs.get(-1);
        float[] c = OpSupport.newArray(out.size());
        Kernels kernels = KernelProvider.get();
        int batches = c.length / Math.max(1, m * n);
        if (m * n == 0) {
            return c;
        }
        int aMat = as.get(-2) * as.get(-1);
        int bMat = bs.get(-2) * bs.get(-1);
        if (as.rank() == 2 && bs.rank() == 2) {
            kernels.gemm(transA, transB, m, n, k, 1f, x, 0, lda, w, 0, ldb, 0f, c, 0, n);
            return c;
        }
        Shape batch = out.subShape(0, out.rank() - 2);
        int[] aStrides = Elementwise.stridesFor(as.subShape(0, as.rank() - 2), batch);
        int[] bStrides = Elementwise.stridesFor(bs.subShape(0, bs.rank() - 2), batch);
        int[] dims = batch.toArray();
        // Batches of small products (attention's per-head scores) run on several threads, whole batches each:
        // every product is still one single-threaded GEMM call, so the bits do not depend on the split.
        long flopsPerBatch = 2L * m * n * k;
        int minBatches = (int) Math.min(Integer.MAX_VALUE, Math.max(1, BATCH_SPLIT_FLOPS / Math.max(1, flopsPerBatch)));
        Parallelism.forRange(batches, minBatches, (t0, t1) -> {
            int[] counter = new int[dims.length];
            int ai = 0;
            int bi = 0;
            for (int d = dims.length - 1, rest = t0; d >= 0; d--) { // the batch index t0 as coordinates
                counter[d] = rest % dims[d];
                rest /= dims[d];
                ai += counter[d] * aStrides[d];
                bi += counter[d] * bStrides[d];
            }
            for (int t = t0; t < t1; t++) {
                kernels.gemm(transA, transB, m, n, k, 1f, x, ai * aMat, lda, w, bi * bMat, ldb, 0f, c, t * m * n, n);
                for (int d = dims.length - 1; d >= 0; d--) {
                    counter[d]++;
                    ai += aStrides[d];
                    bi += bStrides[d];
                    if (counter[d] < dims[d]) {
                        break;
                    }
                    ai -= aStrides[d] * dims[d];
                    bi -= bStrides[d] * dims[d];
                    counter[d] = 0;
                }
            }
        });
        return c;
    }
}

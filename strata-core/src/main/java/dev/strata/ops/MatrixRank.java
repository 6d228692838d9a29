package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The rank of the matrices in the last two axes, like {@code keras.ops.matrix_rank(x, tol=None)} with the JAX
 * backend: the count of singular values (computed in double) above tol, an absolute threshold; tol None is JAX's
 * {@code s_max·max(M, N)·eps} (float32's eps). The result has x's batch shape and holds whole numbers (Keras gives
 * int32). Not differentiable (an integer count): no gradient, as JAX's.
 */
final class MatrixRank {
    /** {@code keras.ops.matrix_rank(x, tol=None)}. */
    static final OpSpec SPEC = OpSpec.op("matrix_rank").keras(Module.LINALG, "MatrixRank")
            .config("tol", Type.OPTIONAL_FLOAT).rebuild((in, args) -> apply(in.get(0), args.optionalNumber("tol")));

    private MatrixRank() {
    }

    static Tensor apply(Tensor x, Float tol) {
        Shape s = x.shape();
        Linalg.requireMatrices("matrixRank", "x", s);
        Shape out = Linalg.batch(s);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(tol), out, in -> apply(in.get(0), tol), x);
        }
        int m = s.get(-2);
        int n = s.get(-1);
        float[] in = OpSupport.data(x);
        float[] res = OpSupport.newArray(out.size());
        for (int b = 0, count = Linalg.count(s); b < count; b++) {
            if (m == 0 || n == 0) {
                res[b] = 0;
                continue;
            }
            double[] sv = LinalgKernels.svd(LinalgKernels.read(in, b, m, n), m, n, false)[1];
            // JAX compares the float32 singular values with a float32 threshold
            float threshold = tol != null ? tol : (float) sv[0] * Math.max(m, n) * (float) Pinv.FLOAT_EPS;
            int r = 0;
            for (double v : sv) {
                if ((float) v > threshold) {
                    r++;
                }
            }
            res[b] = r;
        }
        return OpSupport.wrap(res, out);
    }
}

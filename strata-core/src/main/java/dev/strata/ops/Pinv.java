package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The Moore-Penrose pseudo-inverse of the matrices in the last two axes, like {@code keras.ops.pinv(x, rcond=None)}
 * with the JAX backend: {@code (..., M, N)} gives {@code (..., N, M)}, from the SVD (in double), singular values not
 * above {@code rcond·s_max} treated as zero; rcond None is JAX's {@code 10·max(M, N)·eps} (float32's eps). Gradient:
 * JAX's (Golub and Pereyra's formula), {@code -pᵀ·g·pᵀ + pᵀp·gᵀ·(I - p·x) + (I - x·p)·gᵀ·ppᵀ}.
 */
final class Pinv {
    /** {@code keras.ops.pinv(x, rcond=None)}. */
    static final OpSpec SPEC = OpSpec.op("pinv").keras(Module.LINALG, "Pinv").config("rcond", Type.OPTIONAL_FLOAT)
            .rebuild((in, args) -> apply(in.get(0), args.optionalNumber("rcond")));
    static final double FLOAT_EPS = 0x1p-23;

    private Pinv() {
    }

    static Tensor apply(Tensor x, Float rcond) {
        Shape s = x.shape();
        Linalg.requireMatrices("pinv", "x", s);
        int m = s.get(-2);
        int n = s.get(-1);
        Shape out = Linalg.batch(s).append(n, m);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(rcond), out, in -> apply(in.get(0), rcond), x);
        }
        double tol = rcond != null ? rcond : 10.0 * Math.max(m, n) * FLOAT_EPS;
        float[] in = OpSupport.data(x);
        float[] res = OpSupport.newArray(out.size());
        int k = Math.min(m, n);
        for (int b = 0, count = Linalg.count(s); b < count && k > 0; b++) {
            double[][] usv = LinalgKernels.svd(LinalgKernels.read(in, b, m, n), m, n, false);
            double[] u = usv[0]; // m x k
            double[] sv = usv[1];
            double[] vt = usv[2]; // k x n
            double cutoff = tol * sv[0];
            double[] p = new double[n * m];
            for (int c = 0; c < k; c++) {
                if (!(sv[c] > cutoff)) {
                    continue;
                }
                double inv = 1 / sv[c];
                for (int i = 0; i < n; i++) {
                    double vi = vt[c * n + i] * inv;
                    for (int j = 0; j < m; j++) {
                        p[i * m + j] += vi * u[j * k + c];
                    }
                }
            }
            LinalgKernels.write(p, res, b);
        }
        Tensor p = OpSupport.wrap(res, out);
        OpSupport.gradient(p, x, (g, needed) -> {
            Tensor t1 = Negative.apply(MatMul.apply(MatMul.apply(p, g, true, false), p, false, true));
            Tensor c = MatMul.apply(MatMul.apply(p, p, true, false), g, false, true); // pᵀp·gᵀ
            Tensor t2 = Subtract.apply(c, MatMul.apply(MatMul.apply(c, p, false, false), x, false, false));
            Tensor d = MatMul.apply(g, MatMul.apply(p, p, false, true), true, false); // gᵀ·ppᵀ
            Tensor t3 = Subtract.apply(d, MatMul.apply(x, MatMul.apply(p, d, false, false), false, false));
            return new Tensor[] {Add.apply(t1, Add.apply(t2, t3))};
        });
        return p;
    }
}

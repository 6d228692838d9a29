package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The inverse of each square matrix in the last two axes, like {@code keras.ops.inv(x)} with the JAX backend: LU with
 * partial pivoting in double, then a solve against the identity. A singular matrix is not an error, as in Keras: its
 * zero pivot is divided by, so the result holds infinities and NaN (JAX's {@code inv([[1, 2], [2, 4]])} is
 * {@code [[-inf, inf], [inf, -inf]]}, and so is Strata's). Gradient: {@code -Yᵀ·g·Yᵀ} with {@code Y = inv(x)}.
 */
final class Inv {
    /** {@code keras.ops.inv(x)}. */
    static final OpSpec SPEC = OpSpec.op("inv").keras(Module.LINALG, "Inv").rebuild((in, args) -> apply(in.get(0)));

    private Inv() {
    }

    static Tensor apply(Tensor x) {
        Shape s = x.shape();
        Linalg.requireSquare("inv", "x", s);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, s, in -> apply(in.get(0)), x);
        }
        int n = s.get(-1);
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(in.length);
        int[] piv = new int[n];
        for (int b = 0, count = Linalg.count(s); b < count; b++) {
            double[] a = LinalgKernels.read(in, b, n, n);
            LinalgKernels.lu(a, n, n, piv);
            double[] id = new double[n * n];
            for (int i = 0; i < n; i++) {
                id[i * n + i] = 1;
            }
            LinalgKernels.luSolve(a, piv, n, id, n);
            LinalgKernels.write(id, out, b);
        }
        Tensor y = OpSupport.wrap(out, s);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Negative.apply(MatMul.apply(MatMul.apply(y, g, true, false), y, false, true))});
        return y;
    }
}

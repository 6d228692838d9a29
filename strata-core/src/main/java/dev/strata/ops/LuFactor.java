package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The LU factorisation with partial pivoting, like {@code keras.ops.lu_factor(x)} with the JAX backend
 * ({@code jax.scipy.linalg.lu_factor}): two outputs, {@code lu (..., M, N)} holding the unit lower factor below the
 * diagonal and the upper on and above it, and {@code piv (..., K)}, K = min(M, N), where row i was swapped with row
 * {@code piv[i]} (0-based, LAPACK's getrf order; whole numbers in float32, Keras gives int32). Computed in double.
 * Not differentiable in Strata (JAX differentiates lu; differentiating lu here throws); piv has no gradient.
 */
final class LuFactor {
    /** {@code keras.ops.lu_factor(x)}: two outputs. */
    static final OpSpec SPEC = OpSpec.op("lu_factor").keras(Module.LINALG, "LuFactor")
            .rebuildAll((in, args) -> apply(in.get(0)));

    private LuFactor() {
    }

    static List<Tensor> apply(Tensor x) {
        Shape s = x.shape();
        Linalg.requireMatrices("luFactor", "x", s);
        int m = s.get(-2);
        int n = s.get(-1);
        int k = m == Shape.UNKNOWN || n == Shape.UNKNOWN ? Shape.UNKNOWN : Math.min(m, n);
        Shape ps = Linalg.batch(s).append(k);
        if (x.isSymbolic()) {
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(), in -> apply(in.get(0))), List.of(x),
                    List.of(s, ps)));
        }
        float[] in = OpSupport.data(x);
        int count = Linalg.count(s);
        float[] lu = OpSupport.newArray(in.length);
        float[] pv = OpSupport.newArray(count * k);
        int[] piv = new int[k];
        for (int b = 0; b < count; b++) {
            double[] a = LinalgKernels.read(in, b, m, n);
            LinalgKernels.lu(a, m, n, piv);
            LinalgKernels.write(a, lu, b);
            for (int i = 0; i < k; i++) {
                pv[b * k + i] = piv[i];
            }
        }
        Tensor y = OpSupport.wrap(lu, s);
        OpSupport.gradient(y, x, (g, needed) -> {
            throw new UnsupportedOperationException("luFactor: Strata does not differentiate the LU factorisation "
                    + "(x of shape " + s + "); differentiate inv, solve, det or slogdet instead");
        });
        return List.of(y, OpSupport.wrap(pv, ps));
    }
}

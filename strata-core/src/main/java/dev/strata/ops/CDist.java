package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Pairwise Euclidean distances, like {@code keras.ops.cdist(x, y)} (Keras's only metric): x {@code (..., m, d)} and
 * y {@code (..., n, d)} give {@code (..., m, n)}, the batch axes broadcast. Computed as Keras's JAX backend does,
 * {@code sqrt(sum((x[..., :, None, :] − y[..., None, :, :])², -1))}, from differentiable ops, so its gradient is
 * JAX's (NaN where a distance is zero, as the square root's at 0).
 */
final class CDist {
    /** {@code keras.ops.cdist(x, y)}. */
    static final OpSpec SPEC = OpSpec.op("cdist").math("CDist").binary().rebuild((in, args) -> apply(in.get(0),
            in.get(1)));

    private CDist() {
    }

    static Tensor apply(Tensor x, Tensor y) {
        Shape a = x.shape();
        Shape b = y.shape();
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ShapeException("cdist: x and y must have rank >= 2, got shapes " + a + " and " + b);
        }
        if (a.get(-1) != Shape.UNKNOWN && b.get(-1) != Shape.UNKNOWN && a.get(-1) != b.get(-1)) {
            throw new ShapeException("cdist: the last dimensions of x and y must match, got shapes " + a + " and "
                    + b);
        }
        Shape batch = Broadcasting.shape("cdist (batch axes)", Shape.of(java.util.Arrays.copyOf(a.toArray(),
                a.rank() - 2)), Shape.of(java.util.Arrays.copyOf(b.toArray(), b.rank() - 2)));
        int[] out = java.util.Arrays.copyOf(batch.toArray(), batch.rank() + 2);
        out[batch.rank()] = a.get(-2);
        out[batch.rank() + 1] = b.get(-2);
        if (x.isSymbolic() || y.isSymbolic()) {
            return OpSupport.record(SPEC, Shape.of(out), in -> apply(in.get(0), in.get(1)), x, y);
        }
        Tensor diff = Subtract.apply(ExpandDims.apply(x, -2), ExpandDims.apply(y, -3));
        return Sqrt.apply(Sum.apply(Multiply.apply(diff, diff), new int[] {-1}, false));
    }
}

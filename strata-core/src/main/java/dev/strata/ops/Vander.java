package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The Vandermonde matrix of a vector, like {@code keras.ops.vander(x, N=None, increasing=False)}: row i holds
 * powers of {@code x[i]}, {@code x^(N-1), ..., x, 1} (or increasing), N columns (the length of x by default).
 * Computed as JAX computes it, {@code power(x[:, None], exponents)}, so the gradient is {@link Power}'s.
 */
final class Vander {
    /** {@code keras.ops.vander(x, N=None, increasing=False)}. */
    static final OpSpec SPEC = OpSpec.op("vander").numpy("Vander").config("N", Type.OPTIONAL_INT)
            .config("increasing", Type.BOOL, false)
            .rebuild((in, args) -> apply(in.get(0), args.optionalInt("N"), args.bool("increasing")));

    private Vander() {
    }

    static Tensor apply(Tensor x, Integer columns, boolean increasing) {
        Shape s = x.shape();
        if (s.rank() != 1) {
            throw new ShapeException("vander: x must be a vector, got shape " + s);
        }
        if (columns != null && columns < 0) {
            throw new IllegalArgumentException("vander: N must be >= 0, got " + columns + " (x of shape " + s + ")");
        }
        int n = columns != null ? columns : s.get(0);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(columns, increasing), Shape.of(s.get(0), n),
                    in -> apply(in.get(0), columns, increasing), x);
        }
        float[] exponents = new float[n];
        for (int j = 0; j < n; j++) {
            exponents[j] = increasing ? j : n - 1 - j;
        }
        return Power.apply(Reshape.apply(x, s.get(0), 1), Tensor.of(exponents, 1, n));
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * fmax and fmin, broadcast: the larger (smaller) of the two, ignoring a NaN where the other is a number (NaN only
 * where both are), as JAX's {@code where(x1 > x2 | isnan(x2), x1, x2)} (with {@code <} for fmin); so a tie goes to
 * x2. One class for the two, as they differ only in the comparison. Gradient: g to the one selected.
 */
final class FmaxFmin {
    /** {@code keras.ops.fmax(x1, x2)}. */
    static final OpSpec FMAX = OpSpec.op("fmax").numpy("Fmax").binary()
            .rebuild((in, args) -> fmax(in.get(0), in.get(1)));
    /** {@code keras.ops.fmin(x1, x2)}. */
    static final OpSpec FMIN = OpSpec.op("fmin").numpy("Fmin").binary()
            .rebuild((in, args) -> fmin(in.get(0), in.get(1)));

    private FmaxFmin() {
    }

    static Tensor fmax(Tensor a, Tensor b) {
        return apply(FMAX, "fmax", a, b);
    }

    static Tensor fmin(Tensor a, Tensor b) {
        return apply(FMIN, "fmin", a, b);
    }

    private static Tensor apply(OpSpec spec, String javaName, Tensor a, Tensor b) {
        Shape out = Broadcasting.shape(javaName, a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(spec, out, in -> apply(spec, javaName, in.get(0), in.get(1)), a, b);
        }
        boolean max = spec == FMAX;
        Tensor first = Pointwise.map(a, b, out, (p, q) -> Pointwise.bool((max ? p > q : p < q) || q != q));
        return Where.apply(first, a, b); // which records the gradient's routing
    }
}

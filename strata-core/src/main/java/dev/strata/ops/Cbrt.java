package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The real cube root, elementwise (negative for negative x; ±0, ±inf and NaN stay). Gradient (JAX's
 * {@code lax.cbrt}): {@code g·(1/3)·cbrt(x)^-2}, from the result, so +inf at x = 0.
 */
final class Cbrt {
    /** {@code keras.ops.cbrt(x)}. */
    static final OpSpec SPEC = OpSpec.op("cbrt").numpy("Cbrt").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor THIRD = Tensor.scalar(1f / 3f);

    private Cbrt() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.cbrt(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Divide.apply(THIRD, Square.apply(y)))});
        return y;
    }
}

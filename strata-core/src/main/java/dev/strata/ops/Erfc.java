package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The complementary error function {@code erfc(x) = 1 - erf(x)}, computed in double so that it stays accurate
 * (relatively) where it is tiny, which {@code 1 - erf(x)} is not ({@link Erf#erfc}). Gradient:
 * {@code -g·2/√π·e^(-x²)}.
 */
final class Erfc {
    /** {@code keras.ops.erfc(x)} ({@code keras.src.ops.math}). */
    static final OpSpec SPEC = OpSpec.op("erfc").math("Erfc").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor MINUS_TWO_OVER_SQRT_PI = Tensor.scalar((float) -Erf.TWO_OVER_SQRT_PI);

    private Erfc() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Erf.erfc(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Multiply.apply(Exp.apply(Negative.apply(Square.apply(x))), MINUS_TWO_OVER_SQRT_PI))});
        return y;
    }
}

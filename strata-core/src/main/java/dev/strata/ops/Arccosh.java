package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** The inverse hyperbolic cosine, NaN below 1. Gradient: {@code g/√(x² - 1)} (infinite at 1), as JAX's. */
final class Arccosh {
    /** {@code keras.ops.arccosh(x)}. */
    static final OpSpec SPEC = OpSpec.op("arccosh").numpy("Arccosh").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ONE = Tensor.scalar(1f);

    private Arccosh() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> acosh(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g,
                Rsqrt.apply(Subtract.apply(Square.apply(x), ONE)))});
        return y;
    }

    /** acosh in double: {@code log1p((x - 1) + √((x - 1)(x + 1)))}, accurate near 1; NaN below 1. */
    static float acosh(float v) {
        double t = (double) v - 1;
        return (float) Math.log1p(t + Math.sqrt(t * ((double) v + 1)));
    }
}

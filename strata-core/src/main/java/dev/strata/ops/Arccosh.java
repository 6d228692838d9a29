package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The inverse hyperbolic cosine, NaN below 1. Gradient: {@code g/√(x² - 1)} (infinite at 1), as JAX's, with
 * {@code x² - 1} computed as {@code (x - 1)(x + 1)}, which keeps its precision near 1 (as XLA's fused result does).
 */
final class Arccosh {
    /** {@code keras.ops.arccosh(x)}. */
    static final OpSpec SPEC = OpSpec.op("arccosh").numpy("Arccosh").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ONE = Tensor.scalar(1f);
    private static final Tensor ZERO = Tensor.scalar(0f);

    private Arccosh() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> acosh(v));
        // + 0 turns the -0 that (x - 1)(x + 1) gives at x = -1 into JAX's +0 (so the derivative there is +inf)
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g,
                Rsqrt.apply(Add.apply(Multiply.apply(Subtract.apply(x, ONE), Add.apply(x, ONE)), ZERO)))});
        return y;
    }

    /** acosh in double: {@code log1p((x - 1) + √((x - 1)(x + 1)))}, accurate near 1; NaN below 1. */
    static float acosh(float v) {
        double t = (double) v - 1;
        return (float) Math.log1p(t + Math.sqrt(t * ((double) v + 1)));
    }
}

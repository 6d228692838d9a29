package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The Heaviside step, broadcast: 0 where {@code x1 < 0}, 1 where {@code x1 > 0}, {@code x2} where {@code x1} is ±0,
 * and NaN where {@code x1} is NaN. Gradient (JAX's, through its selects): g to x2 where x1 is ±0, g to x1 where x1
 * is NaN, 0 elsewhere.
 */
final class Heaviside {
    /** {@code keras.ops.heaviside(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("heaviside").numpy("Heaviside").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));
    private static final Tensor ZERO = Tensor.scalar(0f);

    private Heaviside() {
    }

    static Tensor apply(Tensor x1, Tensor x2) {
        Shape out = Broadcasting.shape("heaviside", x1.shape(), x2.shape());
        if (x1.isSymbolic() || x2.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), x1, x2);
        }
        Tensor y = Pointwise.map(x1, x2, out, (p, q) -> p < 0f ? 0f : p > 0f ? 1f : p != p ? p : q);
        OpSupport.gradient(y, x1, x2, (g, needed) -> new Tensor[] {
            needed[0] ? Broadcasting.unbroadcast(Where.apply(IsNan.apply(x1), g, ZERO), x1.shape()) : null,
            needed[1] ? Broadcasting.unbroadcast(Where.apply(Comparison.equal(x1, ZERO), g, ZERO), x2.shape())
                    : null});
        return y;
    }
}

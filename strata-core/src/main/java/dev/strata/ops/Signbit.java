package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * 1 where the sign bit of x is set, else 0: so 1 for -0 and for a NaN with its sign bit set, as JAX reads the bit.
 * Not differentiable (nothing is recorded).
 */
final class Signbit {
    /** {@code keras.ops.signbit(x)}. */
    static final OpSpec SPEC = OpSpec.op("signbit").numpy("Signbit").rebuild((in, args) -> apply(in.get(0)));

    private Signbit() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        return Pointwise.map(x, v -> Pointwise.bool(Float.floatToRawIntBits(v) < 0));
    }
}

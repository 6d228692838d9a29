package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** 1 where x is NaN, else 0 (Keras gives booleans). Not differentiable (nothing is recorded). */
final class IsNan {
    /** {@code keras.ops.isnan(x)}. */
    static final OpSpec SPEC = OpSpec.op("isnan").numpy("Isnan").rebuild((in, args) -> apply(in.get(0)));

    private IsNan() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        return Pointwise.map(x, v -> Pointwise.bool(Float.isNaN(v)));
    }
}

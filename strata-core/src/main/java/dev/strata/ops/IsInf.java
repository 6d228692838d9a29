package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** 1 where x is +inf or -inf, else 0 (Keras gives booleans). Not differentiable (nothing is recorded). */
final class IsInf {
    /** {@code keras.ops.isinf(x)}. */
    static final OpSpec SPEC = OpSpec.op("isinf").numpy("Isinf").rebuild((in, args) -> apply(in.get(0)));

    private IsInf() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        return Pointwise.map(x, v -> Pointwise.bool(Float.isInfinite(v)));
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * isneginf and isposinf: 1 where x is -inf (+inf), else 0 (Keras gives booleans). One class for the two, as they
 * differ only in the infinity. Not differentiable (nothing is recorded).
 */
final class IsSignedInf {
    /** {@code keras.ops.isneginf(x)}. */
    static final OpSpec NEG = OpSpec.op("isneginf").numpy("Isneginf").rebuild((in, args) -> isNegInf(in.get(0)));
    /** {@code keras.ops.isposinf(x)}. */
    static final OpSpec POS = OpSpec.op("isposinf").numpy("Isposinf").rebuild((in, args) -> isPosInf(in.get(0)));

    private IsSignedInf() {
    }

    static Tensor isNegInf(Tensor x) {
        return apply(NEG, Float.NEGATIVE_INFINITY, x);
    }

    static Tensor isPosInf(Tensor x) {
        return apply(POS, Float.POSITIVE_INFINITY, x);
    }

    private static Tensor apply(OpSpec spec, float inf, Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(spec, x.shape(), in -> apply(spec, inf, in.get(0)), x);
        }
        return Pointwise.map(x, v -> Pointwise.bool(v == inf));
    }
}

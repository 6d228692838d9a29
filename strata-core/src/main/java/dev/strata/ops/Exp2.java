package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * {@code 2^x}, elementwise, computed in double and rounded once (exact for whole x in float32's range).
 * Gradient (JAX's {@code lax.exp2}): {@code g·ln 2·2^x}, from the result.
 */
final class Exp2 {
    /** {@code keras.ops.exp2(x)}. */
    static final OpSpec SPEC = OpSpec.op("exp2").numpy("Exp2").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor LN2 = Tensor.scalar((float) Math.log(2));

    private Exp2() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.pow(2, v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, Multiply.apply(LN2, y))});
        return y;
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The base-2 logarithm, elementwise, computed in double and rounded once (exact for powers of 2): -inf at ±0,
 * NaN for negative x. Gradient (JAX's, {@code log2 = log(x)/ln 2}): {@code g/(ln 2)/x}.
 */
final class Log2 {
    /** {@code keras.ops.log2(x)}. */
    static final OpSpec SPEC = OpSpec.op("log2").numpy("Log2").rebuild((in, args) -> apply(in.get(0)));
    private static final double LN2 = Math.log(2);
    private static final Tensor LN2_F = Tensor.scalar((float) LN2);

    private Log2() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) (Math.log(v) / LN2));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Divide.apply(Divide.apply(g, LN2_F), x)});
        return y;
    }
}

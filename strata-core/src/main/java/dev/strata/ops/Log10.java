package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The base-10 logarithm, elementwise, computed in double and rounded once: -inf at ±0, NaN for negative x.
 * Gradient (JAX's, {@code log10 = log(x)·(1/ln 10)}): {@code g/(ln 10)/x}.
 */
final class Log10 {
    /** {@code keras.ops.log10(x)}. */
    static final OpSpec SPEC = OpSpec.op("log10").numpy("Log10").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor INV_LN10 = Tensor.scalar((float) (1 / Math.log(10)));

    private Log10() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.log10(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Divide.apply(Multiply.apply(g, INV_LN10), x)});
        return y;
    }
}

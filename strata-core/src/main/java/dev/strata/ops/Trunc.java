package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * Rounds towards zero (drops the fraction); ±0, ±inf and NaN stay, and -0.5 gives -0. Its gradient is zero (as
 * JAX's), recorded as zeros, so a target that depends on x only through trunc gets a zero gradient rather than none.
 */
final class Trunc {
    /** {@code keras.ops.trunc(x)}. */
    static final OpSpec SPEC = OpSpec.op("trunc").numpy("Trunc").rebuild((in, args) -> apply(in.get(0)));

    private Trunc() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> v < 0 ? (float) Math.ceil(v) : (float) Math.floor(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Tensor.zeros(x.shape())});
        return y;
    }
}

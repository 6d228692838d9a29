package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/**
 * Rounds up to an integer (the smallest integer not below x); ±0, ±inf and NaN stay. Its gradient is zero (as
 * JAX's), recorded as zeros, so a target that depends on x only through ceil gets a zero gradient rather than none.
 */
final class Ceil {
    /** {@code keras.ops.ceil(x)}. */
    static final OpSpec SPEC = OpSpec.op("ceil").numpy("Ceil").rebuild((in, args) -> apply(in.get(0)));

    private Ceil() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.CEIL, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Tensor.zeros(x.shape())});
        return y;
    }
}

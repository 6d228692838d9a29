package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/**
 * Rounds down to an integer (the largest integer not above x); ±0, ±inf and NaN stay. Its gradient is zero (as
 * JAX's), recorded as zeros, so a target that depends on x only through floor gets a zero gradient rather than none.
 */
final class Floor {
    /** {@code keras.ops.floor(x)}. */
    static final OpSpec SPEC = OpSpec.op("floor").numpy("Floor").rebuild((in, args) -> apply(in.get(0)));

    private Floor() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.FLOOR, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Tensor.zeros(x.shape())});
        return y;
    }
}

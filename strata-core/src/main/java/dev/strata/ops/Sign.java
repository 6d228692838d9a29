package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/**
 * -1, 0 or 1 by the sign of x (NaN stays NaN). Its gradient is zero, recorded as zeros (as TensorFlow's), so
 * a target that depends on x only through sign gets a zero gradient rather than none.
 */
final class Sign {
    /** {@code keras.ops.sign(x)}. */
    static final OpSpec SPEC = OpSpec.op("sign").numpy("Sign").rebuild((in, args) -> apply(in.get(0)));

    private Sign() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.SIGN, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Tensor.zeros(x.shape())});
        return y;
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code |x|}. Gradient: {@code g·sign(x)} (0 at x = 0, as TensorFlow). */
final class Abs {
    /** {@code keras.ops.abs(x)}. */
    static final OpSpec SPEC = OpSpec.op("abs").numpy("Absolute").rebuild((in, args) -> apply(in.get(0)));

    private Abs() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.ABS, x);
        // sign(x) is piecewise constant, so a constant factor is also right for second derivatives.
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Elementwise.unary(UnaryOp.SIGN, x))});
        return y;
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code 1/√x}. Gradient: {@code -g·y³/2}, since {@code d(x^-1/2)/dx = -x^(-3/2)/2}. */
final class Rsqrt {
    /** {@code keras.ops.rsqrt(x)}. */
    static final OpSpec SPEC = OpSpec.op("rsqrt").math("Rsqrt").rebuild((in, args) -> apply(in.get(0)));

    private Rsqrt() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.RSQRT, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(Multiply.apply(g, Tensor.scalar(-0.5f)), Multiply.apply(y, Square.apply(y)))});
        return y;
    }
}

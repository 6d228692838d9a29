package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code x²}. Gradient: {@code 2·x·g}. */
final class Square {
    /** {@code keras.ops.square(x)}. */
    static final OpSpec SPEC = OpSpec.op("square").numpy("Square").rebuild((in, args) -> apply(in.get(0)));

    private Square() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.SQUARE, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Multiply.apply(x, Tensor.scalar(2f)))});
        return y;
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/**
 * {@code 1 / (1 + e^-x)}, stable at both ends (the kernel never forms e^x of a large x). Gradient:
 * {@code g·y·(1 - y)}.
 */
final class Sigmoid {
    /** {@code keras.ops.sigmoid(x)}. */
    static final OpSpec SPEC = OpSpec.op("sigmoid").nn("Sigmoid").rebuild((in, args) -> apply(in.get(0)));

    private Sigmoid() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.SIGMOID, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Multiply.apply(y, Subtract.apply(Tensor.scalar(1f), y)))});
        return y;
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code max(x, 0)}. Gradient: {@code g} where {@code x > 0}, else 0. */
final class Relu {
    /** {@code keras.ops.relu(x)}. */
    static final OpSpec SPEC = OpSpec.op("relu").nn("Relu").rebuild((in, args) -> apply(in.get(0)));

    private Relu() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.RELU, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Elementwise.binary(BinaryOp.GREATER, x, Tensor.scalar(0f), x.shape()))});
        return y;
    }
}

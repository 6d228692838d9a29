package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** The hyperbolic tangent. Gradient: {@code g·(1 - y²)}. */
final class Tanh {
    /** {@code keras.ops.tanh(x)}. */
    static final OpSpec SPEC = OpSpec.op("tanh").numpy("Tanh").rebuild((in, args) -> apply(in.get(0)));

    private Tanh() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.TANH, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Subtract.apply(Tensor.scalar(1f), Square.apply(y)))});
        return y;
    }
}

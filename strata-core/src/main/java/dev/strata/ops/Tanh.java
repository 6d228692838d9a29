package dev.strata.ops;

import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** The hyperbolic tangent. Gradient: {@code g·(1 - y²)}. */
final class Tanh {
    private Tanh() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record("tanh", x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.TANH, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(g, Subtract.apply(Tensor.scalar(1f), Square.apply(y)))});
        return y;
    }
}

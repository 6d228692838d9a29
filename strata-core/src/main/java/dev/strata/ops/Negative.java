package dev.strata.ops;

import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code -x}. Gradient: {@code -g}. */
final class Negative {
    private Negative() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record("negative", x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.NEGATE, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {apply(g)});
        return y;
    }
}

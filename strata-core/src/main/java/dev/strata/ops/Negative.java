package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code -x}. Gradient: {@code -g}. */
final class Negative {
    /** {@code keras.ops.negative(x)}. */
    static final OpSpec SPEC = OpSpec.op("negative").numpy("Negative").rebuild((in, args) -> apply(in.get(0)));

    private Negative() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.NEGATE, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {apply(g)});
        return y;
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code e^x}. Gradient: {@code g·e^x}. */
final class Exp {
    /** {@code keras.ops.exp(x)}. */
    static final OpSpec SPEC = OpSpec.op("exp").numpy("Exp").rebuild((in, args) -> apply(in.get(0)));

    private Exp() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.EXP, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, y)});
        return y;
    }
}

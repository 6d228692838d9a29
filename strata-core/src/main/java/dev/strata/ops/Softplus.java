package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code log(1 + e^x)}, stable for large |x|. Gradient: {@code g·sigmoid(x)}. */
final class Softplus {
    /** {@code keras.ops.softplus(x)}. */
    static final OpSpec SPEC = OpSpec.op("softplus").nn("Softplus").rebuild((in, args) -> apply(in.get(0)));

    private Softplus() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.SOFTPLUS, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, Sigmoid.apply(x))});
        return y;
    }
}

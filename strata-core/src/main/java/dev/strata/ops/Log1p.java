package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code log(1 + x)}, accurate for small x. Gradient: {@code g / (1 + x)}. */
final class Log1p {
    /** {@code keras.ops.log1p(x)}. */
    static final OpSpec SPEC = OpSpec.op("log1p").numpy("Log1p").rebuild((in, args) -> apply(in.get(0)));

    private Log1p() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.LOG1P, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Divide.apply(g, Add.apply(x, Tensor.scalar(1f)))});
        return y;
    }
}

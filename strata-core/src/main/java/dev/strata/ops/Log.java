package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** The natural logarithm ({@code log(0) = -inf}, NaN below 0). Gradient: {@code g / x}. */
final class Log {
    /** {@code keras.ops.log(x)}. */
    static final OpSpec SPEC = OpSpec.op("log").numpy("Log").rebuild((in, args) -> apply(in.get(0)));

    private Log() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.LOG, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Divide.apply(g, x)});
        return y;
    }
}

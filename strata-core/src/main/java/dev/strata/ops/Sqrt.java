package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code √x} (NaN for x < 0). Gradient: {@code g / (2·√x)}. */
final class Sqrt {
    /** {@code keras.ops.sqrt(x)}. */
    static final OpSpec SPEC = OpSpec.op("sqrt").numpy("Sqrt").rebuild((in, args) -> apply(in.get(0)));

    private Sqrt() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.SQRT, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Divide.apply(Multiply.apply(g, Tensor.scalar(0.5f)), y)});
        return y;
    }
}

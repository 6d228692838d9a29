package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** The sine, elementwise (x in radians). Gradient: {@code g·cos(x)}. */
final class Sin {
    /** {@code keras.ops.sin(x)}. */
    static final OpSpec SPEC = OpSpec.op("sin").numpy("Sin").rebuild((in, args) -> apply(in.get(0)));

    private Sin() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.sin(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, Cos.apply(x))});
        return y;
    }
}

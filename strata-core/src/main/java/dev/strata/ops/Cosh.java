package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** The hyperbolic cosine. Gradient: {@code g·sinh(x)}. */
final class Cosh {
    /** {@code keras.ops.cosh(x)}. */
    static final OpSpec SPEC = OpSpec.op("cosh").numpy("Cosh").rebuild((in, args) -> apply(in.get(0)));

    private Cosh() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.cosh(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, Sinh.apply(x))});
        return y;
    }
}

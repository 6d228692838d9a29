package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** The hyperbolic sine. Gradient: {@code g·cosh(x)}. */
final class Sinh {
    /** {@code keras.ops.sinh(x)}. */
    static final OpSpec SPEC = OpSpec.op("sinh").numpy("Sinh").rebuild((in, args) -> apply(in.get(0)));

    private Sinh() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.sinh(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, Cosh.apply(x))});
        return y;
    }
}

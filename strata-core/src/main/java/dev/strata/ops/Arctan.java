package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** The inverse tangent, in [-π/2, π/2]. Gradient: {@code g/(1 + x²)}. */
final class Arctan {
    /** {@code keras.ops.arctan(x)}. */
    static final OpSpec SPEC = OpSpec.op("arctan").numpy("Arctan").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ONE = Tensor.scalar(1f);

    private Arctan() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.atan(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Divide.apply(g, Add.apply(ONE, Square.apply(x)))});
        return y;
    }
}

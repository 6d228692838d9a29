package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** The tangent, elementwise (x in radians). Gradient: {@code g·(1 + tan²x)}, from the result, as JAX's. */
final class Tan {
    /** {@code keras.ops.tan(x)}. */
    static final OpSpec SPEC = OpSpec.op("tan").numpy("Tan").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ONE = Tensor.scalar(1f);

    private Tan() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.tan(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, Add.apply(ONE, Square.apply(y)))});
        return y;
    }
}

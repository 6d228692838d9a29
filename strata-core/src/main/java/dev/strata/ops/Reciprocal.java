package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * {@code 1/x}, elementwise (±inf at ±0). Gradient (JAX's {@code integer_pow(x, -1)}): {@code -g/x²}.
 */
final class Reciprocal {
    /** {@code keras.ops.reciprocal(x)}. */
    static final OpSpec SPEC = OpSpec.op("reciprocal").numpy("Reciprocal").rebuild((in, args) -> apply(in.get(0)));

    private Reciprocal() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> 1f / v);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Negative.apply(Divide.apply(g, Square.apply(x)))});
        return y;
    }
}

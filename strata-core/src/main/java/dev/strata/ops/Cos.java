package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** The cosine, elementwise (x in radians). Gradient: {@code -g·sin(x)}. */
final class Cos {
    /** {@code keras.ops.cos(x)}. */
    static final OpSpec SPEC = OpSpec.op("cos").numpy("Cos").rebuild((in, args) -> apply(in.get(0)));

    private Cos() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.cos(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Negative.apply(Multiply.apply(g, Sin.apply(x)))});
        return y;
    }
}

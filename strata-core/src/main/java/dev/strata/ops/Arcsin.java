package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The inverse sine, in [-π/2, π/2]; NaN outside [-1, 1]. Gradient: {@code g/√(1 - x²)} (infinite at ±1), with {@code
 * 1 - x²} computed as {@code (1 - x)(1 + x)}, which keeps its precision near ±1.
 */
final class Arcsin {
    /** {@code keras.ops.arcsin(x)}. */
    static final OpSpec SPEC = OpSpec.op("arcsin").numpy("Arcsin").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ONE = Tensor.scalar(1f);

    private Arcsin() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> (float) Math.asin(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g,
                Rsqrt.apply(Multiply.apply(Subtract.apply(ONE, x), Add.apply(ONE, x))))});
        return y;
    }
}

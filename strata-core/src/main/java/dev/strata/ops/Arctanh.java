package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** The inverse hyperbolic tangent: ±inf at ±1, NaN beyond. Gradient: {@code (1/(1 + x))·(g/(1 - x))}, as JAX's. */
final class Arctanh {
    /** {@code keras.ops.arctanh(x)}. */
    static final OpSpec SPEC = OpSpec.op("arctanh").numpy("Arctanh").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ONE = Tensor.scalar(1f);

    private Arctanh() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> atanh(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(
                Divide.apply(ONE, Add.apply(ONE, x)), Divide.apply(g, Subtract.apply(ONE, x)))});
        return y;
    }

    /** atanh in double: {@code log1p(2x/(1 - x))/2}, accurate near 0; ±inf at ±1, NaN beyond. */
    static float atanh(float v) {
        double x = v;
        return (float) (0.5 * Math.log1p(2 * x / (1 - x)));
    }
}

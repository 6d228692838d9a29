package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/** The inverse hyperbolic sine. Gradient: {@code g/√(x² + 1)}. */
final class Arcsinh {
    /** {@code keras.ops.arcsinh(x)}. */
    static final OpSpec SPEC = OpSpec.op("arcsinh").numpy("Arcsinh").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ONE = Tensor.scalar(1f);

    private Arcsinh() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> asinh(v));
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g,
                Rsqrt.apply(Add.apply(Square.apply(x), ONE)))});
        return y;
    }

    /**
     * asinh in double: {@code sign(x)·log1p(|x| + x²/(1 + √(1 + x²)))}, accurate near 0 (x² cannot overflow a
     * double for a float x).
     */
    static float asinh(float v) {
        if (Float.isInfinite(v)) {
            return v;
        }
        double a = Math.abs((double) v);
        return (float) Math.copySign(Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a))), v);
    }
}

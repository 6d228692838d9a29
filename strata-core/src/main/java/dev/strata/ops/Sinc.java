package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The normalized sinc, {@code sin(πx)/(πx)}, 1 at x = 0, computed in double and rounded once. Gradient (JAX's):
 * {@code g·(cos(πx)/x - sin(πx)/(πx²))}, and 0 at x = 0 (JAX's rule there); built from ops over a safe x (1 where
 * x = 0), so second derivatives never meet 0/0.
 */
final class Sinc {
    /** {@code keras.ops.sinc(x)}. */
    static final OpSpec SPEC = OpSpec.op("sinc").numpy("Sinc").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ZERO = Tensor.scalar(0f);
    private static final Tensor ONE = Tensor.scalar(1f);
    private static final Tensor PI = Tensor.scalar((float) Math.PI);

    private Sinc() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> {
            if (v == 0f) {
                return 1f;
            }
            double u = Math.PI * v;
            return (float) (Math.sin(u) / u);
        });
        OpSupport.gradient(y, x, (g, needed) -> {
            Tensor zero = Comparison.equal(x, ZERO);
            Tensor safe = Where.apply(zero, ONE, x);
            Tensor u = Multiply.apply(PI, safe);
            Tensor d = Divide.apply(Subtract.apply(Cos.apply(u), Divide.apply(Sin.apply(u), u)), safe);
            return new Tensor[] {Where.apply(zero, ZERO, Multiply.apply(g, d))};
        });
        return y;
    }
}

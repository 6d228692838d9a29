package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/**
 * {@code e^x - 1}, accurate for x near 0 (Strata's expm1 kernel, within 2 ulps). Gradient (JAX's
 * {@code lax.expm1}): {@code g·(y + 1)}, from the result.
 */
final class Expm1 {
    /** {@code keras.ops.expm1(x)}. */
    static final OpSpec SPEC = OpSpec.op("expm1").numpy("Expm1").rebuild((in, args) -> apply(in.get(0)));
    private static final Tensor ONE = Tensor.scalar(1f);

    private Expm1() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.EXPM1, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, Add.apply(y, ONE))});
        return y;
    }
}

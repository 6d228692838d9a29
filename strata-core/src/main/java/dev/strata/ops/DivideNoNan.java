package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * {@code x1 / x2}, broadcast, but 0 where {@code x2} is ±0 (also for a NaN or infinite x1), as Keras's JAX backend
 * ({@code where(x2 == 0, 0, x1 / where(x2 == 0, 1, x2))}). Gradient (through those selects): {@code g/x2} and
 * {@code -g·x1/x2²} where x2 is not 0, 0 where it is.
 */
final class DivideNoNan {
    /** {@code keras.ops.divide_no_nan(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("divide_no_nan").numpy("DivideNoNan").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));
    private static final Tensor ZERO = Tensor.scalar(0f);
    private static final Tensor ONE = Tensor.scalar(1f);

    private DivideNoNan() {
    }

    static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("divideNoNan", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        Tensor y = Pointwise.map(a, b, out, (p, q) -> q == 0f ? 0f : p / q);
        OpSupport.gradient(y, a, b, (g, needed) -> {
            Tensor zero = Comparison.equal(b, ZERO);
            Tensor safe = Where.apply(zero, ONE, b);
            return new Tensor[] {
                needed[0] ? Broadcasting.unbroadcast(Where.apply(zero, ZERO, Divide.apply(g, safe)), a.shape())
                        : null,
                needed[1] ? Broadcasting.unbroadcast(Where.apply(zero, ZERO,
                        Negative.apply(Divide.apply(Multiply.apply(g, a), Square.apply(safe)))), b.shape()) : null};
        });
        return y;
    }
}

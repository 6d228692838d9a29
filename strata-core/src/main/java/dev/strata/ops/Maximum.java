package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The elementwise maximum, broadcast; NaN if either operand is NaN. Gradient, as TensorFlow's: {@code g} goes
 * to a where {@code a >= b} (so a tie goes to a) and to b elsewhere.
 */
final class Maximum {
    /** {@code keras.ops.maximum(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("maximum").numpy("Maximum").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Maximum() {
    }

    static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("maximum", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        Tensor y = Elementwise.binary(BinaryOp.MAXIMUM, a, b, out);
        OpSupport.gradient(y, a, b, (g, needed) -> {
            Tensor toA = Elementwise.binary(BinaryOp.GREATER_EQUAL, a, b, out);
            return Where.routeGradient(g, toA, a.shape(), b.shape(), needed);
        });
        return y;
    }
}

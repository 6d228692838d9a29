package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The angle of the point {@code (x2, x1)}, {@code atan2(x1, x2)} in [-π, π], broadcast, with IEEE's signed zeros
 * and infinities. Gradient (as JAX's): {@code g·x2/(x1² + x2²)} to x1 and {@code -g·x1/(x1² + x2²)} to x2, summed
 * back over broadcast axes (NaN at the origin).
 */
final class Arctan2 {
    /** {@code keras.ops.arctan2(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("arctan2").numpy("Arctan2").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Arctan2() {
    }

    static Tensor apply(Tensor x1, Tensor x2) {
        Shape out = Broadcasting.shape("arctan2", x1.shape(), x2.shape());
        if (x1.isSymbolic() || x2.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), x1, x2);
        }
        Tensor y = Pointwise.map(x1, x2, out, (a, b) -> (float) Math.atan2(a, b));
        OpSupport.gradient(y, x1, x2, (g, needed) -> {
            Tensor r2 = Add.apply(Square.apply(x1), Square.apply(x2));
            return new Tensor[] {
                needed[0] ? Broadcasting.unbroadcast(Multiply.apply(g, Divide.apply(x2, r2)), x1.shape()) : null,
                needed[1] ? Broadcasting.unbroadcast(Multiply.apply(g, Divide.apply(Negative.apply(x1), r2)),
                        x2.shape()) : null};
        });
        return y;
    }
}

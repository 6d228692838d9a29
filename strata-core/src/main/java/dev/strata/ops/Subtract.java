package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/** {@code a - b}, broadcast. Gradient: {@code g} to a, {@code -g} to b, summed over broadcast axes. */
final class Subtract {
    /** {@code keras.ops.subtract(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("subtract").numpy("Subtract").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Subtract() {
    }

    static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("subtract", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        Tensor y = Elementwise.binary(BinaryOp.SUBTRACT, a, b, out);
        OpSupport.gradient(y, a, b, (g, needed) -> new Tensor[] {
            needed[0] ? Broadcasting.unbroadcast(g, a.shape()) : null,
            needed[1] ? Broadcasting.unbroadcast(Negative.apply(g), b.shape()) : null});
        return y;
    }
}

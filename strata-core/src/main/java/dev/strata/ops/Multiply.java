package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/** {@code a * b} elementwise, broadcast. Gradient: {@code g * b} to a and {@code g * a} to b. */
final class Multiply {
    /** {@code keras.ops.multiply(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("multiply").numpy("Multiply").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Multiply() {
    }

    static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("multiply", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        Tensor y = Elementwise.binary(BinaryOp.MULTIPLY, a, b, out);
        OpSupport.gradient(y, a, b, (g, needed) -> new Tensor[] {
            needed[0] ? Broadcasting.unbroadcast(apply(g, b), a.shape()) : null,
            needed[1] ? Broadcasting.unbroadcast(apply(g, a), b.shape()) : null});
        return y;
    }
}

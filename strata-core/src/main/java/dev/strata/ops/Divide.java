package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/** {@code a / b} elementwise, broadcast (IEEE semantics: x/0 is ±inf or NaN). Gradient: g/b and -g·a/b². */
final class Divide {
    /** {@code keras.ops.divide(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("divide").numpy("Divide").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Divide() {
    }

    static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("divide", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        Tensor y = Elementwise.binary(BinaryOp.DIVIDE, a, b, out);
        OpSupport.gradient(y, a, b, (g, needed) -> new Tensor[] {
            needed[0] ? Broadcasting.unbroadcast(apply(g, b), a.shape()) : null,
            needed[1] ? Broadcasting.unbroadcast(Negative.apply(apply(Multiply.apply(g, a), Square.apply(b))),
                    b.shape()) : null});
        return y;
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * {@code a ^ b} elementwise, broadcast. Gradients, as TensorFlow's: {@code g·b·a^(b-1)} to a, and
 * {@code g·a^b·log(a)} to b where {@code a > 0}, 0 elsewhere (where log(a) is undefined; masking twice keeps
 * second derivatives free of NaN there too).
 */
final class Power {
    /** {@code keras.ops.power(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("power").numpy("Power").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Power() {
    }

    static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("power", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        Tensor y = Elementwise.binary(BinaryOp.POWER, a, b, out);
        OpSupport.gradient(y, a, b, (g, needed) -> new Tensor[] {
            needed[0] ? Broadcasting.unbroadcast(
                    Multiply.apply(g, Multiply.apply(b, apply(a, Subtract.apply(b, Tensor.scalar(1f))))),
                    a.shape()) : null,
            needed[1] ? Broadcasting.unbroadcast(exponentGradient(g, y, a), b.shape()) : null});
        return y;
    }

    /** {@code g·y·log(a)} where {@code a > 0}, else 0. */
    private static Tensor exponentGradient(Tensor g, Tensor y, Tensor a) {
        Tensor positive = Elementwise.binary(BinaryOp.GREATER, a, Tensor.scalar(0f), a.shape());
        Tensor safeLog = Log.apply(Where.apply(positive, a, Tensor.scalar(1f)));
        return Where.apply(positive, Multiply.apply(Multiply.apply(g, y), safeLog), Tensor.scalar(0f));
    }
}

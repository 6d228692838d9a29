package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/**
 * SiLU, also called swish: {@code x·sigmoid(x)}. Gradient: {@code g·s·(1 + x·(1 - s))} with
 * {@code s = sigmoid(x)}, recomputed by the op (not kept from the forward pass) so it is differentiable again.
 */
final class Silu {
    /** {@code keras.ops.silu(x)}. */
    static final OpSpec SPEC = OpSpec.op("silu").nn("Silu").rebuild((in, args) -> apply(in.get(0)));

    private Silu() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.binary(BinaryOp.MULTIPLY, x, Elementwise.unary(UnaryOp.SIGMOID, x), x.shape());
        OpSupport.gradient(y, x, (g, needed) -> {
            Tensor s = Sigmoid.apply(x);
            Tensor slope = Multiply.apply(s, Add.apply(Multiply.apply(x, Subtract.apply(Tensor.scalar(1f), s)),
                    Tensor.scalar(1f)));
            return new Tensor[] {Multiply.apply(g, slope)};
        });
        return y;
    }
}

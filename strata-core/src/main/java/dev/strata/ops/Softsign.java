package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/** {@code x / (1 + |x|)}. Gradient: {@code g / (1 + |x|)²}. */
final class Softsign {
    /** {@code keras.ops.softsign(x)}. */
    static final OpSpec SPEC = OpSpec.op("softsign").nn("Softsign").rebuild((in, args) -> apply(in.get(0)));

    private Softsign() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.SOFTSIGN, x);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Divide.apply(g, Square.apply(Add.apply(Abs.apply(x), Tensor.scalar(1f))))});
        return y;
    }
}

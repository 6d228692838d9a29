package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * {@code x1 / x2}, broadcast: Keras's alias of divide, saved as its own class ({@code TrueDivide}) as Keras saves
 * it; values and gradient are {@link Divide}'s.
 */
final class TrueDivide {
    /** {@code keras.ops.true_divide(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("true_divide").numpy("TrueDivide").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private TrueDivide() {
    }

    static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("trueDivide", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        return Divide.apply(a, b);
    }
}

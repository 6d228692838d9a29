package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Tensor;

/**
 * {@code |x|} as numpy's {@code fabs}: for Strata's float tensors the same values as {@link Abs}, but its own Keras
 * class ({@code Fabs}), as Keras saves it. Gradient as JAX's: {@code g} where {@code x >= 0} (so at ±0 too),
 * {@code -g} elsewhere (NaN included). ({@link Abs} keeps TensorFlow's 0 at x = 0.)
 */
final class Fabs {
    /** {@code keras.ops.fabs(x)}. */
    static final OpSpec SPEC = OpSpec.op("fabs").numpy("Fabs").rebuild((in, args) -> apply(in.get(0)));

    private Fabs() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = Elementwise.unary(UnaryOp.ABS, x);
        // A piecewise constant factor, so also right for second derivatives.
        Tensor slope = Pointwise.map(x, v -> v >= 0f ? 1f : -1f);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, slope)});
        return y;
    }
}

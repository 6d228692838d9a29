package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * The scaled ELU, {@code scale·elu(x, alpha)} with the self-normalizing constants of Klambauer et al. (2017),
 * to the digits JAX and Keras use. Gradient: see {@link Elu#piecewiseGradient}.
 */
final class Selu {
    /** {@code keras.ops.selu(x)}. */
    static final OpSpec SPEC = OpSpec.op("selu").nn("Selu").rebuild((in, args) -> apply(in.get(0)));

    static final double ALPHA = 1.6732632423543772848170429916717;
    static final double SCALE = 1.0507009873554804934193349852946;

    private Selu() {
    }

    static Tensor apply(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC, x.shape(), in -> apply(in.get(0)), x);
        }
        Tensor y = OpSupport.wrap(Elu.forward(OpSupport.data(x), ALPHA, SCALE), x.shape());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Elu.piecewiseGradient(g, x, y, (float) SCALE, (float) ALPHA)});
        return y;
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * {@code x1·2^x2}, broadcast, exactly (IEEE's scalb: one rounding, +inf on overflow), for an integer exponent x2
 * (Keras requires an integer tensor; here whole numbers in int32's range, else an error naming the argument and the
 * position; in a saved graph Python Keras requires x2 to be int32 there, see {@link Bitwise}). ±0, ±inf and NaN
 * in x1 stay. One difference: XLA on CPU flushes subnormal floats to zero, so where a
 * value or result is below 2^-126 in magnitude Keras gives 0 (or x1 unchanged), while Strata keeps the subnormal.
 *
 * <p>Gradient (JAX's): {@code g·2^x2} to x1 (NaN included), but g where x1 is ±0 or ±inf (JAX passes those through
 * a select); x2 is an integer and gets a zero gradient. (JAX's rule goes through its frexp's float arithmetic, which
 * drifts for |x1| beyond ~1e30 and gives 0 or NaN near float32's top; Strata's factor is exactly {@code 2^x2}.)
 */
final class Ldexp {
    /** {@code keras.ops.ldexp(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("ldexp").numpy("Ldexp").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private Ldexp() {
    }

    static Tensor apply(Tensor x1, Tensor x2) {
        Shape out = Broadcasting.shape("ldexp", x1.shape(), x2.shape());
        if (x1.isSymbolic() || x2.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), x1, x2);
        }
        WholeNumbers.check("ldexp", "x2", x2);
        Tensor y = Pointwise.map(x1, x2, out, (m, e) -> Math.scalb(m, (int) e));
        OpSupport.gradient(y, x1, x2, (g, needed) -> {
            Tensor toX1 = null;
            if (needed[0]) {
                // Piecewise constant in x1, so a constant factor is also right for second derivatives.
                Tensor slope = Pointwise.map(x1, x2, out, (m, e) -> m == 0f || Float.isInfinite(m) ? 1f
                        : Math.scalb(1f, (int) e));
                toX1 = Broadcasting.unbroadcast(Multiply.apply(g, slope), x1.shape());
            }
            return new Tensor[] {toX1, needed[1] ? Tensor.zeros(x2.shape()) : null};
        });
        return y;
    }
}

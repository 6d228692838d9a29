package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;

/**
 * deg2rad and rad2deg: x times the float32 constant π/180 or 180/π, as JAX multiplies (so the same bits). One
 * class for the two, as they differ only in the constant. Gradient: {@code g} times the constant.
 */
final class AngleUnits {
    /** {@code keras.ops.deg2rad(x)}. */
    static final OpSpec DEG2RAD = OpSpec.op("deg2rad").numpy("Deg2rad")
            .rebuild((in, args) -> deg2rad(in.get(0)));
    /** {@code keras.ops.rad2deg(x)}. */
    static final OpSpec RAD2DEG = OpSpec.op("rad2deg").numpy("Rad2deg")
            .rebuild((in, args) -> rad2deg(in.get(0)));
    private static final float TO_RAD = (float) (Math.PI / 180);
    private static final float TO_DEG = (float) (180 / Math.PI);

    private AngleUnits() {
    }

    static Tensor deg2rad(Tensor x) {
        return scale(DEG2RAD, TO_RAD, x);
    }

    static Tensor rad2deg(Tensor x) {
        return scale(RAD2DEG, TO_DEG, x);
    }

    private static Tensor scale(OpSpec spec, float c, Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(spec, x.shape(), in -> scale(spec, c, in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> v * c);
        Tensor k = Tensor.scalar(c);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g, k)});
        return y;
    }
}

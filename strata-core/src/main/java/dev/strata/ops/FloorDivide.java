package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The floored quotient, broadcast, as JAX computes it for floats (CPython's {@code float_divmod}): with
 * {@code r = fmod(x1, x2)}, {@code (x1 - r)/x2}, less 1 where r is non-zero with a sign other than x2's, rounded
 * (halves away from 0). So {@code floor_divide(x, 0)} is ±inf (NaN for 0/0) and {@code floor_divide(-1, inf) = -1}.
 * Its gradient is zero (JAX's, through the rounding), recorded as zeros.
 */
final class FloorDivide {
    /** {@code keras.ops.floor_divide(x1, x2)}. */
    static final OpSpec SPEC = OpSpec.op("floor_divide").numpy("FloorDivide").binary()
            .rebuild((in, args) -> apply(in.get(0), in.get(1)));

    private FloorDivide() {
    }

    static Tensor apply(Tensor a, Tensor b) {
        Shape out = Broadcasting.shape("floorDivide", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(SPEC, out, in -> apply(in.get(0), in.get(1)), a, b);
        }
        Tensor y = Pointwise.map(a, b, out, FloorDivide::floorDivide);
        OpSupport.gradient(y, a, b, (g, needed) -> new Tensor[] {
            needed[0] ? Tensor.zeros(a.shape()) : null, needed[1] ? Tensor.zeros(b.shape()) : null});
        return y;
    }

    static float floorDivide(float p, float q) {
        float r = p % q;
        float div = (q == 0f ? p : p - r) / q;
        if (r != 0f && Math.signum(q) != Math.signum(r)) {
            div -= 1f;
        }
        return (float) Math.copySign(Math.floor(Math.abs((double) div) + 0.5), div);
    }
}

package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * isclose and allclose, as JAX computes them in float32: {@code x1 == x2}, or x2 finite and
 * {@code |x1 - x2| <= atol + rtol·|x2|} (so not symmetric in x1 and x2); with {@code equal_nan} NaN is close to NaN.
 * isclose gives 1/0 per element, broadcast; allclose one scalar 1/0, whether every element is close. Keras saves
 * them differently: isclose's {@code rtol} and {@code atol} are positional arguments of the call and only
 * {@code equal_nan} is config, while AllClose keeps all three in its config; the specs say so. Not differentiable
 * (nothing is recorded). One class for the two, as allclose is the conjunction of isclose.
 */
final class Isclose {
    /** {@code keras.ops.isclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False)}. */
    static final OpSpec ISCLOSE = OpSpec.op("isclose").numpy("Isclose").binary()
            .positional("rtol", Type.FLOAT).positional("atol", Type.FLOAT).config("equal_nan", Type.BOOL, false)
            .rebuild((in, args) -> isclose(in.get(0), in.get(1), args.number("rtol"), args.number("atol"),
                    args.bool("equal_nan")));
    /** {@code keras.ops.allclose(x1, x2, rtol=1e-5, atol=1e-8, equal_nan=False)}. */
    static final OpSpec ALLCLOSE = OpSpec.op("allclose").numpy("AllClose").binary()
            .config("rtol", Type.FLOAT, 1e-5f).config("atol", Type.FLOAT, 1e-8f).config("equal_nan", Type.BOOL, false)
            .rebuild((in, args) -> allclose(in.get(0), in.get(1), args.number("rtol"), args.number("atol"),
                    args.bool("equal_nan")));

    private Isclose() {
    }

    static Tensor isclose(Tensor a, Tensor b, float rtol, float atol, boolean equalNan) {
        Shape out = Broadcasting.shape("isclose", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(ISCLOSE.args(rtol, atol, equalNan), out,
                    in -> isclose(in.get(0), in.get(1), rtol, atol, equalNan), a, b);
        }
        return Pointwise.map(a, b, out, (p, q) -> Pointwise.bool(close(p, q, rtol, atol, equalNan)));
    }

    static Tensor allclose(Tensor a, Tensor b, float rtol, float atol, boolean equalNan) {
        Shape out = Broadcasting.shape("allclose", a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(ALLCLOSE.args(rtol, atol, equalNan), Shape.of(),
                    in -> allclose(in.get(0), in.get(1), rtol, atol, equalNan), a, b);
        }
        float[] each = OpSupport.data(Pointwise.map(a, b, out, (p, q) -> Pointwise.bool(close(p, q, rtol, atol,
                equalNan))));
        boolean all = true;
        for (float v : each) {
            all &= v != 0f;
        }
        return Tensor.scalar(Pointwise.bool(all));
    }

    /** JAX's test, in float32 as JAX computes it. */
    private static boolean close(float p, float q, float rtol, float atol, boolean equalNan) {
        boolean in = Math.abs(p - q) <= atol + rtol * Math.abs(q);
        return p == q || (Float.isFinite(q) && in) || (equalNan && p != p && q != q);
    }
}

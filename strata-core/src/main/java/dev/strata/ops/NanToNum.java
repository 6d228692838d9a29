package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Tensor;

/**
 * Replaces NaN with {@code nan}, +inf with {@code posinf} and -inf with {@code neginf}, like
 * {@code keras.ops.nan_to_num(x, nan=0.0, posinf=None, neginf=None)}: a null {@code posinf} is the largest float32
 * ({@code Float.MAX_VALUE}) and a null {@code neginf} its negative. Gradient (as JAX's): g where x is finite, 0
 * where a value was replaced.
 */
final class NanToNum {
    /** {@code keras.ops.nan_to_num(x, nan=0.0, posinf=None, neginf=None)}. */
    static final OpSpec SPEC = OpSpec.op("nan_to_num").numpy("NanToNum").config("nan", Type.FLOAT, 0f)
            .config("posinf", Type.OPTIONAL_FLOAT).config("neginf", Type.OPTIONAL_FLOAT)
            .rebuild((in, args) -> apply(in.get(0), args.number("nan"), args.optionalNumber("posinf"),
                    args.optionalNumber("neginf")));

    private static final Tensor ZERO = Tensor.scalar(0f);

    private NanToNum() {
    }

    static Tensor apply(Tensor x, float nan, Float posinf, Float neginf) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(nan, posinf, neginf), x.shape(),
                    in -> apply(in.get(0), nan, posinf, neginf), x);
        }
        float pos = posinf == null ? Float.MAX_VALUE : posinf;
        float neg = neginf == null ? -Float.MAX_VALUE : neginf;
        Tensor y = Pointwise.map(x, v -> Float.isNaN(v) ? nan : v == Float.POSITIVE_INFINITY ? pos
                : v == Float.NEGATIVE_INFINITY ? neg : v);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Where.apply(IsFinite.apply(x), g, ZERO)});
        return y;
    }
}
